/// Known English names by the consonants an Arabic spelling of them would show, so that the
/// back-transliteration search can be given the known names it did not reach (أينشتاين: the
/// search keeps Ainstein and loses Einstein while the ei is still a guess; both show ن ش ت ن).
///
/// The consonants fall into nine coarse classes that Arabic and English spellings of one name
/// share, whatever the language the name comes from: b p → B; t d th → T; k c g j q ch kh → K
/// (ك ق غ ج خ); s z sh ch sch → S (س ص ز ش); f v ph → F; l; m; n; r. Vowels, h, w and y, and
/// their Arabic counterparts (ا و ي ة ه ح ع and the hamzas), are left out, a class written
/// twice in a row counts once, and a t or d before a sibilant is part of it (تش ch, تس ts, دج j).
///
///     KnownNameKeys.englishKeys("einstein")  // [[n, s, t, n]]
struct KnownNameKeys: Sendable {
    enum Consonant: UInt8 {
        case b = 1, t, k, s, f, l, m, n, r
    }

    /// Word indices by key.
    private let buckets: [UInt64: [Int32]]
    /// The known names as the model's English letter codes.
    private let words: [[UInt8]]
    /// The consonant class of each Arabic letter code (0: none), and whether it is a t or d
    /// that a following sibilant absorbs, or a sibilant.
    private let arabicClass: [UInt8]
    private let absorbed: [Bool]
    private let sibilant: [Bool]
    private let alef: UInt8?
    private let lam: UInt8?

    static let arabicClasses: [Character: Consonant] = {
        var map: [Character: Consonant] = [:]
        for (letters, c) in [("بپ", Consonant.b), ("تطدضثذ", .t), ("كقغجخگ", .k), ("سصزشظژ", .s), ("فڤ", .f), ("ل", .l),
                             ("م", .m), ("ن", .n), ("ر", .r)] {
            for letter in letters { map[letter] = c }
        }
        return map
    }()

    /// `words`: each name as written and as the model's English letter codes; `arabicLetters`:
    /// the model's Arabic letters by code.
    init(words: [(String, [UInt8])], arabicLetters: [Character]) {
        var buckets: [UInt64: [Int32]] = [:]
        for (k, (word, _)) in words.enumerated() {
            for key in Self.englishKeys(word) where !key.isEmpty {
                buckets[Self.hash(key), default: []].append(Int32(k))
            }
        }
        self.buckets = buckets
        self.words = words.map(\.1)
        arabicClass = arabicLetters.map { Self.arabicClasses[$0]?.rawValue ?? 0 }
        absorbed = arabicLetters.map { "تطد".contains($0) }
        sibilant = arabicLetters.map { "سزشصج".contains($0) }
        alef = arabicLetters.firstIndex(of: "ا").map { UInt8($0) }
        lam = arabicLetters.firstIndex(of: "ل").map { UInt8($0) }
    }

    static func hash(_ key: [Consonant]) -> UInt64 {
        key.reduce(0x84_2222_3251) { mixHash($0, UInt64($1.rawValue)) }
    }

    /// The keys of an English spelling: one, or more where a ch may be either sound (at most
    /// four).
    static func englishKeys(_ word: String) -> [[Consonant]] {
        let w = Array(word.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic }.map { $0.isASCII ? UInt8($0.value) : 0 })
        var keys: [[Consonant]] = [[]]
        func add(_ c: Consonant) {
            for k in keys.indices where keys[k].last != c { keys[k].append(c) }
        }
        func at(_ i: Int) -> UInt8 { i < w.count ? w[i] : 0 }
        func pair(_ i: Int, _ x: Unicode.Scalar, _ y: Unicode.Scalar) -> Bool { at(i) == UInt8(x.value) && at(i + 1) == UInt8(y.value) }
        var i = 0
        while i < w.count {
            let c = Unicode.Scalar(w[i]), next = Unicode.Scalar(at(i + 1))
            if pair(i, "s", "c") && at(i + 2) == UInt8(ascii: "h") {
                add(.s)
                i += 3
            } else if (c == "t" || c == "d") && (next == "s" || next == "z" || next == "j" || pair(i + 1, "s", "h") || pair(i + 1, "c", "h")
                                                 || (c == "d" && next == "g" && (at(i + 2) == UInt8(ascii: "e") || at(i + 2) == UInt8(ascii: "i")))) {
                i += 1  // part of the sibilant after it
            } else if pair(i, "s", "h") {
                add(.s)
                i += 2
            } else if pair(i, "c", "h") {
                keys = Array(keys.flatMap { key in [Consonant.s, .k].map { c in key.last == c ? key : key + [c] } }.prefix(4))
                i += 2
            } else if pair(i, "p", "h") {
                add(.f)
                i += 2
            } else if pair(i, "t", "h") {
                add(.t)
                i += 2
            } else if pair(i, "g", "h") {
                if i == 0 { add(.k) }
                i += 2
            } else if pair(i, "c", "k") {
                add(.k)
                i += 2
            } else {
                switch c {
                case "x": add(.k); add(.s)
                case "c": add(next == "e" || next == "i" || next == "y" ? .s : .k)
                case "g", "j", "k", "q": add(.k)
                case "s", "z": add(.s)
                case "b", "p": add(.b)
                case "t", "d": add(.t)
                case "f", "v": add(.f)
                case "l": add(.l)
                case "m": add(.m)
                case "n": add(.n)
                case "r": add(.r)
                default: break
                }
                i += 1
            }
        }
        return keys
    }

    /// The keys of a coded Arabic word: its own, and without an al- before it.
    func arabicKeys(_ a: [UInt8]) -> [UInt64] {
        func key(_ a: ArraySlice<UInt8>) -> [Consonant] {
            var out: [Consonant] = []
            for i in a.indices {
                let code = Int(a[i])
                if absorbed[code], i + 1 < a.endIndex, sibilant[Int(a[i + 1])] { continue }
                if let c = Consonant(rawValue: arabicClass[code]), out.last != c { out.append(c) }
            }
            return out
        }
        var keys = [key(a[...])]
        if a.count > 3, a[0] == alef, a[1] == lam { keys.append(key(a[2...])) }
        return keys.filter { !$0.isEmpty }.map(Self.hash)
    }

    /// Up to `limit` known names sharing a key with the Arabic word `a`, those nearest (in
    /// edits) the spelling `top` first, leaving out those in `excluding`.
    func nearest(_ a: [UInt8], to top: [UInt8], limit: Int, excluding: [[UInt8]: Int]) -> [[UInt8]] {
        guard limit > 0 else { return [] }
        // The best so far, nearest first (ties: the first in the word list).
        var kept: [(distance: Int, index: Int32)] = []
        var row = [Int](repeating: 0, count: top.count + 1), previous = row
        for key in arabicKeys(a) {
            candidates: for index in buckets[key] ?? [] {
                let word = words[Int(index)]
                // No nearer than the difference in length, nor than the best row so far.
                let bound = kept.count == limit ? kept[limit - 1].distance : Int.max
                guard abs(word.count - top.count) <= bound else { continue }
                for j in previous.indices { previous[j] = j }
                for (i, x) in word.enumerated() {
                    row[0] = i + 1
                    var least = row[0]
                    for (j, y) in top.enumerated() {
                        row[j + 1] = min(previous[j + 1] + 1, row[j] + 1, previous[j] + (x == y ? 0 : 1))
                        least = min(least, row[j + 1])
                    }
                    if least > bound { continue candidates }
                    swap(&row, &previous)
                }
                let distance = previous[top.count]
                guard kept.count < limit || (distance, index) < (kept[limit - 1].distance, kept[limit - 1].index),
                      !kept.contains(where: { $0.index == index }), excluding[word] == nil else { continue }
                let at = kept.firstIndex { (distance, index) < ($0.distance, $0.index) } ?? kept.count
                kept.insert((distance, index), at: at)
                if kept.count > limit { kept.removeLast() }
            }
        }
        return kept.map { words[Int($0.index)] }
    }
}
