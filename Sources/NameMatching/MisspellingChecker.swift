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
        fileprivate var counts: [String: Int] = [:]
        fileprivate var decided: [String: (stem: String, prefix: String, match: VariantIndex.Match)?] = [:]
    }

    public func makeRun() -> Run { Run() }

    /// Reads a text (a chunk of a file starting at `start`) into the run.
    public func add(_ text: String, file: String, start: TextPosition = .start, to run: Run) {
        tokenizer.forEachToken(in: text, start: start) { token in
            guard token.kind == .word, token.script == .arabic else { return }
            let analyses = token.analyses
            // Count every reading's stem, so that a name's frequency is known however it is joined.
            for analysis in analyses { run.counts[analysis.stemWithArticle, default: 0] += 1 }
            let key = token.normalized
            let decision: (stem: String, prefix: String, match: VariantIndex.Match)?
            if let known = run.decided[key] {
                decision = known
            } else {
                decision = decide(token, analyses)
                run.decided[key] = decision
            }
            if let decision {
                run.occurrences.append(Occurrence(file: file, token: token, stem: decision.stem, prefix: decision.prefix,
                                                  match: decision.match))
            }
        }
    }

    /// The findings of the run, in input order.
    public func findings(of run: Run) -> [SpellingFinding] {
        run.occurrences.compactMap { o in
            let seen = run.counts[o.stem, default: 0]
            let known = run.counts[o.match.word, default: 0]
            if seen > Self.rareCount && seen >= known { return nil }  // frequent: an accepted variant
            guard let entry = o.match.entries.first else { return nil }
            return SpellingFinding(
                file: o.file, line: o.token.line, column: o.token.column, text: String(o.token.surface),
                suggestion: o.prefix + o.match.display, knownWord: o.match.display, entry: entry,
                reasons: o.match.reasons, distance: o.match.distance)
        }
    }

    /// Checks one text.
    public func check(_ text: String, file: String = "<text>") -> [SpellingFinding] {
        let run = makeRun()
        add(text, file: file, to: run)
        return findings(of: run)
    }

    /// The closest known name word for an unknown, non-dictionary word, or nil.
    private func decide(_ token: Token, _ analyses: CliticAnalyses) -> (stem: String, prefix: String, match: VariantIndex.Match)? {
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
        var best: (stem: String, prefix: String, match: VariantIndex.Match)?
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
