import Foundation

/// Names labelled with where they come from (german, greek, turkish…), as the project's name
/// files give them: Arabic spellings (from name pairs) and English spellings (from name pairs and
/// known names).
public struct NameOrigins: Sendable {
    public var arabic: [(name: String, origin: String)]
    public var english: [(name: String, origin: String)]

    public init(arabic: [(name: String, origin: String)] = [], english: [(name: String, origin: String)] = []) {
        self.arabic = arabic
        self.english = english
    }

    public var isEmpty: Bool { arabic.isEmpty || english.isEmpty }

    /// The same without the spellings in `names` (lower-cased English or Arabic as given).
    func removing(_ names: Set<String>) -> NameOrigins {
        NameOrigins(arabic: arabic.filter { !names.contains($0.name) }, english: english.filter { !names.contains($0.name.lowercased()) })
    }
}

/// Where a name comes from, as its letters show, and how names of each origin are spelt in
/// English. The search's joint model sees a few letters at a time, so a Polish name may come out
/// Kovalevski (ف v) where the English press writes Kowalewski, and a Greek one Matsukas for
/// Matsoukas: the whole Arabic word says Polish or Greek, and Polish names are spelt with w,
/// Greek ones with ou.
///
/// Per origin, a letter model of the Arabic spellings and one of the English spellings.
/// P(origin | Arabic word) comes from the first (with the origins' shares as priors); a
/// finished spelling is then judged by the mixture of the English models of the word's
/// likeliest origins: log Σ P(origin | Arabic) P(English | origin).
struct OriginModel: Sendable {
    let names: [String]
    let logPriors: [Float]
    /// Per origin, over the back-transliteration model's Arabic codes (code c as symbol c + 2;
    /// 0 starts a word, 1 ends it).
    let arabic: [NGramModel]
    /// Per origin, over its English codes (0 starts, 1 ends).
    let english: [NGramModel]

    static let arabicOrder = 3
    static let englishOrder = 5
    /// An origin needs this many labelled names (both scripts) to be one of its own; the rest
    /// are pooled as "other".
    static let minimumNames = 1000
    /// How many of a word's likeliest origins judge its spellings.
    static let considered = 2

    /// The word's likeliest origins (indexes), with log P(origin | word) among them.
    func likeliest(_ a: [UInt8]) -> [(origin: Int, logp: Float)] {
        let symbols = a.map { Int32($0) + 2 }
        var top: [(origin: Int, logp: Float)] = []
        top.reserveCapacity(Self.considered + 1)
        symbols.withUnsafeBufferPointer { word in
            for k in names.indices {
                let s = logPriors[k] + arabic[k].logProbability(ofWord: word)
                if top.count == Self.considered {
                    if s <= top[top.count - 1].logp { continue }
                    top.removeLast()
                }
                var at = top.count
                while at > 0 && top[at - 1].logp < s { at -= 1 }
                top.insert((k, s), at: at)
            }
        }
        guard let first = top.first else { return [] }
        let total = top.dropFirst().reduce(first.logp) { logAdd($0, $1.logp) }
        return top.map { ($0.origin, $0.logp - total) }
    }

    /// log Σ P(origin | Arabic) P(spelling | origin) over the origins `likeliest` gave.
    func logProbability(_ e: [UInt8], origins: [(origin: Int, logp: Float)]) -> Float {
        let symbols = e.map { Int32($0) }
        return symbols.withUnsafeBufferPointer { word in
            origins.reduce(-Float.infinity) { logAdd($0, $1.logp + english[$1.origin].logProbability(ofWord: word)) }
        }
    }

    /// Learns the models; `arabicCodes` and `englishCodes` code a spelling as the
    /// back-transliteration model does (nil: a letter it does not know, and the name is skipped).
    static func train(_ data: NameOrigins, arabicLetters: Int, englishLetters: Int, minimumNames: Int = minimumNames,
                      arabicCodes: (String) -> [UInt8]?, englishCodes: (String) -> [UInt8]?) -> OriginModel? {
        var counts: [String: Int] = [:]
        for (_, origin) in data.arabic { counts[origin, default: 0] += 1 }
        for (_, origin) in data.english { counts[origin, default: 0] += 1 }
        func group(_ origin: String) -> String { counts[origin, default: 0] >= minimumNames ? origin : "other" }
        var arabicWords: [String: [([Int32], Double)]] = [:], englishWords: [String: [([Int32], Double)]] = [:]
        for (name, origin) in data.arabic {
            for word in name.split(separator: " ") {
                guard let codes = arabicCodes(String(word)), !codes.isEmpty else { continue }
                arabicWords[group(origin), default: []].append(([0] + codes.map { Int32($0) + 2 } + [1], 1))
            }
        }
        for (name, origin) in data.english {
            for word in name.split(whereSeparator: { $0 == " " || $0 == "-" }) {
                guard let codes = englishCodes(word.lowercased()), !codes.isEmpty else { continue }
                englishWords[group(origin), default: []].append(([0] + codes.map { Int32($0) } + [1], 1))
            }
        }
        // An origin needs names in both scripts.
        let names = arabicWords.keys.filter { englishWords[$0] != nil }.sorted()
        guard !names.isEmpty else { return nil }
        let total = names.reduce(0) { $0 + arabicWords[$1]!.count }
        var arabic: [NGramModel] = [], english: [NGramModel] = [], logPriors: [Float] = []
        for name in names {
            logPriors.append(roundedLog(Double(arabicWords[name]!.count) / Double(total)))
            arabic.append(NGramModel.train(arabicWords[name]!, order: arabicOrder, vocabularySize: arabicLetters + 2))
            english.append(NGramModel.train(englishWords[name]!, order: englishOrder, vocabularySize: englishLetters))
        }
        return OriginModel(names: names, logPriors: logPriors, arabic: arabic, english: english)
    }
}
