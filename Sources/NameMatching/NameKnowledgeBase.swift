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

    let byID: [String: Int32]
    let arabic: Postings
    let surnames: Postings
    let english: Postings
    /// Surname postings from English: the entry and the index of the matching token.
    let englishSurnames: [String: [EnglishPart]]
    /// Every token prefix of a multi-word Arabic form: 1 prefix of a longer name, 2 a whole name.
    let multiword: [String: UInt8]

    struct EnglishPart: Sendable {
        let entry: Int32
        let arabicPart: String
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
        var position: [String: Int] = [:]
        position.reserveCapacity(all.count)
        var entries: [NameEntry] = []
        entries.reserveCapacity(all.count)
        for entry in all {
            if let at = position[entry.id] {
                entries[at] = entry
            } else {
                position[entry.id] = entries.count
                entries.append(entry)
            }
        }
        self.entries = entries
        self.issues = issues
        self.files = files

        let normalizer = ArabicNormalizer.matching
        var byID: [String: Int32] = [:]
        byID.reserveCapacity(entries.count)
        var arabic = Postings(capacity: entries.count * 2)
        var surnames = Postings(capacity: entries.count / 4)
        var english = Postings(capacity: entries.count * 2)
        var englishSurnames: [String: [EnglishPart]] = [:]
        var multiword: [String: UInt8] = [:]
        for (index, entry) in entries.enumerated() {
            let i = Int32(index)
            byID[entry.id] = i
            for form in entry.arabicForms {
                let key = normalizer.normalize(form)
                arabic.add(key, i)
                let tokens = key.split(separator: " ")
                if tokens.count > 1 {
                    var prefix = String(tokens[0])
                    for token in tokens.dropFirst() {
                        multiword[prefix, default: 0] |= 1
                        prefix += " " + token
                    }
                    multiword[prefix, default: 0] |= 2
                    if entry.type == .person {
                        for surname in Self.surnameKeys(tokens) { surnames.add(surname, i) }
                    }
                }
            }
            for form in entry.englishForms {
                let key = EnglishFolding.fold(form)
                english.add(key, i)
            }
            if entry.type == .person {
                let arabicTokens = entry.arabic.split(separator: " ")
                var seen = Set<String>()
                for form in entry.englishForms {
                    let tokens = EnglishFolding.fold(form).split(separator: " ")
                    guard tokens.count > 1, let last = tokens.last, !seen.contains(String(last)) else { continue }
                    seen.insert(String(last))
                    // The Arabic part that stands where the English surname stands.
                    let part = arabicTokens.count == tokens.count ? arabicTokens[tokens.count - 1] : arabicTokens.last!
                    englishSurnames[String(last), default: []].append(EnglishPart(entry: i, arabicPart: String(part)))
                }
            }
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

    /// The keys under which a person is found by part of the name: the last name, and the
    /// name from a particle on (بن سلمان, ابو مازن).
    static func surnameKeys(_ tokens: [Substring]) -> [String] {
        var keys: [String] = []
        if let last = tokens.last, !notSurnames.contains(String(last)), last.unicodeScalars.count > 1 {
            keys.append(String(last))
        }
        if let p = tokens.dropFirst().firstIndex(where: { particles.contains(String($0)) }), p < tokens.count - 1 {
            keys.append(tokens[p...].joined(separator: " "))
        }
        return keys
    }

    // MARK: - Access

    public func entry(id: String) -> NameEntry? {
        byID[id].map { entries[Int($0)] }
    }

    /// The entries whose Arabic form (canonical or variant) normalizes to this key.
    public func entries(arabicKey key: String) -> [NameEntry] {
        arabic.lookup(key).map { entries[Int($0)] }
    }

    /// Whether a `matching`-normalized token sequence starts a known multi-word name, and
    /// whether it is one.
    public func multiwordState(_ key: String) -> (isPrefix: Bool, isName: Bool) {
        let flags = multiword[key] ?? 0
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

/// Keys to entry indexes, compact for large knowledge bases: a key with one entry costs no
/// array of its own.
struct Postings: Sendable {
    private var single: [String: Int32] = [:]
    private var overflow: [[Int32]] = []

    init(capacity: Int) { single.reserveCapacity(capacity) }

    mutating func add(_ key: String, _ entry: Int32) {
        if let existing = single[key] {
            if existing >= 0 {
                if existing == entry { return }
                single[key] = -Int32(overflow.count) - 1
                overflow.append([existing, entry])
            } else {
                let slot = Int(-existing - 1)
                if !overflow[slot].contains(entry) { overflow[slot].append(entry) }
            }
        } else {
            single[key] = entry
        }
    }

    func lookup(_ key: String) -> [Int32] {
        guard let value = single[key] else { return [] }
        return value >= 0 ? [value] : overflow[Int(-value - 1)]
    }

    var keys: Dictionary<String, Int32>.Keys { single.keys }
}

/// English keys: lower case, no accents, punctuation as space, spaces squashed.
///
///     EnglishFolding.fold("Volodymyr Zelenskyy")  // "volodymyr zelenskyy"
///     EnglishFolding.fold("Ahmed al-Sharaa")      // "ahmed al sharaa"
///     EnglishFolding.fold("Recep Tayyip Erdoğan") // "recep tayyip erdogan"
public enum EnglishFolding {
    public static func fold(_ text: String) -> String {
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
