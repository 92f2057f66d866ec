import ArabicText
import Foundation
import GlossaryData
import ICUBridge

/// The names Tarjuman knows: the bundled Glossaries, overlaid by the user's files, indexed for
/// lookup in both directions.
///
///     let kb = try NameKnowledgeBase.load()
///     kb.lookup("وبوتين").first?.latin  // "Vladimir Putin"
///
/// Indexes: `matching`-normalized Arabic forms (canonical and variants); surnames of people;
/// folded English forms (case, accents and punctuation ignored); and a token trie over
/// multi-word names for longest-match spotting in running text. Immutable once built, so one
/// value serves every thread.
public final class NameKnowledgeBase: Sendable {
    public let entries: [NameEntry]
    /// What loading found wrong but could work around (rows skipped), for the user to see.
    public let issues: [KnowledgeBaseIssue]
    /// The files read, in order.
    public let files: [String]

    let byID: IDTable
    let arabic: Postings
    let surnames: Postings
    let english: Postings
    /// People by the last word of an English form (Witkoff).
    let englishSurnames: Postings
    /// Every token prefix of a multi-word Arabic form: 1 prefix of a longer name, 2 a whole name.
    let multiword: KeyFlags

    /// The Arabic part of a person's name that stands where an English surname stands: the
    /// word in the same place when both forms have as many words, else the last word.
    func arabicPart(of entry: NameEntry, englishSurname: String) -> String {
        let arabicTokens = entry.arabic.splitOnSpaces()
        for form in CollectionOfOne(entry.english) + entry.englishVariants.map(\.text) {
            let tokens = EnglishFolding.fold(form).splitOnSpaces()
            if tokens.last.map(String.init) == englishSurname {
                if arabicTokens.count == tokens.count { return String(arabicTokens[tokens.count - 1]) }
                break
            }
        }
        return arabicTokens.last.map(String.init) ?? entry.arabic
    }

    // MARK: - Loading

    /// The bundled data, then each path in order (files or folders), then the paths of the
    /// `TARJUMAN_KB` environment variable (separated by ':'); a later entry with the same id
    /// replaces an earlier one.
    public static func load(paths: [String] = [], environment: [String: String] = ProcessInfo.processInfo.environment,
                            includeBundled: Bool = true) throws -> NameKnowledgeBase {
        var files: [URL] = []
        if includeBundled {
            guard let directory = GlossaryData.directory else { throw KnowledgeBaseError.missingBundledData }
            files += try GlossaryFile.files(at: directory.path)
        }
        let fromEnvironment = environment["TARJUMAN_KB"].map { $0.split(separator: ":").map(String.init) } ?? []
        for path in paths + fromEnvironment where !path.isEmpty {
            files += try GlossaryFile.files(at: path)
        }
        return try NameKnowledgeBase(files: files)
    }

    /// Reads the files in order; a later entry with the same id replaces an earlier one.
    public convenience init(files: [URL]) throws {
        var entries: [NameEntry] = []
        var issues: [KnowledgeBaseIssue] = []
        for file in files {
            let (read, found) = try GlossaryFile.read(file, displayName: GlossaryFile.displayName(of: file))
            entries += read
            issues += found
        }
        self.init(entries: entries, issues: issues, files: files.map(\.path))
    }

    public init(entries all: [NameEntry], issues: [KnowledgeBaseIssue] = [], files: [String] = []) {
        // Overlay: the last entry with an id wins, in the place of the first.
        var byID = IDTable(capacity: all.count)
        var entries: [NameEntry] = []
        entries.reserveCapacity(all.count)
        for entry in all {
            let at = byID.findOrInsert(entry.id, index: entries.count, in: entries)
            if at < entries.count {
                entries[at] = entry
            } else {
                entries.append(entry)
            }
        }
        self.entries = entries
        self.issues = issues
        self.files = files

        let normalizer = ArabicNormalizer.matching
        nonisolated(unsafe) var arabic = Postings(capacity: entries.count * 2)
        nonisolated(unsafe) var surnames = Postings(capacity: entries.count)
        nonisolated(unsafe) var english = Postings(capacity: entries.count * 2)
        nonisolated(unsafe) var englishSurnames = Postings(capacity: entries.count)
        nonisolated(unsafe) var multiword = KeyFlags(capacity: entries.count)
        let list = entries

        // The Arabic and the English indexes share nothing: build them side by side.
        // Three jobs that share nothing, on two threads: the Arabic forms and surnames; the
        // word trie of multi-word names; the English forms and surnames.
        @Sendable func buildArabic() {
            for (index, entry) in list.enumerated() {
                let i = Int32(index)
                func indexArabic(_ form: String) {
                    var key = normalizer.normalize(form)
                    key.withUTF8 { bytes in
                        arabic.add(hash: Postings.hash(bytes), i)
                        guard entry.type == .person, let space = bytes.firstIndex(of: 0x20) else { return }
                        var starts = [0, space + 1]
                        for k in (space + 1)..<bytes.count where bytes[k] == 0x20 { starts.append(k + 1) }
                        for surname in Self.surnameRanges(bytes, starts: starts) {
                            surnames.add(hash: Postings.hash(UnsafeBufferPointer(rebasing: bytes[surname])), i)
                        }
                    }
                }
                indexArabic(entry.arabic)
                for variant in entry.arabicVariants { indexArabic(variant) }
            }
        }
        @Sendable func buildTrieAndEnglish() {
            for (index, entry) in list.enumerated() {
                let i = Int32(index)
                func indexWords(_ form: String) {
                    // Only multi-word forms enter the trie; most forms have no space at all.
                    guard form.utf8.contains(0x20) else { return }
                    var key = normalizer.normalize(form)
                    key.withUTF8 { bytes in
                        // One pass gives the hash of every word prefix.
                        var state = Postings.seed
                        for b in bytes {
                            if b == 0x20 { multiword.insert(hash: Postings.finish(state), 1) }
                            state = Postings.step(state, b)
                        }
                        multiword.insert(hash: Postings.finish(state), 2)
                    }
                }
                indexWords(entry.arabic)
                for variant in entry.arabicVariants { indexWords(variant) }
                func indexEnglish(_ form: String) {
                    var key = EnglishFolding.fold(form)
                    key.withUTF8 { bytes in
                        english.add(hash: Postings.hash(bytes), i)
                        if entry.type == .person, let space = bytes.lastIndex(of: 0x20) {
                            englishSurnames.add(hash: Postings.hash(UnsafeBufferPointer(rebasing: bytes[(space + 1)...])), i)
                        }
                    }
                }
                indexEnglish(entry.english)
                for variant in entry.englishVariants { indexEnglish(variant.text) }
            }
        }
        if entries.count > 20_000 {
            DispatchQueue.concurrentPerform(iterations: 2) { $0 == 0 ? buildArabic() : buildTrieAndEnglish() }
        } else {
            buildArabic()
            buildTrieAndEnglish()
        }
        self.byID = byID
        self.arabic = arabic
        self.surnames = surnames
        self.english = english
        self.englishSurnames = englishSurnames
        self.multiword = multiword
    }

    /// Ordinals and particles that are not surnames when they end a name.
    static let notSurnames: Set<String> = ["الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن",
                                           "التاسع", "العاشر", "عشر", "جونيور", "الابن", "الاب", "الاكبر", "الاصغر"]
    static let particles: Set<String> = ["بن", "ابن", "ال", "ابو", "ابي", "ولد", "بنت"]

    /// The byte ranges of a normalized name under which a person is found by part of the name:
    /// the last word, and the name from a particle on (بن سلمان, ابو مازن). `starts` are the
    /// offsets where the words start.
    static func surnameRanges(_ bytes: UnsafeBufferPointer<UInt8>, starts: [Int]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        func word(_ k: Int) -> Range<Int> { starts[k]..<(k + 1 < starts.count ? starts[k + 1] - 1 : bytes.count) }
        func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self) }
        let last = word(starts.count - 1)
        let lastText = text(last)
        if !notSurnames.contains(lastText), lastText.unicodeScalars.count > 1 { ranges.append(last) }
        for k in 1..<(starts.count - 1) where particles.contains(text(word(k))) {
            ranges.append(starts[k]..<bytes.count)
            break
        }
        return ranges
    }

    // MARK: - Access

    public func entry(id: String) -> NameEntry? {
        byID.index(of: id, in: entries).map { entries[$0] }
    }

    /// The entries whose Arabic form (canonical or variant) normalizes to this key.
    public func entries(arabicKey key: String) -> [NameEntry] {
        arabic.lookup(key).map { entries[Int($0)] }
    }

    /// Whether a `matching`-normalized word is the surname of a known person (بوتين).
    public func isSurname(_ key: String) -> Bool { surnames.contains(key) }

    /// Whether a `matching`-normalized token sequence starts a known multi-word name, and
    /// whether it is one.
    public func multiwordState(_ key: String) -> (isPrefix: Bool, isName: Bool) {
        let flags = multiword.flags(of: key)
        return (flags & 1 != 0, flags & 2 != 0)
    }

    /// Counts by type and subtype, and by source.
    public func statistics() -> (byType: [(String, Int)], bySubtype: [(String, Int)], bySource: [(String, Int)]) {
        var types: [String: Int] = [:], subtypes: [String: Int] = [:], sources: [String: Int] = [:]
        for entry in entries {
            types[entry.type.rawValue, default: 0] += 1
            subtypes["\(entry.type.rawValue)/\(entry.subtype.isEmpty ? "-" : entry.subtype)", default: 0] += 1
            for source in entry.source.split(separator: "|") { sources[String(source), default: 0] += 1 }
            if entry.source.isEmpty { sources["(none)", default: 0] += 1 }
        }
        func sorted(_ d: [String: Int]) -> [(String, Int)] { d.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key } }
        return (sorted(types), sorted(subtypes), sorted(sources))
    }
}

/// A dictionary key compared and hashed by its UTF-8 bytes. String's own hashing normalizes
/// non-ASCII text on the fly, which dominates lookups; every key here is already normalized.
public struct ByteKey: Hashable, Sendable {
    public let string: String
    public init(_ string: String) { self.string = string }

    public static func == (a: ByteKey, b: ByteKey) -> Bool {
        var x = a.string, y = b.string
        return x.withUTF8 { p in
            y.withUTF8 { q in
                p.count == q.count && (p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0)
            }
        }
    }

    /// One 64-bit FNV-1a hash of the bytes, then the standard hasher over that word only.
    public func hash(into hasher: inout Hasher) {
        var copy = string
        hasher.combine(copy.withUTF8 { Postings.hash($0) })
    }
}

/// Keys to entry indexes, in flat arrays: an open-addressing table of 64-bit key hashes
/// (FNV-1a over the UTF-8 bytes, then mixed) and a chain of postings per key. No key is stored,
/// so a million names cost tens of megabytes, not hundreds; two keys would have to share all
/// 64 bits of hash to be confused (about one chance in ten million at four million keys).
struct Postings: Sendable {
    /// A slot of the table: the key's hash (0 when empty) and its last posting.
    private struct Slot {
        var hash: UInt64 = 0
        var head: Int32 = -1
    }

    private var slots: [Slot]
    private var entries: [Int32] = []
    private var next: [Int32] = []
    private var count = 0
    private var mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(), count: size)
        mask = size - 1
        entries.reserveCapacity(capacity)
        next.reserveCapacity(capacity)
    }

    static let seed: UInt64 = 0xCBF2_9CE4_8422_2325

    @inline(__always)
    static func step(_ h: UInt64, _ byte: UInt8) -> UInt64 { (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }

    /// Finishes an FNV-1a state with a mix, so that similar keys spread over the table.
    @inline(__always)
    static func finish(_ state: UInt64) -> UInt64 {
        var h = state
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &= 0x3FFF_FFFF_FFFF_FFFF  // the top two bits are free for flags (see KeyFlags)
        return h == 0 ? 0x1E37_79B9_7F4A_7C15 : h  // never 0, which marks an empty slot
    }

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = seed
        for b in bytes { h = step(h, b) }
        return finish(h)
    }

    @inline(__always)
    static func hash(_ key: String) -> UInt64 {
        var copy = key
        return copy.withUTF8 { hash($0) }
    }

    @inline(__always)
    private func slot(of h: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let stored = slots[i].hash
            if stored == 0 || stored == h { return i }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot.hash != 0 {
            slots[self.slot(of: slot.hash)] = slot
        }
    }

    mutating func add(_ key: String, _ entry: Int32) {
        add(hash: Self.hash(key), entry)
    }

    mutating func add(hash h: UInt64, _ entry: Int32) {
        if (count + 1) * 2 > slots.count { grow() }
        let s = slot(of: h)
        if slots[s].hash == 0 {
            slots[s].hash = h
            count += 1
        } else {
            // Already listed for this key (a variant normalizing like the canonical form)?
            var p = slots[s].head
            while p >= 0 {
                if entries[Int(p)] == entry { return }
                p = next[Int(p)]
            }
        }
        entries.append(entry)
        next.append(slots[s].head)
        slots[s].head = Int32(entries.count - 1)
    }

    /// Calls `body` with each entry of a key, first added first.
    func forEach(_ key: String, _ body: (Int32) -> Void) {
        forEachHash(Self.hash(key), body)
    }

    func forEachHash(_ h: UInt64, _ body: (Int32) -> Void) {
        let s = slot(of: h)
        guard slots[s].hash != 0 else { return }
        var p = slots[s].head
        if next[Int(p)] < 0 { body(entries[Int(p)]); return }
        var found: [Int32] = []
        while p >= 0 {
            found.append(entries[Int(p)])
            p = next[Int(p)]
        }
        for e in found.reversed() { body(e) }
    }

    func lookup(_ key: String) -> [Int32] {
        var result: [Int32] = []
        forEach(key) { result.append($0) }
        return result
    }

    func contains(_ key: String) -> Bool { slots[slot(of: Self.hash(key))].hash != 0 }
}

/// Entry ids to positions, in a flat table of id hashes; a hit is confirmed against the
/// entry's own id, so two ids never merge.
struct IDTable: Sendable {
    private var hashes: [UInt64]
    private var indexes: [Int32]
    private var count = 0
    private var mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        hashes = [UInt64](repeating: 0, count: size)
        indexes = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// The slot where an id is listed, or the empty slot where it would go, and its position.
    private func probe(_ id: String, _ h: UInt64, in entries: [NameEntry]) -> (slot: Int, position: Int?) {
        var i = Int(truncatingIfNeeded: h) & mask
        while hashes[i] != 0 {
            if hashes[i] == h {
                let at = Int(indexes[i])
                var a = entries[at].id, b = id
                if a.withUTF8({ x in b.withUTF8 { y in x.elementsEqual(y) } }) { return (i, at) }
            }
            i = (i + 1) & mask
        }
        return (i, nil)
    }

    func index(of id: String, in entries: [NameEntry]) -> Int? {
        probe(id, Postings.hash(id), in: entries).position
    }

    /// The position of an id already listed, or else lists it at `index` and returns that.
    mutating func findOrInsert(_ id: String, index: Int, in entries: [NameEntry]) -> Int {
        if (count + 1) * 2 > hashes.count { grow() }
        let h = Postings.hash(id)
        let (i, position) = probe(id, h, in: entries)
        if let position { return position }
        hashes[i] = h
        indexes[i] = Int32(index)
        count += 1
        return index
    }

    private mutating func grow() {
        let old = (hashes, indexes)
        hashes = [UInt64](repeating: 0, count: old.0.count * 2)
        indexes = [Int32](repeating: -1, count: old.0.count * 2)
        mask = hashes.count - 1
        for (k, h) in old.0.enumerated() where h != 0 { place(h, old.1[k]) }
    }

    private mutating func place(_ h: UInt64, _ index: Int32) {
        var i = Int(truncatingIfNeeded: h) & mask
        while hashes[i] != 0 { i = (i + 1) & mask }
        hashes[i] = h
        indexes[i] = index
    }
}

/// A set of keys with two flag bits each, kept in the top bits of the stored hash: one array,
/// one cache line a probe.
struct KeyFlags: Sendable {
    private var slots: [UInt64]
    private var count = 0
    private var mask: Int
    private static let hashBits: UInt64 = 0x3FFF_FFFF_FFFF_FFFF

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always)
    private func slot(of h: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let stored = slots[i] & Self.hashBits
            if stored == 0 || stored == h { return i }
            i = (i + 1) & mask
        }
    }

    mutating func insert(_ key: String, _ bits: UInt8) {
        insert(hash: Postings.hash(key), bits)
    }

    mutating func insert(hash h: UInt64, _ bits: UInt8) {
        if (count + 1) * 2 > slots.count {
            let old = slots
            slots = [UInt64](repeating: 0, count: old.count * 2)
            mask = slots.count - 1
            for value in old where value != 0 { slots[slot(of: value & Self.hashBits)] = value }
        }
        let s = slot(of: h)
        if slots[s] == 0 { count += 1 }
        slots[s] = h | (slots[s] & ~Self.hashBits) | (UInt64(bits & 3) << 62)
    }

    func flags(of key: String) -> UInt8 {
        let value = slots[slot(of: Postings.hash(key))]
        return value == 0 ? 0 : UInt8(value >> 62)
    }
}

/// English keys: lower case, no accents, punctuation as space, spaces squashed.
///
///     EnglishFolding.fold("Volodymyr Zelenskyy")  // "volodymyr zelenskyy"
///     EnglishFolding.fold("Ahmed al-Sharaa")      // "ahmed al sharaa"
///     EnglishFolding.fold("Recep Tayyip Erdoğan") // "recep tayyip erdogan"
public enum EnglishFolding {
    public static func fold(_ text: String) -> String {
        // Plain ASCII, the usual case, is folded on bytes.
        var copy = text
        let ascii: String? = copy.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                var n = 0
                var pendingSpace = false
                for b in bytes {
                    let lower = (0x41...0x5A).contains(b) ? b + 0x20 : b
                    if (0x61...0x7A).contains(lower) || (0x30...0x39).contains(lower) {
                        if pendingSpace && n > 0 { out[n] = 0x20; n += 1 }
                        pendingSpace = false
                        out[n] = lower
                        n += 1
                    } else if b == 0x27 || b == 0x60 {
                        continue
                    } else {
                        pendingSpace = true
                    }
                }
                return n
            }
        }
        if let ascii { return ascii }
        var source = text
        if !text.utf8.allSatisfy({ $0 < 0x80 }) {
            source = UnicodeNormalizer.nfkd.normalize(text)
        }
        var out = ""
        out.reserveCapacity(source.utf8.count)
        var pendingSpace = false
        for scalar in source.unicodeScalars {
            let v = scalar.value
            if (0x61...0x7A).contains(v) || (0x30...0x39).contains(v) {
                if pendingSpace && !out.isEmpty { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            } else if (0x41...0x5A).contains(v) {
                if pendingSpace && !out.isEmpty { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(Unicode.Scalar(v + 0x20)!)
            } else if v == 0x27 || v == 0x2019 || v == 0x2BC || v == 0x2BB || v == 0x2BF || v == 0x2BE || v == 0x60 {
                continue  // apostrophes and ʿayn/hamza marks vanish: O'Brien → obrien
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue
            } else if v >= 0x80 && scalar.properties.isAlphabetic {
                if pendingSpace && !out.isEmpty { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out += String(scalar).lowercased()
            } else {
                pendingSpace = true
            }
        }
        // Letters that do not decompose.
        if out.utf8.contains(where: { $0 >= 0x80 }) {
            for (from, to) in [("ø", "o"), ("æ", "ae"), ("ß", "ss"), ("ł", "l"), ("đ", "d"), ("ı", "i"), ("œ", "oe"), ("þ", "th")] {
                out = out.replacingOccurrences(of: from, with: to)
            }
        }
        return out
    }
}

extension String {
    /// The words between single spaces, cut on bytes (the keys here are normalized).
    func splitOnSpaces() -> [Substring] {
        var parts: [Substring] = []
        var start = startIndex
        var i = startIndex
        let utf8 = self.utf8
        while i < endIndex {
            if utf8[i] == 0x20 {
                if start < i { parts.append(self[start..<i]) }
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        if start < endIndex { parts.append(self[start..<endIndex]) }
        return parts
    }
}
