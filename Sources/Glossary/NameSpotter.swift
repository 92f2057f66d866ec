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
    private let tokenizer: Tokenizer
    private var ordinary: [String: Bool] = [:]

    /// Words that announce a name after them: titles and roles (normalized).
    static let triggers: Set<String> = Set([
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
    ].map { ArabicNormalizer.matching.normalize($0) })

    init(kb: NameKnowledgeBase, variants: VariantIndex, dictionary: ArabicDictionary?, guess: NameGuess) throws {
        self.kb = kb
        self.dictionary = dictionary
        self.guess = guess
        checker = try MisspellingChecker(variants: variants, dictionary: dictionary)
        tokenizer = try Tokenizer()
    }

    private func isOrdinary(_ word: String) -> Bool {
        if let known = ordinary[word] { return known }
        let result = dictionary?.knows(word) ?? false
        ordinary[word] = result
        return result
    }

    private static let display = ArabicNormalizer.display

    /// The names of an article, in order.
    func spot(_ article: Article, words: inout Int) -> [Mention] {
        let start = TextPosition(line: article.firstLine, column: 1, byteOffset: 0)
        let tokens = tokenizer.tokens(in: article.text, start: start)
        words += tokens.reduce(0) { $0 + ($1.kind == .word ? 1 : 0) }
        // Misspellings, by position.
        let run = checker.makeRun()
        checker.add(article.text, file: article.file, start: start, to: run)
        var misspelt: [Int: SpellingFinding] = [:]
        for f in checker.findings(of: run) { misspelt[f.line << 20 | f.column] = f }

        let lines = article.text.split(separator: "\n", omittingEmptySubsequences: false)
        func snippet(_ token: Token, length: Int) -> String {
            let index = token.line - article.firstLine
            guard index >= 0 && index < lines.count else { return "" }
            let line = Array(Self.display.normalize(String(lines[index])))
            let column = min(max(0, token.column - 1), line.count)
            let from = max(0, column - 50), to = min(line.count, column + length + 50)
            var text = String(line[from..<to]).trimmingCharacters(in: .whitespaces)
            if from > 0 { text = "…" + text }
            if to < line.count { text += "…" }
            return text
        }
        func position(_ token: Token) -> InputPosition {
            InputPosition(file: article.file, line: token.line, column: token.column)
        }

        var mentions: [Mention] = []
        var seenPeople = Set<String>()
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            guard token.kind == .word, token.script == .arabic else { i += 1; continue }
            let analyses = token.analyses

            // A misspelt known name.
            if let f = misspelt[token.line << 20 | token.column] {
                let form = Self.display.normalize(String(token.surface))
                mentions.append(Mention(
                    target: .known(f.entry), form: form, position: position(token), snippet: snippet(token, length: form.count),
                    confidence: 0.7, misspelling: SeenMisspelling(form: form, position: position(token), reason: f.reasons.joined(separator: ", "))))
                i += 1
                continue
            }

            // The longest known multi-word name starting here.
            var best: (end: Int, key: String, analysis: CliticAnalysis)?
            for analysis in analyses {
                for first in Set([analysis.stemWithArticle, String(analysis.stem)]) {
                    var key = first
                    var j = i
                    while true {
                        let state = kb.multiwordState(key)
                        if state.isName, j > i, best.map({ j > $0.end }) ?? true { best = (j, key, analysis) }
                        guard state.isPrefix, j + 1 < tokens.count else { break }
                        let next = tokens[j + 1]
                        guard next.kind == .word, next.script == .arabic, next.line == tokens[j].line else { break }
                        key += " " + next.normalized
                        j += 1
                    }
                }
            }
            if let best, let entry = pick(kb.entries(arabicKey: best.key).filter { $0.type != .givenName }) {
                let form = formSeen(tokens[i...best.end], analysis: best.analysis)
                if entry.type == .person { seenPeople.insert(entry.id) }
                mentions.append(Mention(target: .known(entry), form: form, position: position(token),
                                        snippet: snippet(token, length: form.count), confidence: 1.0, misspelling: nil))
                // A place named inside a longer name is mentioned too: منطقة أوديسا names Odesa.
                for k in (i + 1)...best.end {
                    let inner = tokens[k]
                    if let place = pick(kb.entries(arabicKey: inner.normalized).filter { $0.type == .place }) {
                        let innerForm = Self.display.normalize(String(inner.surface))
                        mentions.append(Mention(target: .known(place), form: innerForm, position: position(inner),
                                                snippet: snippet(inner, length: innerForm.count), confidence: 0.9, misspelling: nil))
                    }
                }
                i = best.end + 1
                continue
            }

            // One word: a form of a name, through its clitics.
            var single: (NameEntry, CliticAnalysis)?
            var givenName: NameEntry?
            for analysis in analyses {
                for key in Set([analysis.stemWithArticle, String(analysis.stem)]) {
                    let entries = kb.entries(arabicKey: key)
                    if let g = entries.first(where: { $0.type == .givenName }), givenName == nil { givenName = g }
                    if single == nil, let entry = pick(entries.filter { $0.type != .givenName }) { single = (entry, analysis) }
                }
                if single != nil { break }
            }
            if let (entry, analysis) = single {
                let form = formSeen(tokens[i...i], analysis: analysis)
                let confidence = analysis.proclitics.isEmpty ? 1.0 : 0.95
                if entry.type == .person { seenPeople.insert(entry.id) }
                mentions.append(Mention(target: .known(entry), form: form, position: position(token),
                                        snippet: snippet(token, length: form.count), confidence: confidence, misspelling: nil))
                i += 1
                continue
            }

            // Part of a person's name: merged into the person seen in the article, or the most
            // prominent one; an ordinary word is taken for a surname only then.
            let partials = kb.lookup(token.normalized, limit: 8).filter { $0.how == .partial }
            if !partials.isEmpty {
                let seen = partials.first { seenPeople.contains($0.entry.id) }
                let ordinary = isOrdinary(String(token.surface)) || isOrdinary(token.normalized)
                if let chosen = seen ?? (ordinary ? partials.first { $0.entry.weight >= 70 } : partials.first) {
                    let form = Self.display.normalize(String(chosen.reading.split(separator: "+").last ?? ""))
                    let written = formSeen(tokens[i...i], analysis: analyses.first { $0.description == chosen.reading } ?? analyses[0])
                    mentions.append(Mention(target: .known(chosen.entry), form: written.isEmpty ? form : written,
                                            position: position(token), snippet: snippet(token, length: written.count),
                                            confidence: seen != nil || partials.count == 1 ? 0.85 : 0.6, misspelling: nil))
                    i += 1
                    continue
                }
            }
            // A candidate: unknown words the context marks as a name (a given name may lead).
            if let candidate = candidate(at: i, tokens, givenName: givenName) {
                let (end, arabic, latin, confidence) = candidate
                let key = ArabicNormalizer.matching.normalize(arabic)
                mentions.append(Mention(target: .candidate(key: key, arabic: arabic, latin: latin, confidence: confidence),
                                        form: arabic, position: position(token), snippet: snippet(token, length: arabic.count),
                                        confidence: confidence, misspelling: nil))
                i = end + 1
                continue
            }

            i += 1
        }
        return mentions
    }

    /// The most prominent entry, preferring names to adjectives.
    private func pick(_ entries: [NameEntry]) -> NameEntry? {
        entries.max { a, b in
            let ra = a.type == .adjective ? 0 : 1, rb = b.type == .adjective ? 0 : 1
            return ra != rb ? ra < rb : a.weight < b.weight
        }
    }

    /// The tokens as written, without the first token's proclitics (the article stays).
    private func formSeen(_ tokens: ArraySlice<Token>, analysis: CliticAnalysis) -> String {
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

    /// Unknown name words at `i`, announced by the context: up to three words that are not
    /// ordinary Arabic words (a known given name may lead), after a trigger within the last
    /// eight words of the sentence.
    private func candidate(at i: Int, _ tokens: [Token], givenName: NameEntry?) -> (Int, String, String, Double)? {
        guard announced(before: i, tokens) else { return nil }
        var parts: [(arabic: String, latin: String, known: Bool)] = []
        var j = i
        while j < tokens.count && parts.count < 3 {
            let t = tokens[j]
            guard t.kind == .word, t.script == .arabic, j == i || t.line == tokens[j - 1].line else { break }
            // A comma or other punctuation ends the name.
            if j > i, tokens[j - 1].byteOffset + tokens[j - 1].surface.utf8.count + 1 < t.byteOffset { break }
            let key = t.normalized
            if let g = kb.entries(arabicKey: key).first(where: { $0.type == .givenName }) {
                parts.append((Self.display.normalize(String(t.surface)), g.english, true))
            } else if key.unicodeScalars.count >= 3, !isOrdinary(String(t.surface)), !isOrdinary(key),
                      kb.entries(arabicKey: key).isEmpty, !Self.triggers.contains(key) {
                parts.append((Self.display.normalize(String(t.surface)), guess.latin(for: key), false))
            } else {
                break
            }
            j += 1
        }
        // At least one unknown word, and not a lone given name.
        guard parts.contains(where: { !$0.known }) else { return nil }
        let arabic = parts.map(\.arabic).joined(separator: " ")
        let latin = parts.map(\.latin).joined(separator: " ")
        return (i + parts.count - 1, arabic, latin, parts.contains(where: \.known) ? 0.5 : 0.4)
    }

    /// Whether a title, role or nationality adjective precedes, within the sentence.
    private func announced(before i: Int, _ tokens: [Token]) -> Bool {
        var k = i - 1
        var steps = 0
        while k >= 0 && steps < 8 {
            let t = tokens[k]
            if t.kind == .punctuation {
                let p = t.surface
                if p != "،" && p != "," { return false }
                k -= 1
                continue
            }
            guard t.kind == .word, t.script == .arabic else { return false }
            for analysis in t.analyses {
                let word = analysis.stemWithArticle
                if Self.triggers.contains(word) || Self.triggers.contains(String(analysis.stem)) { return true }
                if kb.entries(arabicKey: word).contains(where: { $0.type == .adjective })
                    || kb.entries(arabicKey: String(analysis.stem)).contains(where: { $0.type == .adjective }) {
                    return true
                }
            }
            k -= 1
            steps += 1
        }
        return false
    }
}
