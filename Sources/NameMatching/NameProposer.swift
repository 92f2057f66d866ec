import ArabicText
import Foundation
import GlossaryData

/// The project's own name pairs, for the shipped model: Glossaries/name-pairs.tsv, the given
/// names, and the people and places of the knowledge base whose Arabic and English forms have as
/// many words (paired word by word).
public enum GlossaryPairs {
    public static func load(knowledgeBase: NameKnowledgeBase? = nil) throws -> [NamePair] {
        guard let directory = GlossaryData.directory else { throw ModelError.unreadable("the bundled Glossaries are missing") }
        var pairs = try BackTransliterationModel.readPairs(directory.appendingPathComponent("name-pairs.tsv").path)
        let kb = try knowledgeBase ?? NameKnowledgeBase.load(environment: [:])
        for entry in kb.entries {
            switch entry.type {
            case .givenName:
                for arabic in entry.arabicForms { pairs.append(NamePair(arabic: arabic, english: entry.english)) }
            case .person, .place:
                for arabic in entry.arabicForms {
                    let a = arabic.split(separator: " "), e = entry.english.split(separator: " ")
                    guard a.count == e.count else { continue }
                    for (x, y) in zip(a, e) where y.first?.isUppercase == true {
                        pairs.append(NamePair(arabic: String(x), english: String(y)))
                    }
                }
            default:
                continue
            }
        }
        return pairs
    }

    /// English spellings known to be names in the project's own data: the English of
    /// name-pairs.tsv, of known-names.tsv (names without an Arabic spelling) and every
    /// capitalized word of the names of the knowledge base.
    public static func knownNames() throws -> [String] {
        let kb = try NameKnowledgeBase.load(environment: [:])
        var names = Set(try load(knowledgeBase: kb).map(\.english))
        if let url = GlossaryData.directory?.appendingPathComponent("known-names.tsv"),
           let text = try? String(contentsOf: url, encoding: .utf8) {
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                if let name = line.split(separator: "\t").first { names.insert(String(name)) }
            }
        }
        for entry in kb.entries {
            for word in entry.english.split(whereSeparator: { $0 == " " || $0 == "-" }) where word.first?.isUppercase == true {
                names.insert(String(word))
            }
        }
        return names.sorted()
    }

    /// Names labelled with their origin: the Arabic and English of name-pairs.tsv (its third
    /// column) and the English of known-names.tsv (its second).
    public static func origins() throws -> NameOrigins {
        guard let directory = GlossaryData.directory else { throw ModelError.unreadable("the bundled Glossaries are missing") }
        var origins = NameOrigins()
        for (file, arabicColumn, englishColumn, originColumn) in [("name-pairs.tsv", 0, 1, 2), ("known-names.tsv", -1, 0, 1)] {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard cells.count > originColumn, !cells[originColumn].isEmpty else { continue }
                let origin = String(cells[originColumn])
                if arabicColumn >= 0 { origins.arabic.append((String(cells[arabicColumn]), origin)) }
                origins.english.append((String(cells[englishColumn]), origin))
            }
        }
        return origins
    }
}

/// English spellings for an Arabic-script name the knowledge base does not know, ranked, with
/// probabilities: word by word, known given names and particles (بن bin, أبو Abu, آل Al, عبد
/// Abdel) as the knowledge base writes them, the other words from the back-transliteration
/// model; capitalized as a name (al- stays lower case).
///
///     try NameProposer.load().propose("سيرغي ماتفييتشوك").first?.text  // "Sergei Matveychuk"
public final class NameProposer: Sendable {
    public let model: BackTransliterationModel
    let givenNames: [ByteKey: String]

    static let particles: [String: String] = ["بن": "bin", "ابن": "Ibn", "ابو": "Abu", "ال": "Al", "بنت": "bint", "ولد": "Ould"]

    public init(model: BackTransliterationModel, knowledgeBase: NameKnowledgeBase? = nil) {
        self.model = model
        var given: [ByteKey: String] = [:]
        for entry in knowledgeBase?.entries ?? [] where entry.type == .givenName && entry.country.isEmpty {
            for form in entry.arabicForms { given[ByteKey(ArabicNormalizer.matching.normalize(form))] = entry.english }
        }
        givenNames = given
    }

    /// The shipped model (Glossaries/model/names.model) or another, with the bundled given names.
    public static func load(model path: String? = nil, knowledgeBase: NameKnowledgeBase? = nil) throws -> NameProposer {
        let url: URL
        if let path {
            url = URL(fileURLWithPath: path)
        } else {
            guard let directory = GlossaryData.directory else { throw ModelError.unreadable("the bundled Glossaries are missing") }
            url = directory.appendingPathComponent("model/names.model")
        }
        let kb = try knowledgeBase ?? NameKnowledgeBase.load(environment: [:])
        return NameProposer(model: try BackTransliterationModel(contentsOf: url), knowledgeBase: kb)
    }

    /// Up to `limit` spellings of a name, best first.
    public func propose(_ name: String, limit: Int = 5) -> [BackTransliterationModel.Candidate] {
        let words = ArabicNormalizer.display.normalize(name).split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" }).map(String.init)
        guard !words.isEmpty else { return [] }
        // Each word's options: fixed ones (given names, particles) or the model's.
        var options: [[BackTransliterationModel.Candidate]] = []
        for (k, word) in words.enumerated() {
            let key = ArabicNormalizer.matching.normalize(word)
            if let particle = Self.particles[key], words.count > 1 {
                options.append([.init(text: particle, probability: 1)])
            } else if key == "عبد", k + 1 < words.count {
                options.append([.init(text: "Abdel", probability: 1)])
            } else if let given = givenNames[ByteKey(key)], words.count > 1 {
                options.append([.init(text: given, probability: 1)])
            } else {
                let found = model.candidates(for: word, limit: limit).map { BackTransliterationModel.Candidate(text: Self.capitalized($0.text), probability: $0.probability) }
                options.append(found.isEmpty ? [.init(text: key, probability: 0.01)] : found)
            }
        }
        // The best of every word but one, and the alternatives of the most uncertain word.
        let pivot = options.indices.min { (options[$0].first?.probability ?? 1) < (options[$1].first?.probability ?? 1) } ?? 0
        return options[pivot].prefix(limit).map { alternative in
            var parts: [String] = []
            var probability = 1.0
            for (k, list) in options.enumerated() {
                let chosen = k == pivot ? alternative : list[0]
                parts.append(chosen.text)
                probability *= chosen.probability
            }
            // عبد + name is written as one name: Abdel Fattah → Abdel Fattah, kept apart.
            return .init(text: parts.joined(separator: " "), probability: probability)
        }
    }

    /// `abdel-rahman` → `Abdel-Rahman`, `al-sharaa` → `al-Sharaa`.
    static func capitalized(_ text: String) -> String {
        var out = ""
        var start = true
        var segment = ""
        func flush() {
            out += segment
            segment = ""
        }
        for c in text {
            if c == "-" || c == " " || c == "'" {
                flush()
                out.append(c)
                start = true
                continue
            }
            if start {
                start = false
                let rest = text[text.index(text.startIndex, offsetBy: out.count)...]
                if rest.hasPrefix("al-") { segment.append(c); continue }
                segment.append(contentsOf: String(c).uppercased())
            } else {
                segment.append(c)
            }
        }
        flush()
        return out
    }
}
