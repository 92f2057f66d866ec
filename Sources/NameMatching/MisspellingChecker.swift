import ArabicText

/// A word of the text that looks like a misspelt name.
public struct SpellingFinding: Sendable {
    public let file: String
    public let line: Int
    public let column: Int
    /// The word as written, clitics included.
    public let text: String
    /// The corrected word, with the same clitics.
    public let suggestion: String
    /// The known word it is close to, and the name that word belongs to.
    public let knownWord: String
    public let entry: NameEntry
    public let reasons: [String]
    /// The weighted edit distance to the known word (lower is closer).
    public let distance: Double

    /// `file:line:column: warning: 'ويكتوف' looks like a misspelling of 'ويتكوف' (Steve Witkoff): ت and ك swapped`
    public var message: String {
        "\(file):\(line):\(column): warning: '\(text)' looks like a misspelling of '\(suggestion)' (\(entry.english)): "
            + reasons.joined(separator: ", ")
    }
}

/// Finds misspelt names in text, and leaves alone what is not one.
///
/// Three cases, decided for each Arabic word (through its readings as clitics and stem):
/// - a known spelling: a word of a name of the knowledge base, canonical or variant (زيلنسكي);
/// - an ordinary word: one the Arabic dictionary (hunspell-ar) knows, which is never flagged,
///   however close to a name it is;
/// - a probable misspelling: close to a known name word (`VariantIndex`), rare in the text (seen
///   at most twice, or less often than the name it resembles), and not an Arabic word (ويكتوف،
///   واشطن). A close form that is frequent in the text is taken for an accepted variant instead.
/// Words of three letters or fewer are never corrected.
public final class MisspellingChecker {
    public let variants: VariantIndex
    public let dictionary: ArabicDictionary?
    private let tokenizer: Tokenizer

    /// Words of five letters or more may be one full edit away; four-letter words only a cheap one.
    public static func maxDistance(forLength n: Int) -> Double { n >= 5 ? 1.0 : 0.5 }
    /// A close form seen more often than this (and at least as often as the name) is a variant.
    public static let rareCount = 2

    public init(variants: VariantIndex, dictionary: ArabicDictionary? = ArabicDictionary.system) throws {
        self.variants = variants
        self.dictionary = dictionary
        tokenizer = try Tokenizer()
    }

    fileprivate struct Occurrence {
        let file: String
        let token: Token
        let stem: String
        let prefix: String
        let match: VariantIndex.Match
    }

    /// The state of one run over one or more texts: call `add` for each, then `findings`.
    public final class Run {
        fileprivate var occurrences: [Occurrence] = []
        /// How often each word (normalized, clitics included) occurs.
        fileprivate var counts: [ByteKey: Int] = [:]
    }

    /// What was decided for each distinct word, kept across runs (it does not depend on them).
    private var decided: [ByteKey: Decision?] = [:]
    fileprivate typealias Decision = (stem: String, prefix: String, match: VariantIndex.Match)

    public func makeRun() -> Run { Run() }

    /// Reads a text (a chunk of a file starting at `start`) into the run.
    public func add(_ text: String, file: String, start: TextPosition = .start, to run: Run) {
        add(tokens: tokenizer.tokens(in: text, start: start), file: file, to: run)
    }

    /// Reads tokens already made into the run.
    public func add(tokens: [Token], file: String, to run: Run) {
        for token in tokens {
            guard token.kind == .word, token.script == .arabic else { continue }
            let key = ByteKey(token.normalized)
            run.counts[key, default: 0] += 1
            let decision: Decision?
            if let known = decided[key] {
                decision = known
            } else {
                decision = decide(token, token.analyses)
                if decided.count > 200_000 { decided.removeAll(keepingCapacity: true) }
                decided[key] = decision
            }
            if let decision {
                run.occurrences.append(Occurrence(file: file, token: token, stem: decision.stem, prefix: decision.prefix,
                                                  match: decision.match))
            }
        }
    }

    /// How often a stem occurs in the run, alone or with clitics joined.
    private func count(of stem: String, in run: Run) -> Int {
        var total = 0
        for (word, n) in run.counts where word.string.hasSuffix(stem) {
            let readings = CliticAnalysis.candidates(of: word.string)
            if readings.contains(where: { String($0.stem) == stem || $0.stemWithArticle == stem }) { total += n }
        }
        return total
    }

    /// The findings of the run, in input order.
    public func findings(of run: Run) -> [SpellingFinding] {
        var counted: [ByteKey: Int] = [:]
        func count(_ stem: String) -> Int {
            if let n = counted[ByteKey(stem)] { return n }
            let n = self.count(of: stem, in: run)
            counted[ByteKey(stem)] = n
            return n
        }
        return run.occurrences.compactMap { o in
            let seen = count(o.stem)
            let known = count(o.match.word)
            if seen > Self.rareCount && seen >= known { return nil }  // frequent: an accepted variant
            guard let entry = o.match.entries.first else { return nil }
            return SpellingFinding(
                file: o.file, line: o.token.line, column: o.token.column, text: String(o.token.surface),
                suggestion: o.prefix + o.match.display, knownWord: o.match.display, entry: entry,
                reasons: o.match.reasons, distance: o.match.distance)
        }
    }

    /// A word that may be a misspelt name, before the text's frequencies are weighed.
    public struct Suspect: Sendable {
        /// The stem that is close to a known word, and the clitics before it.
        public let stem: String
        public let prefix: String
        public let match: VariantIndex.Match
    }

    /// Whether a word of text may be a misspelt name (not known, not ordinary, close to a known
    /// name word). Depends on the word alone, so callers may remember the answer.
    public func suspect(_ token: Token) -> Suspect? {
        guard token.kind == .word, token.script == .arabic else { return nil }
        return decide(token, token.analyses).map { Suspect(stem: $0.stem, prefix: $0.prefix, match: $0.match) }
    }

    /// How often each word (normalized, clitics included) occurs in some tokens.
    public static func wordCounts(_ tokens: [Token]) -> [ByteKey: Int] {
        var counts: [ByteKey: Int] = [:]
        for t in tokens where t.kind == .word && t.script == .arabic { counts[ByteKey(t.normalized), default: 0] += 1 }
        return counts
    }

    /// Whether a suspect is a misspelling (rare, or rarer than the name it resembles) rather
    /// than a frequent accepted variant, given the word counts of the text.
    public static func isMisspelling(_ suspect: Suspect, counts: [ByteKey: Int]) -> Bool {
        var seen = 0, known = 0
        for (word, n) in counts {
            for a in CliticAnalysis.candidates(of: word.string) {
                let stem = String(a.stem)
                if stem == suspect.stem || (a.hasArticle && a.stemWithArticle == suspect.stem) { seen += n; break }
                if stem == suspect.match.word || (a.hasArticle && a.stemWithArticle == suspect.match.word) { known += n; break }
            }
        }
        return !(seen > rareCount && seen >= known)
    }

    /// Checks one text.
    public func check(_ text: String, file: String = "<text>") -> [SpellingFinding] {
        let run = makeRun()
        add(text, file: file, to: run)
        return findings(of: run)
    }

    /// The closest known name word for an unknown, non-dictionary word, or nil.
    private func decide(_ token: Token, _ analyses: CliticAnalyses) -> Decision? {
        // A known spelling, under any reading.
        for analysis in analyses {
            if variants.isKnownWord(String(analysis.stem)) || variants.isKnownWord(analysis.stemWithArticle) { return nil }
        }
        // An ordinary word.
        if let dictionary {
            if dictionary.knows(String(token.surface)) || dictionary.knows(token.normalized) { return nil }
            for analysis in analyses.dropFirst() where dictionary.knows(String(analysis.stem)) { return nil }
        }
        // The closest name word under any reading; fewer clitics first on ties.
        var best: Decision?
        let word = token.normalized
        for analysis in analyses {
            for stem in Set([String(analysis.stem), analysis.stemWithArticle]) {
                let length = stem.unicodeScalars.count
                guard length > 3 else { continue }
                guard let match = variants.nearest(stem, maxDistance: Self.maxDistance(forLength: length), limit: 1).first
                else { continue }
                // What precedes the stem in the word as normalized: the clitics to keep.
                let prefix = String(word.unicodeScalars.prefix(word.unicodeScalars.count - stem.unicodeScalars.count))
                if best == nil || match.distance < best!.match.distance {
                    best = (stem, prefix, match)
                }
            }
        }
        return best
    }
}
