import ArabicText
import Foundation

/// A pair of training data: an Arabic-script name and its English spelling.
public struct NamePair: Sendable {
    public let arabic: String
    public let english: String
    public let count: Int

    public init(arabic: String, english: String, count: Int = 1) {
        self.arabic = arabic
        self.english = english
        self.count = count
    }
}

/// Why a model could not be trained, read or written.
public enum ModelError: Error, CustomStringConvertible, Sendable {
    case noPairs(String)
    case badPair(file: String, line: Int, reason: String)
    case unreadable(String)
    case badModel(String)

    public var description: String {
        switch self {
        case let .noPairs(file): return "\(file): no name pairs to learn from"
        case let .badPair(file, line, reason): return "\(file):\(line): \(reason)"
        case let .unreadable(reason): return reason
        case let .badModel(reason): return "not a Tarjuman model: \(reason)"
        }
    }
}

/// Turns an Arabic-script name into ranked English spellings, learned from name pairs.
///
///     let model = try BackTransliterationModel.train(pairs)
///     model.candidates(for: "بافلوف").first?.text  // "pavlov"
///
/// The model has two parts. A channel: each Arabic letter, in the context of its neighbours
/// (the letters before and after it, or a word edge), writes a chunk of zero to four English
/// letters; the chunks are found by aligning the training pairs with EM (forward-backward over
/// every way of cutting the English into one chunk per letter), and their probabilities are
/// smoothed from the widest context down to the letter alone (Witten-Bell). And an English
/// letter 5-gram model of name spelling (Witten-Bell), which ranks the candidates the channel
/// proposes, so that origin patterns (وف → ov, سكي → sky, يان → yan) come from the data.
/// A beam search combines them.
public final class BackTransliterationModel: Sendable {
    /// English letters, by code (0 is unused, 1 is the word end).
    let alphabet: [Character]
    let codes: [Character: UInt8]
    /// Per Arabic context, the chunks it may write with their log probabilities, best first.
    let emissions: [String: [(chunk: [UInt8], logp: Float)]]
    /// Per letter alone (the widest fallback), the same.
    let letterEmissions: [Character: [(chunk: [UInt8], logp: Float)]]
    let languageModel: LetterModel
    let graphoneModel: GraphoneModel
    /// The emissions as graphones, ready for the search.
    let contextOptions: [String: [(id: Int32, chunk: [UInt8], logp: Float)]]
    let letterOptions: [Character: [(id: Int32, chunk: [UInt8], logp: Float)]]
    /// The weights of the English letter model and of the context emissions against the joint
    /// graphone model.
    public let lmWeight: Float
    public let contextWeight: Float
    public let beamWidth: Int

    static let maxChunk = 4
    static let inputNormalizer = ArabicNormalizer(steps: [
        .removeControls, .removeTatweel, .compatibilityComposition, .removeDiacritics, .foldPersianLetters,
        .collapseWhitespace,
    ])

    init(alphabet: [Character], emissions: [String: [(chunk: [UInt8], logp: Float)]],
         letterEmissions: [Character: [(chunk: [UInt8], logp: Float)]], languageModel: LetterModel,
         graphoneModel: GraphoneModel, lmWeight: Float = 0.4, contextWeight: Float = 1.0, beamWidth: Int = 16) {
        self.alphabet = alphabet
        var codes: [Character: UInt8] = [:]
        for (k, c) in alphabet.enumerated() where k >= 2 { codes[c] = UInt8(k) }
        self.codes = codes
        self.emissions = emissions
        self.letterEmissions = letterEmissions
        self.languageModel = languageModel
        self.graphoneModel = graphoneModel
        func options(_ letter: Character, _ row: [(chunk: [UInt8], logp: Float)]) -> [(id: Int32, chunk: [UInt8], logp: Float)] {
            row.compactMap { chunk, logp in graphoneModel.ids[GraphoneModel.name(letter, chunk)].map { ($0, chunk, logp) } }
        }
        var contextOptions: [String: [(id: Int32, chunk: [UInt8], logp: Float)]] = [:]
        for (key, row) in emissions {
            let letter = key[key.index(key.startIndex, offsetBy: 2)]
            contextOptions[key] = options(letter, row)
        }
        self.contextOptions = contextOptions
        self.letterOptions = letterEmissions.reduce(into: [:]) { $0[$1.key] = options($1.key, $1.value) }
        self.lmWeight = lmWeight
        self.contextWeight = contextWeight
        self.beamWidth = beamWidth
    }

    // MARK: - Training

    /// Learns a model from pairs and tunes its two weights on the pairs themselves: a tenth is
    /// held out, a model of the rest tries each weight pair on it, and the best weights go with
    /// the model learned from all pairs.
    public static func trainAndTune(_ pairs: [NamePair], iterations: Int = 6) -> BackTransliterationModel {
        let model = train(pairs, iterations: iterations)
        guard pairs.count >= 500 else { return model }
        let heldOut = pairs.enumerated().filter { $0.offset % 10 == 0 }.map(\.element)
        let rest = pairs.enumerated().filter { $0.offset % 10 != 0 }.map(\.element)
        let trial = train(rest, iterations: max(1, iterations / 2))  // enough to weigh the weights
        var best: (lm: Float, context: Float, right: Int) = (model.lmWeight, model.contextWeight, -1)
        for lm in [Float(0.2), 0.4, 0.6] {
            for context in [Float(0.5), 1.0, 1.5, 2.0] {
                let m = trial.with(lmWeight: lm, contextWeight: context)
                let right = heldOut.filter { m.candidates(for: $0.arabic, limit: 1).first?.text == $0.english.lowercased() }.count
                if right > best.right { best = (lm, context, right) }
            }
        }
        return model.with(lmWeight: best.lm, contextWeight: best.context)
    }

    /// Learns a model from pairs (Arabic, English). Pairs whose English has letters outside
    /// a–z, apostrophes, hyphens and spaces are skipped.
    public static func train(_ pairs: [NamePair], iterations: Int = 6) -> BackTransliterationModel {
        // The English side: lower case letters and the few signs names use.
        var usable: [(arabic: [Character], english: [Character], weight: Double)] = []
        var letters = Set<Character>()
        for pair in pairs {
            let a = Array(inputNormalizer.normalize(pair.arabic).filter { $0 != " " })
            let e = Array(pair.english.lowercased().filter { $0 != " " })
            guard !a.isEmpty, !e.isEmpty, e.allSatisfy({ ("a"..."z").contains($0) || $0 == "-" || $0 == "'" }) else { continue }
            guard e.count <= a.count * maxChunk else { continue }
            usable.append((a, e, Double(max(1, pair.count))))
            letters.formUnion(e)
        }
        let alphabet: [Character] = ["\0", "$"] + letters.sorted()

        // EM over chunk alignments: θ[letter][chunk].
        var theta: [Character: [String: Double]] = [:]
        for (a, e, _) in usable {
            for letter in Set(a) {
                var row = theta[letter, default: [:]]
                for start in 0..<e.count {
                    for length in 1...maxChunk where start + length <= e.count { row[String(e[start..<(start + length)]), default: 0] = 1 }
                }
                row["", default: 0] = 1
                theta[letter] = row
            }
        }
        for (letter, row) in theta {
            let total = row.values.reduce(0, +)
            theta[letter] = row.mapValues { $0 / total }
        }
        for _ in 0..<iterations {
            var counts: [Character: [String: Double]] = [:]
            for (a, e, weight) in usable {
                let posterior = chunkPosteriors(a, e, theta)
                for (i, row) in posterior.enumerated() {
                    for (chunk, p) in row where p > 1e-6 { counts[a[i], default: [:]][chunk, default: 0] += p * weight }
                }
            }
            theta = counts.mapValues { row in
                let total = row.values.reduce(0, +)
                return row.mapValues { $0 / total }
            }
        }

        // The best alignment of each pair gives chunks in context.
        var contextCounts: [String: [String: Double]] = [:]
        var letterCounts: [Character: [String: Double]] = [:]
        var englishWords: [([Character], Double)] = []
        var alignedChunks: [([Character], [String], Double)] = []
        for (a, e, weight) in usable {
            guard let chunks = viterbi(a, e, theta) else { continue }
            englishWords.append((e, weight))
            alignedChunks.append((a, chunks, weight))
            for (i, chunk) in chunks.enumerated() {
                for key in contextKeys(a, i) { contextCounts[key, default: [:]][chunk, default: 0] += weight }
                letterCounts[a[i], default: [:]][chunk, default: 0] += weight
            }
        }
        let lm = LetterModel.train(englishWords, alphabet: alphabet)
        var codes: [Character: UInt8] = [:]
        for (k, c) in alphabet.enumerated() where k >= 2 { codes[c] = UInt8(k) }
        func encode(_ chunk: String) -> [UInt8] { chunk.map { codes[$0] ?? 0 } }

        // Witten-Bell from the letter alone up to the widest context.
        var letterTables: [Character: [String: Double]] = [:]
        for (letter, row) in letterCounts {
            let n = row.values.reduce(0, +), t = Double(row.count)
            letterTables[letter] = row.mapValues { ($0 + 0.5 * t / Double(row.count)) / (n + 0.5 * t) }
        }
        func smoothed(_ key: String, _ letter: Character, backoff: [String: Double]) -> [String: Double] {
            guard let row = contextCounts[key] else { return backoff }
            let n = row.values.reduce(0, +), t = Double(row.count)
            let lambda = n / (n + t)
            var out: [String: Double] = [:]
            for (chunk, p) in backoff { out[chunk] = (1 - lambda) * p }
            for (chunk, c) in row { out[chunk, default: 0] += lambda * c / n }
            return out
        }
        var emissions: [String: [(chunk: [UInt8], logp: Float)]] = [:]
        for key in contextCounts.keys where key.hasPrefix("3") {
            let parts = Array(key.dropFirst())  // prev, letter, next
            let letter = parts[1]
            guard let base = letterTables[letter] else { continue }
            let left = smoothed("L" + String(parts[0]) + String(letter), letter, backoff: base)
            let right = smoothed("R" + String(letter) + String(parts[2]), letter, backoff: base)
            var middle: [String: Double] = [:]
            for chunk in Set(left.keys).union(right.keys) { middle[chunk] = 0.5 * (left[chunk] ?? 0) + 0.5 * (right[chunk] ?? 0) }
            let full = smoothed(key, letter, backoff: middle)
            emissions[key] = prune(full).map { (encode($0.key), Float(log($0.value))) }
        }
        var letterEmissions: [Character: [(chunk: [UInt8], logp: Float)]] = [:]
        for (letter, table) in letterTables { letterEmissions[letter] = prune(table).map { (encode($0.key), Float(log($0.value))) } }
        let graphones = GraphoneModel.train(alignedChunks.map { a, chunks, weight in
            (zip(a, chunks).map { ($0, encode($1)) }, weight)
        })
        return BackTransliterationModel(alphabet: alphabet, emissions: emissions, letterEmissions: letterEmissions,
                                        languageModel: lm, graphoneModel: graphones)
    }

    /// The most likely chunks first, at most twelve, those within a factor of 1000 of the best.
    static func prune(_ table: [String: Double]) -> [(key: String, value: Double)] {
        let sorted = table.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        guard let best = sorted.first?.value else { return [] }
        return Array(sorted.prefix(12).filter { $0.value >= best / 1000 })
    }

    /// The context keys of letter i: the three-letter window, and each side.
    static func contextKeys(_ a: [Character], _ i: Int) -> [String] {
        let prev: Character = i > 0 ? a[i - 1] : "^"
        let next: Character = i + 1 < a.count ? a[i + 1] : "$"
        return ["3" + String(prev) + String(a[i]) + String(next), "L" + String(prev) + String(a[i]), "R" + String(a[i]) + String(next)]
    }

    /// For each Arabic letter, the posterior probability of each chunk it may write.
    static func chunkPosteriors(_ a: [Character], _ e: [Character], _ theta: [Character: [String: Double]]) -> [[String: Double]] {
        let n = a.count, m = e.count
        func p(_ i: Int, _ from: Int, _ to: Int) -> Double {
            theta[a[i]]?[String(e[from..<to])] ?? 0
        }
        var forward = [[Double]](repeating: [Double](repeating: 0, count: m + 1), count: n + 1)
        forward[0][0] = 1
        for i in 1...n {
            for j in 0...m {
                var s = 0.0
                for k in 0...min(maxChunk, j) where forward[i - 1][j - k] > 0 { s += forward[i - 1][j - k] * p(i - 1, j - k, j) }
                forward[i][j] = s
            }
        }
        var backward = [[Double]](repeating: [Double](repeating: 0, count: m + 1), count: n + 1)
        backward[n][m] = 1
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in 0...m {
                var s = 0.0
                for k in 0...min(maxChunk, m - j) where backward[i + 1][j + k] > 0 { s += p(i, j, j + k) * backward[i + 1][j + k] }
                backward[i][j] = s
            }
        }
        let total = forward[n][m]
        var result = [[String: Double]](repeating: [:], count: n)
        guard total > 0 else { return result }
        for i in 0..<n {
            for j in 0...m where forward[i][j] > 0 {
                for k in 0...min(maxChunk, m - j) {
                    let q = forward[i][j] * p(i, j, j + k) * backward[i + 1][j + k] / total
                    if q > 0 { result[i][String(e[j..<(j + k)]), default: 0] += q }
                }
            }
        }
        return result
    }

    /// The most likely way to cut the English into one chunk per Arabic letter.
    static func viterbi(_ a: [Character], _ e: [Character], _ theta: [Character: [String: Double]]) -> [String]? {
        let n = a.count, m = e.count
        var best = [[Double]](repeating: [Double](repeating: -.infinity, count: m + 1), count: n + 1)
        var back = [[Int]](repeating: [Int](repeating: -1, count: m + 1), count: n + 1)
        best[0][0] = 0
        for i in 1...n {
            for j in 0...m {
                for k in 0...min(maxChunk, j) where best[i - 1][j - k] > -.infinity {
                    let p = theta[a[i - 1]]?[String(e[(j - k)..<j])] ?? 0
                    guard p > 0 else { continue }
                    let s = best[i - 1][j - k] + log(p)
                    if s > best[i][j] { best[i][j] = s; back[i][j] = k }
                }
            }
        }
        guard best[n][m] > -.infinity else { return nil }
        var chunks: [String] = []
        var j = m
        for i in stride(from: n, to: 0, by: -1) {
            let k = back[i][j]
            chunks.append(String(e[(j - k)..<j]))
            j -= k
        }
        return chunks.reversed()
    }

    /// The same model with other weights (for tuning on held-out training pairs).
    public func with(lmWeight: Float, contextWeight: Float, beamWidth: Int? = nil) -> BackTransliterationModel {
        BackTransliterationModel(alphabet: alphabet, emissions: emissions, letterEmissions: letterEmissions,
                                 languageModel: languageModel, graphoneModel: graphoneModel, lmWeight: lmWeight,
                                 contextWeight: contextWeight, beamWidth: beamWidth ?? self.beamWidth)
    }

    // MARK: - Proposing

    /// An English spelling and its probability among the candidates.
    public struct Candidate: Sendable, Equatable {
        public let text: String
        public let probability: Double
    }

    /// Ranked spellings of one word (lower case, as learned), best first.
    public func candidates(for word: String, limit: Int = 5) -> [Candidate] {
        let a = Array(Self.inputNormalizer.normalize(word).filter { $0 != " " })
        guard !a.isEmpty else { return [] }
        struct State {
            var letters: [UInt8]
            var history: [Int32]
            /// FNV-1a over the letters: with the history, what makes two hypotheses the same.
            var letterHash: UInt64
        }
        func key(_ letterHash: UInt64, _ history: [Int32]) -> UInt64 {
            var h = letterHash
            for g in history { h = (h ^ UInt64(UInt32(bitPattern: g))) &* 0x0000_0100_0000_01B3 }
            return h
        }
        let padding = [Int32](repeating: GraphoneModel.start, count: GraphoneModel.order - 1)
        var beam: [(state: State, score: Float)] = [(State(letters: [], history: padding, letterHash: 0xCBF2_9CE4_8422_2325), 0)]
        let keep = GraphoneModel.order - 1
        var slots: [UInt64: Int] = [:]
        var next: [(state: State, score: Float)] = []
        for i in a.indices {
            // The chunks this letter may write here, as graphones.
            let prev: Character = i > 0 ? a[i - 1] : "^", following: Character = i + 1 < a.count ? a[i + 1] : "$"
            var options = contextOptions["3" + String(prev) + String(a[i]) + String(following)] ?? letterOptions[a[i]] ?? []
            if options.isEmpty {
                for id in graphoneModel.byLetter[a[i]] ?? [] { options.append((id, graphoneModel.graphones[Int(id)].chunk, -5)) }
            }
            if options.isEmpty { continue }  // a letter never seen in training: silent
            slots.removeAll(keepingCapacity: true)
            next.removeAll(keepingCapacity: true)
            for (state, score) in beam {
                for (id, chunk, logp) in options {
                    var extended = state.letters
                    var letterHash = state.letterHash
                    var lmScore: Float = 0
                    for c in chunk where c != 0 {
                        if lmWeight != 0 { lmScore += languageModel.logProbability(of: c, after: extended) }
                        extended.append(c)
                        letterHash = (letterHash ^ UInt64(c)) &* 0x0000_0100_0000_01B3
                    }
                    let joint = graphoneModel.logProbability(of: id, after: state.history[...])
                    var history = state.history
                    history.append(id)
                    if history.count > keep { history.removeFirst(history.count - keep) }
                    let s = score + joint + contextWeight * logp + lmWeight * lmScore
                    let k = key(letterHash, history)
                    if let at = slots[k] {
                        // Two alignments reaching the same state: their probabilities add.
                        let old = next[at].score
                        next[at].score = max(old, s) + log1p(exp(-abs(old - s)))
                    } else {
                        slots[k] = next.count
                        next.append((State(letters: extended, history: history, letterHash: letterHash), s))
                    }
                }
            }
            next.sort { $0.score != $1.score ? $0.score > $1.score : $0.state.letters.lexicographicallyPrecedes($1.state.letters) }
            beam = Array(next.prefix(beamWidth))
        }
        // Close each hypothesis, then add up the ways of reaching one spelling.
        var spellings: [[UInt8]: Float] = [:]
        for (state, score) in beam where !state.letters.isEmpty {
            let s = score + graphoneModel.logProbability(of: GraphoneModel.end, after: state.history[...])
                + lmWeight * languageModel.logProbability(of: 1, after: state.letters)
            if let old = spellings[state.letters] {
                spellings[state.letters] = max(old, s) + log1p(exp(-abs(old - s)))
            } else {
                spellings[state.letters] = s
            }
        }
        let finished = spellings.map { ($0.key, $0.value) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.lexicographicallyPrecedes($1.0) }
        guard let top = finished.first?.1 else { return [] }
        let kept = finished.prefix(max(limit, 1))
        let mass = kept.reduce(0.0) { $0 + exp(Double($1.1 - top)) }
        return kept.map { letters, score in
            Candidate(text: String(letters.map { alphabet[Int($0)] }), probability: exp(Double(score - top)) / mass)
        }
    }

    // MARK: - Files

    /// Writes the model as text: its tables, one entry a line.
    public func write(to url: URL) throws {
        var out = "#tarjuman-back-transliteration-model\t1\n"
        out += "alphabet\t" + String(alphabet.dropFirst(2)) + "\n"
        out += "weights\t\(lmWeight)\t\(beamWidth)\t\(contextWeight)\n"
        func chunkText(_ chunk: [UInt8]) -> String { String(chunk.map { alphabet[Int($0)] }) }
        for key in emissions.keys.sorted() {
            let row = emissions[key]!.map { "\(chunkText($0.chunk)):\($0.logp)" }.joined(separator: " ")
            out += "e\t\(key)\t\(row)\n"
        }
        for letter in letterEmissions.keys.sorted() {
            let row = letterEmissions[letter]!.map { "\(chunkText($0.chunk)):\($0.logp)" }.joined(separator: " ")
            out += "l\t\(letter)\t\(row)\n"
        }
        out += languageModel.serialized()
        out += graphoneModel.serialized(alphabet: alphabet)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        try out.write(to: temporary, atomically: false, encoding: .utf8)
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw ModelError.unreadable("\(url.path): cannot write the model: \(String(cString: strerror(errno)))")
        }
    }

    /// Reads a model written by `write(to:)`.
    public convenience init(contentsOf url: URL) throws {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ModelError.unreadable("\(url.path): cannot read the model")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.first?.hasPrefix("#tarjuman-back-transliteration-model") == true else {
            throw ModelError.badModel(url.path)
        }
        var alphabet: [Character] = ["\0", "$"]
        var weight: Float = 0.4, beam = 16, contextWeight: Float = 1.0
        var emissionLines: [Substring] = [], letterLines: [Substring] = [], lmLines: [Substring] = []
        var graphoneLines: [Substring] = []
        for line in lines.dropFirst() {
            if line.hasPrefix("alphabet\t") { alphabet += Array(line.dropFirst(9)) }
            else if line.hasPrefix("weights\t") {
                let parts = line.split(separator: "\t")
                weight = Float(parts[1]) ?? 0.3
                beam = Int(parts[2]) ?? 24
                if parts.count > 3 { contextWeight = Float(parts[3]) ?? 0.5 }
            } else if line.hasPrefix("e\t") { emissionLines.append(line) }
            else if line.hasPrefix("l\t") { letterLines.append(line) }
            else if line.hasPrefix("g\t") || line.hasPrefix("n\t") || line.hasPrefix("w\t") { graphoneLines.append(line) }
            else { lmLines.append(line) }
        }
        var codes: [Character: UInt8] = [:]
        for (k, c) in alphabet.enumerated() where k >= 2 { codes[c] = UInt8(k) }
        func row(_ text: Substring) -> [(chunk: [UInt8], logp: Float)] {
            text.split(separator: " ").compactMap { item in
                guard let colon = item.lastIndex(of: ":"), let p = Float(item[item.index(after: colon)...]) else { return nil }
                return (item[..<colon].map { codes[$0] ?? 0 }, p)
            }
        }
        var emissions: [String: [(chunk: [UInt8], logp: Float)]] = [:]
        for line in emissionLines {
            let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            emissions[String(parts[1])] = row(parts[2])
        }
        var letterEmissions: [Character: [(chunk: [UInt8], logp: Float)]] = [:]
        for line in letterLines {
            let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let letter = parts[1].first else { continue }
            letterEmissions[letter] = row(parts[2])
        }
        let lm = try LetterModel(lines: lmLines, alphabetSize: alphabet.count)
        let graphones = GraphoneModel(lines: graphoneLines, codes: codes)
        self.init(alphabet: alphabet, emissions: emissions, letterEmissions: letterEmissions, languageModel: lm,
                  graphoneModel: graphones, lmWeight: weight, contextWeight: contextWeight, beamWidth: beam)
    }

    /// Reads pairs from a file of lines `arabic<TAB>english[<TAB>count]` (a `#` line is a comment).
    public static func readPairs(_ path: String) throws -> [NamePair] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ModelError.unreadable("\(path): cannot read (it must be UTF-8 text)")
        }
        var pairs: [NamePair] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cells.count >= 2 else {
                throw ModelError.badPair(file: path, line: index + 1, reason: "expected arabic<TAB>english[<TAB>count]")
            }
            let count = cells.count >= 3 ? Int(cells[2].trimmingCharacters(in: .whitespaces)) ?? 1 : 1
            pairs.append(NamePair(arabic: String(cells[0]), english: String(cells[1]), count: count))
        }
        if pairs.isEmpty { throw ModelError.noPairs(path) }
        return pairs
    }
}

/// English letters in sequence: a 5-gram model with Witten-Bell smoothing, over letter codes.
struct LetterModel: Sendable {
    static let order = 5
    /// log P(letter | history) for every history seen, packed with the letter into one key.
    let logProbabilities: [UInt64: Float]
    /// For each seen history, the log of its back-off weight (the unseen mass).
    let backoffs: [UInt64: Float]
    let alphabetSize: Int

    /// The key of a history (its last order-1 codes at most) and a letter.
    @inline(__always)
    static func key(_ history: ArraySlice<UInt8>, _ letter: UInt8) -> UInt64 {
        var k: UInt64 = UInt64(history.count)
        for c in history { k = k << 6 | UInt64(c) }
        return k << 8 | UInt64(letter)
    }

    @inline(__always)
    static func historyKey(_ history: ArraySlice<UInt8>) -> UInt64 { key(history, 0xFF) }

    static func train(_ words: [([Character], Double)], alphabet: [Character]) -> LetterModel {
        var codes: [Character: UInt8] = [:]
        for (k, c) in alphabet.enumerated() where k >= 2 { codes[c] = UInt8(k) }
        var counts: [UInt64: Double] = [:]
        var histories: [UInt64: (total: Double, types: Set<UInt8>)] = [:]
        var seenHistories: [UInt64: [UInt8]] = [:]
        for (word, weight) in words {
            let encoded = word.compactMap { codes[$0] } + [1]
            var previous: [UInt8] = []
            for c in encoded {
                for n in 0..<order where n <= previous.count {
                    let h = previous.suffix(n)
                    counts[key(h, c), default: 0] += weight
                    let hk = historyKey(h)
                    var entry = histories[hk] ?? (0, [])
                    entry.total += weight
                    entry.types.insert(c)
                    histories[hk] = entry
                    seenHistories[hk] = Array(h)
                }
                previous.append(c)
            }
        }
        // Interpolated Witten-Bell, from the empty history up.
        var logP: [UInt64: Float] = [:]
        var backoffs: [UInt64: Float] = [:]
        let uniform = 1.0 / Double(alphabet.count - 1)
        func probability(_ h: ArraySlice<UInt8>, _ c: UInt8) -> Double {
            let lower = h.isEmpty ? uniform : probability(h.dropFirst(), c)
            guard let entry = histories[historyKey(h)] else { return lower }
            let t = Double(entry.types.count)
            return (counts[key(h, c)] ?? 0) / (entry.total + t) + t / (entry.total + t) * lower
        }
        for (hk, h) in seenHistories {
            guard let entry = histories[hk] else { continue }
            for c in entry.types { logP[key(h[...], c)] = Float(log(probability(h[...], c))) }
            backoffs[hk] = Float(log(Double(entry.types.count) / (entry.total + Double(entry.types.count))))
        }
        return LetterModel(logProbabilities: logP, backoffs: backoffs, alphabetSize: alphabet.count)
    }

    /// log P(letter | the letters so far).
    func logProbability(of letter: UInt8, after letters: [UInt8]) -> Float {
        var history = letters.suffix(Self.order - 1)
        var penalty: Float = 0
        while true {
            if let p = logProbabilities[Self.key(history, letter)] { return p + penalty }
            if let b = backoffs[Self.historyKey(history)] { penalty += b }
            if history.isEmpty { return penalty + Float(log(1.0 / Double(alphabetSize - 1))) }
            history = history.dropFirst()
        }
    }

    func serialized() -> String {
        var out = ""
        for k in logProbabilities.keys.sorted() { out += "p\t\(String(k, radix: 16))\t\(logProbabilities[k]!)\n" }
        for k in backoffs.keys.sorted() { out += "b\t\(String(k, radix: 16))\t\(backoffs[k]!)\n" }
        return out
    }

    init(logProbabilities: [UInt64: Float], backoffs: [UInt64: Float], alphabetSize: Int) {
        self.logProbabilities = logProbabilities
        self.backoffs = backoffs
        self.alphabetSize = alphabetSize
    }

    init(lines: [Substring], alphabetSize: Int) throws {
        var p: [UInt64: Float] = [:], b: [UInt64: Float] = [:]
        for line in lines {
            let parts = line.split(separator: "\t")
            guard parts.count == 3, let k = UInt64(parts[1], radix: 16), let v = Float(parts[2]) else { continue }
            if parts[0] == "p" { p[k] = v } else if parts[0] == "b" { b[k] = v }
        }
        self.init(logProbabilities: p, backoffs: b, alphabetSize: alphabetSize)
    }
}

/// A joint n-gram model over graphones (an Arabic letter and the English chunk it writes): the
/// probability of each step given the steps before, so that the choices of neighbouring letters
/// inform each other (Bisani and Ney's joint-sequence model). Witten-Bell smoothing.
struct GraphoneModel: Sendable {
    static let order = 5
    /// Graphone ids: the letter and chunk of each.
    let graphones: [(letter: Character, chunk: [UInt8])]
    let ids: [String: Int32]
    /// Per Arabic letter, the graphones it may take.
    let byLetter: [Character: [Int32]]
    let logProbabilities: [UInt64: Float]
    let backoffs: [UInt64: Float]

    static let start: Int32 = 0
    static let end: Int32 = 1

    @inline(__always)
    static func key(_ history: ArraySlice<Int32>, _ next: Int32) -> UInt64 {
        var k = UInt64(history.count)
        for g in history { k = k << 14 | UInt64(g) }
        return k << 14 | UInt64(next)
    }

    @inline(__always)
    static func historyKey(_ history: ArraySlice<Int32>) -> UInt64 { key(history, 0x3FFF) }

    static func name(_ letter: Character, _ chunk: [UInt8]) -> String {
        String(letter) + "|" + chunk.map { String($0) }.joined(separator: ",")
    }

    static func train(_ sequences: [([(Character, [UInt8])], Double)]) -> GraphoneModel {
        var graphones: [(letter: Character, chunk: [UInt8])] = [("^", []), ("$", [])]
        var ids: [String: Int32] = [:]
        var byLetter: [Character: [Int32]] = [:]
        var encoded: [([Int32], Double)] = []
        for (sequence, weight) in sequences {
            var row: [Int32] = [start]
            for (letter, chunk) in sequence {
                let n = name(letter, chunk)
                let id: Int32
                if let known = ids[n] {
                    id = known
                } else {
                    id = Int32(graphones.count)
                    graphones.append((letter, chunk))
                    ids[n] = id
                    byLetter[letter, default: []].append(id)
                }
                row.append(id)
            }
            row.append(end)
            encoded.append((row, weight))
        }
        // Interpolated Kneser-Ney: raw counts at the highest order, continuation counts (how many
        // different steps come before) below, a discount of 0.75.
        let discount = 0.75
        var levels = [[UInt64: Double]](repeating: [:], count: order)  // (history, next) → count
        var historyOf: [UInt64: [Int32]] = [:]
        for (row, weight) in encoded {
            let padded = [Int32](repeating: start, count: order - 2) + row
            for i in (order - 1)..<padded.count {
                let h = padded[(i - order + 1)..<i]
                levels[order - 1][key(h, padded[i]), default: 0] += weight
                historyOf[historyKey(h)] = Array(h)
            }
        }
        // Lower levels from the level above: each distinct longer n-gram counts once.
        var gramsOf = [[UInt64: ([Int32], Int32)]](repeating: [:], count: order)
        for (row, _) in encoded {
            let padded = [Int32](repeating: start, count: order - 2) + row
            for i in (order - 1)..<padded.count {
                for n in 0..<order {
                    let h = padded[(i - n)..<i]
                    gramsOf[n][key(h, padded[i])] = (Array(h), padded[i])
                    historyOf[historyKey(h)] = Array(h)
                }
            }
        }
        for n in stride(from: order - 2, through: 0, by: -1) {
            for (_, (h, g)) in gramsOf[n + 1] {
                levels[n][key(h.dropFirst(), g), default: 0] += 1
            }
        }
        var totals: [UInt64: Double] = [:], types: [UInt64: Int] = [:]
        for n in 0..<order {
            for (k, (h, _)) in gramsOf[n] {
                let c = levels[n][k] ?? 0
                guard c > 0 else { continue }
                totals[historyKey(h[...]), default: 0] += c
                types[historyKey(h[...]), default: 0] += 1
            }
        }
        let uniform = 1.0 / Double(graphones.count)
        var memo: [UInt64: Double] = [:]
        func probability(_ h: ArraySlice<Int32>, _ g: Int32) -> Double {
            let k = key(h, g)
            if let known = memo[k] { return known }
            let lower = h.isEmpty ? uniform : probability(h.dropFirst(), g)
            let hk = historyKey(h)
            guard let total = totals[hk], total > 0 else { return lower }
            let c = levels[h.count][k] ?? 0
            let t = Double(types[hk] ?? 0)
            let p = max(c - discount, 0) / total + discount * t / total * lower
            memo[k] = p
            return p
        }
        var logP: [UInt64: Float] = [:]
        var backoffs: [UInt64: Float] = [:]
        for n in 0..<order {
            for (k, (h, g)) in gramsOf[n] where (levels[n][k] ?? 0) > 0 {
                logP[k] = Float(log(probability(h[...], g)))
            }
        }
        for (hk, total) in totals where total > 0 {
            backoffs[hk] = Float(log(discount * Double(types[hk] ?? 0) / total))
        }
        _ = historyOf
        return GraphoneModel(graphones: graphones, ids: ids, byLetter: byLetter, logProbabilities: logP, backoffs: backoffs)
    }

    func logProbability(of g: Int32, after history: ArraySlice<Int32>) -> Float {
        var h = history.suffix(Self.order - 1)
        var penalty: Float = 0
        while true {
            if let p = logProbabilities[Self.key(h, g)] { return p + penalty }
            if let b = backoffs[Self.historyKey(h)] { penalty += b }
            if h.isEmpty { return penalty + Float(log(1.0 / Double(graphones.count))) }
            h = h.dropFirst()
        }
    }

    func serialized(alphabet: [Character]) -> String {
        var out = ""
        for (id, g) in graphones.enumerated() where id >= 2 {
            out += "g\t\(id)\t\(g.letter)\t\(String(g.chunk.map { alphabet[Int($0)] }))\n"
        }
        for k in logProbabilities.keys.sorted() { out += "n\t\(String(k, radix: 16))\t\(logProbabilities[k]!)\n" }
        for k in backoffs.keys.sorted() { out += "w\t\(String(k, radix: 16))\t\(backoffs[k]!)\n" }
        return out
    }

    init(graphones: [(letter: Character, chunk: [UInt8])], ids: [String: Int32], byLetter: [Character: [Int32]],
         logProbabilities: [UInt64: Float], backoffs: [UInt64: Float]) {
        self.graphones = graphones
        self.ids = ids
        self.byLetter = byLetter
        self.logProbabilities = logProbabilities
        self.backoffs = backoffs
    }

    init(lines: [Substring], codes: [Character: UInt8]) {
        var graphones: [(letter: Character, chunk: [UInt8])] = [("^", []), ("$", [])]
        var ids: [String: Int32] = [:]
        var byLetter: [Character: [Int32]] = [:]
        var logP: [UInt64: Float] = [:], backoffs: [UInt64: Float] = [:]
        for line in lines {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            switch parts.first {
            case "g":
                guard parts.count == 4, let id = Int32(parts[1]), let letter = parts[2].first else { continue }
                let chunk = parts[3].map { codes[$0] ?? 0 }
                while graphones.count <= Int(id) { graphones.append(("?", [])) }
                graphones[Int(id)] = (letter, chunk)
                ids[Self.name(letter, chunk)] = id
                byLetter[letter, default: []].append(id)
            case "n":
                if parts.count == 3, let k = UInt64(parts[1], radix: 16), let v = Float(parts[2]) { logP[k] = v }
            case "w":
                if parts.count == 3, let k = UInt64(parts[1], radix: 16), let v = Float(parts[2]) { backoffs[k] = v }
            default:
                continue
            }
        }
        self.init(graphones: graphones, ids: ids, byLetter: byLetter, logProbabilities: logP, backoffs: backoffs)
    }
}
