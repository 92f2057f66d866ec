import ArabicText
import NameMatching

/// A name found in an article.
struct Mention {
    enum Target {
        case known(NameEntry)
        /// A name the knowledge base lacks: its normalized Arabic key, as written, and a guess.
        case candidate(key: String, arabic: String, latin: String, confidence: Double)
    }

    let target: Target
    /// The form seen, clitics removed, as written (display-normalized).
    let form: String
    let position: InputPosition
    let snippet: String
    let confidence: Double
    let misspelling: SeenMisspelling?
}

/// Finds the names of an article: the longest known multi-word name first, then single words
/// through their clitics (adjectives linked to their places, surnames merged into the person),
/// misspellings of known names, and unknown names that the context marks as names (after a
/// title or role, a nationality adjective, or in an apposition after a comma).
/// Not thread-safe (it owns a tokenizer): one per worker.
final class NameSpotter {
    let kb: NameKnowledgeBase
    let checker: MisspellingChecker
    let dictionary: ArabicDictionary?
    let guess: NameGuess
    let proposer: ProposerSource
    private let tokenizer: Tokenizer
    /// English spellings already proposed, by word.
    private var proposals: [ByteKey: (String, Double)] = [:]

    /// Words that announce a name after them: titles and roles (normalized).
    static let triggers: Set<ByteKey> = Set([
        "الرئيس", "رئيس", "رئيسة", "الرئيسة", "وزير", "وزيرة", "الوزير", "الوزيرة", "المبعوث", "مبعوث", "المبعوثة", "الناطق",
        "الناطقة", "المتحدث", "المتحدثة", "حاكم", "الحاكم", "محافظ", "المحافظ", "السفير", "السفيرة", "الجنرال", "العميد",
        "اللواء", "العقيد", "الفريق", "المشير", "الشيخ", "الأمير", "الأميرة", "الملك", "الملكة", "السيد", "السيدة",
        "الدكتور", "الدكتورة", "الطبيب", "الطبيبة", "المحلل", "المحللة", "الخبير", "الخبيرة", "مدير", "المدير", "مديرة",
        "المديرة", "قائد", "القائد", "زعيم", "الزعيم", "النائب", "النائبة", "عضو", "مستشار", "المستشار", "المستشارة",
        "مساعد", "مساعدة", "الصحفي", "الصحفية", "المراسل", "المراسلة", "الكاتب", "الكاتبة", "الباحث", "الباحثة",
        "البروفيسور", "المدعي", "القاضي", "القاضية", "عمدة", "العمدة", "بلدية", "الأمين", "المفوض", "المفوضة",
        "المنسق", "المنسقة", "الممثل", "الممثلة", "المندوب", "المندوبة", "المرشح", "المرشحة", "الناشط", "الناشطة",
        "المعارض", "المعارضة", "رئيسا", "نائب", "الأسير", "المحامي", "المحامية", "الجندي", "الضابط", "المصور",
        "الأستاذ", "الأستاذة", "البابا", "الكاردينال", "الحاخام", "الإمام", "المطران", "رجل", "المواطن", "المواطنة",
    ].map { ByteKey(ArabicNormalizer.matching.normalize($0)) })

    /// What a distinct word can be, worked out once (news repeats its words).
    final class WordInfo {
        /// Readings whose stem starts a known multi-word name: the reading and the key.
        var multiword: [(analysis: Int, key: String)] = []
        /// A known name (not a given name alone) under some reading.
        var single: (entry: NameEntry, analysis: Int)?
        var givenName: NameEntry?
        /// The people the word is a surname of.
        var partials: [NameMatch] = []
        /// A title, a role or a nationality adjective: a name may follow.
        var announces = false
        /// Neither known nor ordinary: it may be part of an unknown name.
        var unknown = false
        var ordinary = false
        /// Close to a known name word without being known or ordinary: a possible misspelling.
        var suspect: MisspellingChecker.Suspect?
        /// Nothing to do with names: most words of a text.
        var inert = false
    }

    private var infos: [ByteKey: WordInfo] = [:]

    init(kb: NameKnowledgeBase, variants: VariantIndex, dictionary: ArabicDictionary?, guess: NameGuess,
         proposer: ProposerSource = ProposerSource(nil)) throws {
        self.kb = kb
        self.dictionary = dictionary
        self.guess = guess
        self.proposer = proposer
        checker = try MisspellingChecker(variants: variants, dictionary: dictionary)
        tokenizer = try Tokenizer()
    }

    private func isOrdinary(_ word: String) -> Bool {
        dictionary?.knows(word) ?? false
    }

    private func info(_ token: Token) -> WordInfo {
        let key = ByteKey(token.normalized)
        if let known = infos[key] { return known }
        let info = WordInfo()
        let analyses = token.analyses
        for (n, analysis) in analyses.enumerated() {
            let stem = String(analysis.stem)
            let keys = analysis.hasArticle ? [analysis.stemWithArticle, stem] : [stem]
            for key in keys {
                if kb.multiwordState(key).isPrefix { info.multiword.append((n, key)) }
                let entries = kb.entries(arabicKey: key)
                if info.givenName == nil, let g = entries.first(where: { $0.type == .givenName }) { info.givenName = g }
                if info.single == nil, let e = pick(entries.filter { $0.type != .givenName }) { info.single = (e, n) }
                if Self.triggers.contains(ByteKey(key)) || entries.contains(where: { $0.type == .adjective }) { info.announces = true }
            }
        }
        if info.single == nil && analyses.contains(where: { kb.isSurname(String($0.stem)) }) {
            info.partials = kb.lookup(token.normalized, limit: 8).filter { $0.how == .partial }
        }
        if info.single == nil && info.partials.isEmpty && info.givenName == nil && info.multiword.isEmpty {
            info.ordinary = isOrdinary(String(token.surface)) || isOrdinary(token.normalized)
            info.unknown = !info.ordinary && !info.announces && token.normalized.unicodeScalars.count >= 3
            if info.unknown { info.suspect = checker.suspect(token) }
        } else if info.single == nil && info.partials.isEmpty && info.givenName == nil {
            info.ordinary = isOrdinary(String(token.surface)) || isOrdinary(token.normalized)
            info.unknown = !info.ordinary && !info.announces && token.normalized.unicodeScalars.count >= 3
        } else if !info.partials.isEmpty {
            info.ordinary = isOrdinary(String(token.surface)) || isOrdinary(token.normalized)
        }
        info.inert = info.multiword.isEmpty && info.single == nil && info.partials.isEmpty && info.suspect == nil
            && !info.unknown && info.givenName == nil
        if infos.count > 200_000 { infos.removeAll(keepingCapacity: true) }
        infos[key] = info
        return info
    }

    private static let display = ArabicNormalizer.display

    /// The names of an article, in order.
    func spot(_ article: Article, words: inout Int) -> [Mention] {
        let start = TextPosition(line: article.firstLine, column: 1, byteOffset: 0)
        let tokens = tokenizer.tokens(in: article.text, start: start)
        words += tokens.reduce(0) { $0 + ($1.kind == .word ? 1 : 0) }
        // Whether each suspect word is rare enough here to be a misspelling, decided once.
        var rare: [ByteKey: Bool] = [:]
        var counts: [ByteKey: Int]?

        let text = Array(article.text.utf8)
        // A snippet is cut only for the first three mentions of a name in the article.
        var snippets: [String: Int] = [:]
        func snippet(_ token: Token, key: String) -> String {
            let taken = snippets[key, default: 0]
            guard taken < 3 else { return "" }
            snippets[key] = taken + 1
            return Self.snippet(in: text, at: token.byteOffset)
        }
        func position(_ token: Token) -> InputPosition {
            InputPosition(file: article.file, line: token.line, column: token.column)
        }
        var infos: [WordInfo?] = Array(repeating: nil, count: tokens.count)
        func infoAt(_ k: Int) -> WordInfo? {
            if let known = infos[k] { return known }
            guard tokens[k].kind == .word, tokens[k].script == .arabic else { return nil }
            let found = info(tokens[k])
            infos[k] = found
            return found
        }

        var mentions: [Mention] = []
        var seenPeople = Set<String>()
        var i = 0
        while i < tokens.count {
            guard let info = infoAt(i), !info.inert else { i += 1; continue }
            let token = tokens[i]

            // A misspelt known name.
            if let suspect = info.suspect, let entry = suspect.match.entries.first {
                let key = ByteKey(suspect.stem)
                if counts == nil { counts = MisspellingChecker.wordCounts(tokens) }
                let isMisspelling = rare[key] ?? MisspellingChecker.isMisspelling(suspect, counts: counts!)
                rare[key] = isMisspelling
                if isMisspelling {
                    let form = Self.display.normalize(String(token.surface))
                    mentions.append(Mention(
                        target: .known(entry), form: form, position: position(token), snippet: snippet(token, key: entry.id),
                        confidence: 0.7,
                        misspelling: SeenMisspelling(form: form, position: position(token), reason: suspect.match.reasons.joined(separator: ", "))))
                    i += 1
                    continue
                }
            }

            // The longest known multi-word name starting here.
            var best: (end: Int, key: String, analysis: Int)?
            for (analysis, first) in info.multiword {
                var key = first
                var j = i
                while j + 1 < tokens.count {
                    let next = tokens[j + 1]
                    guard next.kind == .word, next.script == .arabic, next.line == tokens[j].line else { break }
                    key += " " + next.normalized
                    j += 1
                    let state = kb.multiwordState(key)
                    if state.isName, best.map({ j > $0.end }) ?? true { best = (j, key, analysis) }
                    if !state.isPrefix { break }
                }
            }
            if let best, let entry = pick(kb.entries(arabicKey: best.key).filter { $0.type != .givenName }) {
                let analysis = token.analyses[best.analysis]
                let form = formSeen(tokens[i...best.end], analysis: analysis)
                if entry.type == .person { seenPeople.insert(entry.id) }
                mentions.append(Mention(target: .known(entry), form: form, position: position(token),
                                        snippet: snippet(token, key: entry.id), confidence: 1.0, misspelling: nil))
                // A place named inside a longer name is mentioned too: منطقة أوديسا names Odesa.
                for k in (i + 1)...best.end {
                    let inner = tokens[k]
                    if let place = pick(kb.entries(arabicKey: inner.normalized).filter { $0.type == .place }) {
                        let innerForm = Self.display.normalize(String(inner.surface))
                        mentions.append(Mention(target: .known(place), form: innerForm, position: position(inner),
                                                snippet: snippet(inner, key: place.id), confidence: 0.9, misspelling: nil))
                    }
                }
                i = best.end + 1
                continue
            }

            // One word: a form of a name, through its clitics.
            if let (entry, n) = info.single {
                let analysis = token.analyses[n]
                let form = formSeen(tokens[i...i], analysis: analysis)
                if entry.type == .person { seenPeople.insert(entry.id) }
                mentions.append(Mention(target: .known(entry), form: form, position: position(token),
                                        snippet: snippet(token, key: entry.id),
                                        confidence: analysis.proclitics.isEmpty ? 1.0 : 0.95, misspelling: nil))
                i += 1
                continue
            }

            // Part of a person's name: merged into the person seen in the article, or the most
            // prominent one; an ordinary word is taken for a surname only then.
            if !info.partials.isEmpty {
                let seen = info.partials.first { seenPeople.contains($0.entry.id) }
                if let chosen = seen ?? (info.ordinary ? info.partials.first { $0.entry.weight >= 70 } : info.partials.first) {
                    let analysis = token.analyses.first { $0.description == chosen.reading } ?? token.analyses[0]
                    let form = formSeen(tokens[i...i], analysis: analysis)
                    mentions.append(Mention(target: .known(chosen.entry), form: form, position: position(token),
                                            snippet: snippet(token, key: chosen.entry.id),
                                            confidence: seen != nil || info.partials.count == 1 ? 0.85 : 0.6, misspelling: nil))
                    i += 1
                    continue
                }
            }

            // A candidate: unknown words the context marks as a name (a given name may lead).
            if info.unknown || info.givenName != nil, announced(before: i, infoAt, tokens),
               let (end, arabic, latin, confidence) = candidate(at: i, tokens, infoAt) {
                let key = ArabicNormalizer.matching.normalize(arabic)
                mentions.append(Mention(target: .candidate(key: key, arabic: arabic, latin: latin, confidence: confidence),
                                        form: arabic, position: position(token), snippet: snippet(token, key: "?" + key),
                                        confidence: confidence, misspelling: nil))
                i = end + 1
                continue
            }
            i += 1
        }
        return mentions
    }

    /// The line around a byte offset, at most about 50 characters on each side, display-normalized.
    static func snippet(in text: [UInt8], at offset: Int) -> String {
        text.withUnsafeBufferPointer { bytes -> String in
            var from = offset, to = offset
            var before = 0
            while from > 0 && bytes[from - 1] != 0x0A && before < 50 {
                from -= 1
                if bytes[from] & 0xC0 != 0x80 { before += 1 }
            }
            var after = 0
            while to < bytes.count && bytes[to] != 0x0A && after < 80 {
                to += 1
                while to < bytes.count && bytes[to] & 0xC0 == 0x80 { to += 1 }
                after += 1
            }
            var piece = display.normalize(validUTF8: UnsafeBufferPointer(rebasing: bytes[from..<to]))
            piece = piece.trimmingWhitespaceAndLineBreaks()
            if from > 0 && bytes[from - 1] != 0x0A { piece = "…" + piece }
            if to < bytes.count && bytes[to] != 0x0A { piece += "…" }
            return piece
        }
    }

    /// The most prominent entry, preferring names to adjectives.
    private func pick(_ entries: [NameEntry]) -> NameEntry? {
        entries.max { a, b in
            let ra = a.type == .adjective ? 0 : 1, rb = b.type == .adjective ? 0 : 1
            return ra != rb ? ra < rb : a.weight < b.weight
        }
    }

    private var forms: [ByteKey: String] = [:]

    /// The tokens as written, without the first token's proclitics (the article stays);
    /// remembered for one-word forms.
    private func formSeen(_ tokens: ArraySlice<Token>, analysis: CliticAnalysis) -> String {
        guard tokens.count == 1, let token = tokens.first else { return makeForm(tokens, analysis: analysis) }
        let key = ByteKey(String(token.surface) + "|" + String(analysis.proclitics.count))
        if let known = forms[key] { return known }
        let form = makeForm(tokens, analysis: analysis)
        if forms.count > 100_000 { forms.removeAll(keepingCapacity: true) }
        forms[key] = form
        return form
    }

    private func makeForm(_ tokens: ArraySlice<Token>, analysis: CliticAnalysis) -> String {
        var words = tokens.map { Self.display.normalize(String($0.surface)) }
        let clitics = analysis.proclitics.filter { $0 != .article }.count
        if clitics > 0, var first = words.first {
            // Proclitics are one letter each, written first; marks ride on them.
            var dropped = 0
            while dropped < clitics, let c = first.unicodeScalars.first {
                first.unicodeScalars.removeFirst()
                while let m = first.unicodeScalars.first, m.properties.generalCategory == .nonspacingMark {
                    first.unicodeScalars.removeFirst()
                }
                if c != "\u{0640}" { dropped += 1 }
            }
            // After ل the article's alef is gone (للرئيس): give it back.
            if analysis.proclitics.contains(.li) && analysis.hasArticle && !first.hasPrefix("ال") { first = "ا" + first }
            words[0] = first
        }
        return words.joined(separator: " ")
    }

    /// Unknown name words at `i`: up to three words that are neither known nor ordinary Arabic
    /// words (a known given name may lead, and at least one word must be unknown).
    private func candidate(at i: Int, _ tokens: [Token], _ infoAt: (Int) -> WordInfo?) -> (Int, String, String, Double)? {
        var parts: [(arabic: String, latin: String, known: Bool)] = []
        var confidence = 1.0
        var j = i
        while j < tokens.count && parts.count < 3 {
            let t = tokens[j]
            guard let info = infoAt(j), j == i || t.line == tokens[j - 1].line else { break }
            if let g = info.givenName {
                parts.append((Self.display.normalize(String(t.surface)), g.english, true))
            } else if info.unknown {
                let (latin, probability) = propose(t.normalized)
                parts.append((Self.display.normalize(String(t.surface)), latin, false))
                confidence = min(confidence, probability)
            } else {
                break
            }
            j += 1
        }
        guard parts.contains(where: { !$0.known }) else { return nil }
        let arabic = parts.map(\.arabic).joined(separator: " ")
        let latin = parts.map(\.latin).joined(separator: " ")
        // A candidate is never as sure as a known name: at most 0.5, less when the model hesitates.
        return (i + parts.count - 1, arabic, latin, (0.5 * confidence * 1000).rounded() / 1000)
    }

    /// The best English spelling of an unknown word and its probability: the model's when there
    /// is one, else the readable rule-based guess.
    private func propose(_ word: String) -> (String, Double) {
        let key = ByteKey(word)
        if let known = proposals[key] { return known }
        var result = (guess.latin(for: word), 0.3)
        if let best = proposer.proposer?.propose(word, limit: 3).first { result = (best.text, best.probability) }
        if proposals.count > 100_000 { proposals.removeAll(keepingCapacity: true) }
        proposals[key] = result
        return result
    }

    /// Whether a title, role or nationality adjective precedes within eight words of the
    /// sentence (commas may come between: حاكم المدينة، إيفان فيدوروف).
    private func announced(before i: Int, _ infoAt: (Int) -> WordInfo?, _ tokens: [Token]) -> Bool {
        var k = i - 1
        var steps = 0
        while k >= 0 && steps < 8 {
            let t = tokens[k]
            if t.kind == .punctuation {
                if t.surface != "،" && t.surface != "," { return false }
                k -= 1
                continue
            }
            guard let info = infoAt(k) else { return false }
            if info.announces { return true }
            k -= 1
            steps += 1
        }
        return false
    }
}

extension String {
    func trimmingWhitespaceAndLineBreaks() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }
}
