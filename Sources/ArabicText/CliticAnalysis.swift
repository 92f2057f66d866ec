/// A proclitic: a one-letter word or the article written joined to the word that follows.
public enum Proclitic: String, CaseIterable, Sendable, Codable {
    /// و "and"
    case wa = "و"
    /// ف "so, then"
    case fa = "ف"
    /// ب "with, in, by"
    case bi = "ب"
    /// ل "for, to"
    case li = "ل"
    /// ك "like, as"
    case ka = "ك"
    /// س future marker on verbs
    case sa = "س"
    /// ال the definite article
    case article = "ال"
}

/// One reading of an Arabic word as proclitics and a stem.
///
///     CliticAnalysis.candidates(of: "وبالكرملين")
///     // ["وبالكرملين", "و+بالكرملين", "و+ب+الكرملين", "و+ب+ال+كرملين"]
///
/// The lam of "for" before the article drops the article's alef: للرئيس is ل + ال + رئيس.
public struct CliticAnalysis: Hashable, Sendable, CustomStringConvertible {
    /// The proclitics in the order they are written.
    public let proclitics: [Proclitic]
    /// The word without its proclitics.
    public let stem: Substring

    public var hasArticle: Bool { proclitics.last == .article }

    /// The stem with the article when the analysis has one: the form a name is listed under.
    public var stemWithArticle: String { hasArticle ? "ال" + stem : String(stem) }

    /// `و+ب+ال+كرملين`, or the bare stem when there is no proclitic.
    public var description: String {
        (proclitics.map(\.rawValue) + [String(stem)]).joined(separator: "+")
    }

    /// Stems shorter than this are not split off: "وا" is not و + ا.
    public static let minimumStemLength = 2

    /// Every reading of a word, from the word itself (no proclitic) to the most proclitics.
    /// The word should be `matching`-normalized (ال written with a plain alef).
    public static func candidates(of word: Substring) -> [CliticAnalysis] {
        let scalars = word.unicodeScalars
        var result = [CliticAnalysis(proclitics: [], stem: word)]
        guard scalars.count > minimumStemLength else { return result }
        let wa: Unicode.Scalar = "و", fa: Unicode.Scalar = "ف", bi: Unicode.Scalar = "ب"
        let li: Unicode.Scalar = "ل", ka: Unicode.Scalar = "ك", sa: Unicode.Scalar = "س"
        let alef: Unicode.Scalar = "ا"

        // Up to four leading scalars decide every reading.
        var head: [Unicode.Scalar] = []
        head.reserveCapacity(4)
        for s in scalars.prefix(4) { head.append(s) }
        let total = scalars.count

        func add(_ proclitics: [Proclitic], consumed: Int) {
            guard total - consumed >= minimumStemLength else { return }
            let index = scalars.index(scalars.startIndex, offsetBy: consumed)
            result.append(CliticAnalysis(proclitics: proclitics, stem: word[index...]))
        }

        // Conjunction, then preposition or future marker, then article.
        var conjunctions: [(Proclitic?, Int)] = [(nil, 0)]
        if head[0] == wa { conjunctions.append((.wa, 1)) }
        if head[0] == fa { conjunctions.append((.fa, 1)) }
        for (conjunction, afterConjunction) in conjunctions {
            let base: [Proclitic] = conjunction.map { [$0] } ?? []
            var middles: [(Proclitic?, Int)] = [(nil, afterConjunction)]
            if afterConjunction < head.count {
                switch head[afterConjunction] {
                case bi: middles.append((.bi, afterConjunction + 1))
                case li: middles.append((.li, afterConjunction + 1))
                case ka: middles.append((.ka, afterConjunction + 1))
                case sa: middles.append((.sa, afterConjunction + 1))
                default: break
                }
            }
            for (middle, afterMiddle) in middles {
                let prefix = base + (middle.map { [$0] } ?? [])
                if !prefix.isEmpty { add(prefix, consumed: afterMiddle) }
                if middle == .sa { continue }
                // The article: ال, or after the lam of "for" only its lam (لل).
                if middle == .li {
                    if afterMiddle < head.count && head[afterMiddle] == li {
                        add(prefix + [.article], consumed: afterMiddle + 1)
                    }
                } else if afterMiddle + 1 < head.count && head[afterMiddle] == alef && head[afterMiddle + 1] == li {
                    add(prefix + [.article], consumed: afterMiddle + 2)
                }
            }
        }
        return result
    }

    public static func candidates(of word: String) -> [CliticAnalysis] {
        candidates(of: word[...])
    }
}
