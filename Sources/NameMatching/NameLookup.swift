import ArabicText

/// How a query reached a name.
public enum MatchKind: String, Sendable, Codable {
    /// The query is one of the name's forms.
    case exact
    /// The query is a form with proclitics or the article joined to it (وبوتين، لموسكو).
    case clitic
    /// The query is a nationality or place adjective, linked to its place (الأوكراني).
    case adjective
    /// The query is part of a person's name (بوتين → Vladimir Putin).
    case partial
    /// The query is close to a known form (a spelling variant or misspelling).
    case variant
    /// The English form was proposed by the back-transliteration model.
    case model
}

/// One answer to a lookup.
public struct NameMatch: Sendable {
    public let entry: NameEntry
    public let how: MatchKind
    /// 0 to 1, higher is surer; matches come best first.
    public let score: Double
    /// The Arabic to show: the canonical form, or for an English surname the matching part.
    public let arabic: String
    /// The English to show, in the requested outlet style.
    public let latin: String
    /// Several names share the best reading of the query.
    public let ambiguous: Bool
    /// For an adjective, the place it derives from.
    public let place: NameEntry?
    let readingAnalysis: CliticAnalysis?
    let readingRest: String
    /// For a variant match: the known word the query is close to, and the edits between them.
    public var variantOf: String? = nil
    public var reasons: [String] = []

    /// The reading of the query that matched, as proclitics and stem (و+بوتين).
    public var reading: String {
        guard let analysis = readingAnalysis else { return readingRest }
        return readingRest.isEmpty ? analysis.description : analysis.description + " " + readingRest
    }
}

extension NameKnowledgeBase {
    /// The names a query may stand for, best first. Arabic queries go through proclitics and
    /// the article, adjectives and partial names of people; Latin queries through every
    /// English form, ignoring case, accents and punctuation, and through surnames.
    ///
    ///     kb.lookup("الأوكراني").first?.latin              // "Ukrainian"
    ///     kb.lookup("Witkoff").first?.arabic               // "ويتكوف"
    ///     kb.lookup("زيلينسكي", style: "ap").first?.latin  // "Volodymyr Zelenskyy"
    ///
    /// With a variant index, an Arabic query that matches nothing falls back to the known
    /// names closest in spelling (`how: variant`): ويكتوف → Steve Witkoff.
    ///
    /// With a name proposer, an Arabic query the knowledge base does not know also gets the
    /// model's English spellings after the other matches (`how: model`, up to five). The
    /// proposer is asked for only then (the model takes a moment to load).
    public func lookup(_ query: String, style: String? = nil, limit: Int = 10, variants: VariantIndex? = nil,
                       proposer: () -> NameProposer? = { nil }) -> [NameMatch] {
        let trimmed = query.trimmingWhitespace()
        if trimmed.isEmpty { return [] }
        let isArabic = trimmed.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) || (0xFB50...0xFEFC).contains($0.value) }
        var matches = isArabic ? lookupArabic(trimmed, style: style) : lookupEnglish(trimmed, style: style)
        let known = !matches.isEmpty
        if matches.isEmpty, isArabic, let variants {
            matches = lookupVariant(trimmed, style: style, variants: variants)
        }
        matches = Array(matches.prefix(limit))
        if isArabic, !known, let proposer = proposer() {
            // The model's spellings come after what the knowledge base knows.
            if !matches.isEmpty { matches = Array(matches.prefix(2)) }
            let model = NameEntry(id: "model", type: .person, subtype: "", arabic: trimmed, arabicVariants: [], english: "",
                                  englishVariants: [], wikidata: "", country: "", link: "", weight: 0, source: "model", note: "",
                                  location: SourceLocation(file: "model", line: 0))
            for c in proposer.propose(trimmed, limit: 5) {
                matches.append(NameMatch(entry: model, how: .model, score: (c.probability * 0.5 * 1000).rounded() / 1000,
                                         arabic: trimmed, latin: c.text, ambiguous: false, place: nil,
                                         readingAnalysis: nil, readingRest: trimmed))
            }
        }
        return matches
    }

    private func lookupVariant(_ query: String, style: String?, variants: VariantIndex) -> [NameMatch] {
        let key = ArabicNormalizer.matching.normalize(query)
        guard !key.utf8.contains(0x20) else { return [] }
        var best: [(VariantIndex.Match, CliticAnalysis)] = []
        for analysis in CliticAnalysis.candidates(of: key) {
            for stem in Set([String(analysis.stem), analysis.stemWithArticle]) {
                let n = stem.unicodeScalars.count
                guard n > 3 else { continue }
                for match in variants.nearest(stem, maxDistance: MisspellingChecker.maxDistance(forLength: n), limit: 3) {
                    best.append((match, analysis))
                }
            }
        }
        best.sort { $0.0.distance < $1.0.distance }
        var seen = Set<String>()
        var result: [NameMatch] = []
        for (match, analysis) in best {
            for entry in match.entries where seen.insert(entry.id).inserted {
                let score = max(0.1, 0.8 - 0.3 * match.distance)
                result.append(NameMatch(
                    entry: entry, how: .variant, score: (score * 1000).rounded() / 1000, arabic: entry.arabic,
                    latin: entry.english(style: style), ambiguous: false, place: nil,
                    readingAnalysis: analysis, readingRest: "", variantOf: match.display, reasons: match.reasons))
            }
        }
        return result
    }

    /// A found entry before ranking: the level of its reading (0 exact, 1 with clitics,
    /// 2 partial) and the reading itself.
    private struct Candidate {
        let entry: Int32
        let level: Int
        let how: MatchKind
        /// The reading as proclitics and stem, spelled out only for the matches returned.
        let analysis: CliticAnalysis?
        let rest: String
        var arabic: String?
    }

    private func lookupArabic(_ query: String, style: String?) -> [NameMatch] {
        let key = ArabicNormalizer.matching.normalize(query)
        var found: [Candidate] = []
        // The first word, and the rest of a multi-word name (cut on the byte of the space).
        let utf8 = key.utf8
        let space = utf8.firstIndex(of: 0x20)
        let first = space.map { key[..<$0] } ?? key[...]
        let rest = space.map { String(key[key.index(after: $0)...]) } ?? ""
        if first.isEmpty { return [] }

        // Readings of the first word; a multi-word name keeps its other words as they are.
        for analysis in CliticAnalysis.candidates(of: first) {
            let stems: [String] = analysis.hasArticle
                ? ["ال" + analysis.stem, String(analysis.stem)] : [String(analysis.stem)]
            for stem in stems {
                let full = rest.isEmpty ? stem : stem + " " + rest
                let level = analysis.proclitics.isEmpty || (analysis.proclitics.count == 1 && analysis.hasArticle && stem.hasPrefix("ال")) ? 0 : 1
                arabic.forEach(full) { i in
                    let entry = entries[Int(i)]
                    let how: MatchKind = entry.type == .adjective ? .adjective : (level == 0 ? .exact : .clitic)
                    found.append(Candidate(entry: i, level: level, how: how, analysis: analysis, rest: rest))
                }
            }
        }
        // Part of a person's name (بوتين, بن سلمان), with the clitics of its first word removed.
        if found.isEmpty {
            for analysis in CliticAnalysis.candidates(of: first) {
                let stem = rest.isEmpty ? String(analysis.stem) : String(analysis.stem) + " " + rest
                surnames.forEach(stem) { i in
                    found.append(Candidate(entry: i, level: 2, how: .partial, analysis: analysis, rest: rest))
                }
            }
        }
        return rank(found, style: style)
    }

    private func lookupEnglish(_ query: String, style: String?) -> [NameMatch] {
        let key = EnglishFolding.fold(query)
        var found: [Candidate] = []
        for i in english.lookup(key) {
            found.append(Candidate(entry: i, level: 0, how: entries[Int(i)].type == .adjective ? .adjective : .exact, analysis: nil, rest: key))
        }
        if found.isEmpty {
            englishSurnames.forEach(key) { i in
                let part = arabicPart(of: entries[Int(i)], englishSurname: key)
                found.append(Candidate(entry: i, level: 2, how: .partial, analysis: nil, rest: key, arabic: part))
            }
        }
        return rank(found, style: style)
    }

    /// Best reading first, then prominence; one match per entry; ambiguity when several
    /// names share the best level.
    private func rank(_ found: [Candidate], style: String?) -> [NameMatch] {
        if found.count == 1, let c = found.first {
            let entry = entries[Int(c.entry)]
            let base: Double = c.level == 0 ? 1.0 : (c.level == 1 ? 0.95 : 0.85)
            let place = entry.type == .adjective && !entry.link.isEmpty ? self.entry(id: entry.link) : nil
            return [NameMatch(entry: entry, how: c.how, score: base, arabic: c.arabic ?? entry.arabic,
                              latin: entry.english(style: style), ambiguous: false, place: place,
                              readingAnalysis: c.analysis, readingRest: c.rest)]
        }
        var best: [Int32: Candidate] = [:]
        for c in found {
            if let seen = best[c.entry], seen.level <= c.level { continue }
            best[c.entry] = c
        }
        let ordered = best.values.sorted { a, b in
            if a.level != b.level { return a.level < b.level }
            let wa = entries[Int(a.entry)].weight, wb = entries[Int(b.entry)].weight
            if wa != wb { return wa > wb }
            return entries[Int(a.entry)].id < entries[Int(b.entry)].id
        }
        guard let top = ordered.first else { return [] }
        let atTop = ordered.filter { $0.level == top.level }
        let distinctEnglish = Set(atTop.map { entries[Int($0.entry)].english })
        let ambiguous = distinctEnglish.count > 1
        let maxWeight = max(1, atTop.map { entries[Int($0.entry)].weight }.max() ?? 1)
        return ordered.map { c in
            let entry = entries[Int(c.entry)]
            let base: Double = switch c.level {
            case 0: 1.0
            case 1: 0.95
            default: 0.85
            }
            let share = ambiguous ? 0.5 + 0.5 * Double(entry.weight) / Double(maxWeight) : 1.0
            let place = entry.type == .adjective && !entry.link.isEmpty ? self.entry(id: entry.link) : nil
            return NameMatch(
                entry: entry, how: c.how, score: (base * share * 1000).rounded() / 1000,
                arabic: c.arabic ?? entry.arabic, latin: entry.english(style: style),
                ambiguous: ambiguous && c.level == top.level, place: place,
                readingAnalysis: c.analysis, readingRest: c.rest)
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        func isSpace(_ s: Unicode.Scalar) -> Bool {
            switch s.value {
            case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
            default: false
            }
        }
        if let first = scalars.first, let last = scalars.last, !isSpace(first), !isSpace(last) { return self }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }),
              let end = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[start...end])
    }
}
