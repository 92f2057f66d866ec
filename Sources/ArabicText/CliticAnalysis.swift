/// A proclitic: a one-letter word or the article written joined to the word that follows.
public enum Proclitic: UInt8, CaseIterable, Sendable {
    /// و "and"
    case wa = 1
    /// ف "so, then"
    case fa
    /// ب "with, in, by"
    case bi
    /// ل "for, to"
    case li
    /// ك "like, as"
    case ka
    /// س future marker on verbs
    case sa
    /// ال the definite article
    case article

    /// How it is written: و ف ب ل ك س, or ال.
    public var text: String {
        switch self {
        case .wa: "و"
        case .fa: "ف"
        case .bi: "ب"
        case .li: "ل"
        case .ka: "ك"
        case .sa: "س"
        case .article: "ال"
        }
    }
}

/// The proclitics of one reading, in writing order (at most four), packed in a word.
public struct Proclitics: RandomAccessCollection, Hashable, Sendable {
    private var packed: UInt16  // count in the low 3 bits, then 3 bits a proclitic

    public init() { packed = 0 }

    public init(_ proclitics: [Proclitic]) {
        self.init()
        for p in proclitics { append(p) }
    }

    var packedValue: UInt16 { packed }
    init(packed: UInt16) { self.packed = packed }

    mutating func append(_ p: Proclitic) {
        let n = count
        packed = (packed & ~0x7) | UInt16(n + 1)
        packed |= UInt16(p.rawValue) << (3 + 3 * n)
    }

    func appending(_ p: Proclitic) -> Proclitics {
        var copy = self
        copy.append(p)
        return copy
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { Int(packed & 0x7) }
    public subscript(position: Int) -> Proclitic {
        Proclitic(rawValue: UInt8((packed >> (3 + 3 * position)) & 0x7))!
    }
}

/// One reading of an Arabic word as proclitics and a stem.
///
///     CliticAnalysis.candidates(of: "وبالكرملين").map(\.description)
///     // ["وبالكرملين", "و+بالكرملين", "و+ب+الكرملين", "و+ب+ال+كرملين"]
///
/// The lam of "for" before the article drops the article's alef: للرئيس is ل + ال + رئيس.
public struct CliticAnalysis: Hashable, Sendable, CustomStringConvertible {
    /// The proclitics in the order they are written.
    public let proclitics: Proclitics
    /// The word without its proclitics.
    public let stem: Substring

    public init(proclitics: Proclitics, stem: Substring) {
        self.proclitics = proclitics
        self.stem = stem
    }

    public var hasArticle: Bool { proclitics.last == .article }

    /// The stem with the article when the analysis has one: the form a name is listed under.
    public var stemWithArticle: String { hasArticle ? "ال" + stem : String(stem) }

    /// `و+ب+ال+كرملين`, or the bare stem when there is no proclitic.
    public var description: String {
        (proclitics.map(\.text) + [String(stem)]).joined(separator: "+")
    }

    /// Stems shorter than this are not split off: "وا" is not و + ا.
    public static let minimumStemLength = 2

    /// Every reading of a word, from the word itself (no proclitic) to the most proclitics:
    /// an optional conjunction (و ف), then an optional preposition (ب ل ك) or future marker
    /// (س), then an optional article (ال, or ل after the preposition ل). The word should be
    /// `matching`-normalized, so that the article is written with a plain alef.
    public static func candidates(of word: Substring) -> CliticAnalyses {
        // The first six scalars and where they start decide every reading: at most four
        // letters of proclitics, and a stem of at least two.
        var heads: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
        var starts: (Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0)
        var scalarCount = 0
        let scan: Void? = word.utf8.withContiguousStorageIfAvailable { bytes in
            var i = 0
            while i < bytes.count && scalarCount < 4 + minimumStemLength {
                let (scalar, length) = decodeScalar(bytes, at: i)
                switch scalarCount {
                case 0: heads.0 = scalar
                case 1: heads.1 = scalar; starts.1 = i
                case 2: heads.2 = scalar; starts.2 = i
                case 3: heads.3 = scalar; starts.3 = i
                case 4: starts.4 = i
                default: break
                }
                i += length
                scalarCount += 1
            }
        }
        if scan == nil {
            var byteCount = 0
            for scalar in word.unicodeScalars {
                switch scalarCount {
                case 0: heads.0 = scalar.value
                case 1: heads.1 = scalar.value; starts.1 = byteCount
                case 2: heads.2 = scalar.value; starts.2 = byteCount
                case 3: heads.3 = scalar.value; starts.3 = byteCount
                case 4: starts.4 = byteCount
                default: break
                }
                byteCount += UTF8.width(scalar)
                scalarCount += 1
                if scalarCount == 4 + minimumStemLength { break }
            }
        }
        var result = CliticAnalyses(word: word)
        guard scalarCount > minimumStemLength else { return result }

        func head(_ i: Int) -> UInt32 {
            switch i {
            case 0: heads.0
            case 1: heads.1
            case 2: heads.2
            default: heads.3
            }
        }
        func start(_ i: Int) -> Int {
            switch i {
            case 0: 0
            case 1: starts.1
            case 2: starts.2
            case 3: starts.3
            default: starts.4
            }
        }
        func add(_ proclitics: Proclitics, consumed: Int) {
            guard scalarCount - consumed >= minimumStemLength else { return }
            result.append(proclitics, stemOffset: start(consumed))
        }

        let wa: UInt32 = 0x0648, fa: UInt32 = 0x0641, bi: UInt32 = 0x0628, li: UInt32 = 0x0644
        let ka: UInt32 = 0x0643, sa: UInt32 = 0x0633, alef: UInt32 = 0x0627

        // Each conjunction choice (none, or the word's first letter), then each preposition.
        let conjunction: Proclitic? = head(0) == wa ? .wa : (head(0) == fa ? .fa : nil)
        for choice in 0..<(conjunction == nil ? 1 : 2) {
            let withConjunction = choice == 1
            var base = Proclitics()
            if withConjunction, let conjunction { base.append(conjunction) }
            let afterConjunction = base.count
            var middle: Proclitic?
            switch head(afterConjunction) {
            case bi: middle = .bi
            case li: middle = .li
            case ka: middle = .ka
            case sa: middle = .sa
            default: middle = nil
            }
            // Without a preposition: the conjunction alone, then the article.
            if withConjunction { add(base, consumed: afterConjunction) }
            if afterConjunction + 1 < 4 && head(afterConjunction) == alef && head(afterConjunction + 1) == li {
                add(base.appending(.article), consumed: afterConjunction + 2)
            }
            guard let middle else { continue }
            let withMiddle = base.appending(middle)
            add(withMiddle, consumed: afterConjunction + 1)
            switch middle {
            case .sa:
                break  // the future marker goes on verbs, which take no article
            case .li:
                if afterConjunction + 1 < 4 && head(afterConjunction + 1) == li {
                    add(withMiddle.appending(.article), consumed: afterConjunction + 2)
                }
            default:
                if afterConjunction + 2 < 4 && head(afterConjunction + 1) == alef && head(afterConjunction + 2) == li {
                    add(withMiddle.appending(.article), consumed: afterConjunction + 3)
                }
            }
        }
        return result
    }

    public static func candidates(of word: String) -> CliticAnalyses {
        candidates(of: word[...])
    }
}

/// The readings of one word, stored inline (a word has at most eight), so that analysing a
/// word allocates nothing.
public struct CliticAnalyses: RandomAccessCollection, Sendable {
    public let word: Substring
    // Each entry: proclitics in the high 16 bits, the stem's UTF-8 offset in the low 16.
    private var entries: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)
    private var stored: Int

    /// The bare reading of a word (the word itself) and no other yet.
    init(word: Substring) {
        self.word = word
        entries = (0, 0, 0, 0, 0, 0, 0, 0)
        stored = 1
    }

    /// No reading at all, for tokens that are not Arabic words.
    public static let none: CliticAnalyses = {
        var empty = CliticAnalyses(word: "")
        empty.stored = 0
        return empty
    }()

    mutating func append(_ proclitics: Proclitics, stemOffset: Int) {
        guard stored < 8 else { return }
        let value = UInt32(proclitics.packedValue) << 16 | UInt32(stemOffset & 0xFFFF)
        withUnsafeMutableBytes(of: &entries) { $0.storeBytes(of: value, toByteOffset: stored * 4, as: UInt32.self) }
        stored += 1
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { stored }

    public subscript(position: Int) -> CliticAnalysis {
        precondition(position >= 0 && position < stored, "index out of range")
        let value = withUnsafeBytes(of: entries) { $0.load(fromByteOffset: position * 4, as: UInt32.self) }
        let utf8 = word.utf8
        let index = utf8.index(utf8.startIndex, offsetBy: Int(value & 0xFFFF))
        return CliticAnalysis(proclitics: Proclitics(packed: UInt16(value >> 16)), stem: word[index...])
    }
}
