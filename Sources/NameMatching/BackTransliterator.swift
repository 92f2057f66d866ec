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
///     let model = BackTransliterationModel.train(pairs)
///     model.candidates(for: "بافلوف").first?.text  // "pavlov"
///
/// A joint-sequence model (Bisani and Ney; the way Phonetisaurus builds grapheme-to-phoneme
/// models): EM aligns each pair, every Arabic letter writing a chunk of zero to four English
/// letters (ب|b, و|o, ف|v: graphones); a 7-gram model over graphones with modified Kneser-Ney
/// smoothing learns how they follow one another, so origin patterns (ـوف → ov, سكي → sky,
/// يان → yan, ـيه → ier) come from the data. The search weighs three more things: an English
/// letter 7-gram model of name spelling, the chunk each letter writes given the two letters
/// after it (the joint model sees only what came before), and a bonus for a spelling that is a
/// known name. A beam search over the Arabic letters combines them; the cuttings of one
/// spelling add up. The finished spellings are ranked with a bonus per letter and the letter
/// model over the whole spelling too, and their scores become probabilities at a tuned
/// temperature.
public final class BackTransliterationModel: Sendable {
    /// Arabic letters by code (0 is an unknown letter).
    let arabicLetters: [Character]
    let arabicCodes: [Character: UInt8]
    /// The codes of the English letters.
    let englishCodes: [Character: UInt8]
    /// English letters by code (0 start, 1 end).
    let englishLetters: [Character]
    /// Per English code, whether it is a letter (not a hyphen or an apostrophe).
    let englishIsLetter: [Bool]
    /// Graphones by id (0 start, 1 end): the Arabic part (one or two codes) and English chunk.
    let graphoneArabic: [UInt16]
    let graphoneEnglish: [[UInt8]]
    /// log P(chunk | Arabic part), from the alignments.
    let graphonePartLogP: [Float]
    /// Per Arabic part, the graphones it may be, most frequent first.
    let optionsByPart: [UInt16: [Int32]]
    /// The same by part and first English letter (0: chunks of no letter), each chunk packed
    /// into a word (a byte a letter), for scoring a given spelling.
    let packedOptions: [UInt32: [(id: Int32, chunk: UInt32, count: Int)]]

    /// The graphones one Arabic part may be at one place of a word, and the prefixes of their
    /// chunks as a tree (each prefix scored once per hypothesis by the letter model).
    struct PartOptions {
        var ids: [Int32] = []
        /// Per option, its chunk's node in the tree (-1: the empty chunk).
        var node: [Int] = []
        /// The tree's nodes, parents before children: letter, parent (-1: the root), and
        /// whether any other node hangs from it.
        var letters: [UInt8] = []
        var parents: [Int] = []
        var hasChildren: [Bool] = []
    }

    /// The options `ids` with their chunks' tree.
    static func partOptions(_ ids: some Sequence<Int32>, english: [[UInt8]]) -> PartOptions {
        var part = PartOptions()
        for id in ids {
            // Down the tree letter by letter (a few dozen nodes: a scan beats hashing).
            var node = -1
            for c in english[Int(id)] {
                var child = -1
                for k in part.letters.indices where part.parents[k] == node && part.letters[k] == c {
                    child = k
                    break
                }
                if child < 0 {
                    if node >= 0 { part.hasChildren[node] = true }
                    part.letters.append(c)
                    part.parents.append(node)
                    part.hasChildren.append(false)
                    child = part.letters.count - 1
                }
                node = child
            }
            part.ids.append(id)
            part.node.append(node)
        }
        return part
    }
    let joint: NGramModel
    let letters: NGramModel
    /// English spellings known to be names (the pairs' and any others given at training), as
    /// hashes of their letter codes, and as words for the file.
    let lexicon: FloatTable
    let lexiconWords: [String]
    /// The known names by the consonants an Arabic spelling of them would show, to find known
    /// names the search did not reach.
    let knownKeys: KnownNameKeys
    /// The spellings the pairs teach for each one-word Arabic spelling (by its letter codes):
    /// a word the pairs spell is spelt as they do (Xhaka, not Chaka; Blanc, whose c no cutting
    /// writes), before what the search proposes (`rankingScores`).
    let taught: [[UInt8]: [[UInt8]]]
    /// log P(chunk | part, the letters after it), keyed by graphone and context, with back-off
    /// weights keyed by part and context.
    let rightContext: FloatTable
    let rightBackoff: FloatTable
    /// How the experts are weighed against the joint model, and the width of the search.
    public struct Weights: Sendable, Equatable {
        /// The English letter model, in the search.
        public var letters: Float = 0.2
        /// The chunks given the letters after them, in the search.
        public var context: Float = 0.25
        /// A bonus for a candidate that is a known name, on the finished candidates.
        public var lexicon: Float = 10
        public var beam = 10
        /// A bonus per English letter, on the finished candidates: the joint model's
        /// probabilities shrink with each graphone, which favours spellings that drop vowels
        /// (Obrholzer for Oberholzer).
        public var length: Float = 1
        /// The letter model once more, over each finished spelling as a whole (in the search it
        /// judges the spellings' beginnings, which decide what is pruned).
        public var spelling: Float = 0.3
        /// How the scores become probabilities (exp(score / temperature), over the candidates):
        /// tuned so that a first candidate given 0.8 is right about four times in five.
        public var temperature: Float = 3
        /// How much the word's likeliest origins judge the finished spellings (`OriginModel`).
        public var origin: Float = 0.5

        public init(letters: Float = 0.2, context: Float = 0.25, lexicon: Float = 10, beam: Int = 10, length: Float = 1,
                    spelling: Float = 0.3, temperature: Float = 3, origin: Float = 0.5) {
            self.letters = letters
            self.context = context
            self.lexicon = lexicon
            self.beam = beam
            self.length = length
            self.spelling = spelling
            self.temperature = temperature
            self.origin = origin
        }
    }

    public let weights: Weights
    /// Where names come from and how each origin spells them in English (nil: a model without).
    let origins: OriginModel?
    /// How many of a word's best spellings (by the other experts) its origins judge.
    static let originJudged = 10

    static let maxEnglish = 4
    /// Arabic letters in one graphone. Two (وف|ov, تش|ch) gave no better spellings on held-out
    /// pairs, took twice the time to search, and on small pair files EM made whole syllables
    /// of them (سم|smi): one it is, and the joint model's history carries the neighbours.
    static let maxArabic = 1
    /// Odd constants to fold the graphones of a history into one number (only as many as the
    /// joint model looks back).
    static let stateMultipliers = SIMD8<UInt64>(0x9E37_79B9_7F4A_7C15, 0xBF58_476D_1CE4_E5B9, 0x94D0_49BB_1331_11EB,
                                                0xD6E8_FEB8_6659_FD93, 0xA076_1D64_78BD_642F, 0xE703_7ED1_A0B4_28DB, 0, 0)
    /// The chunks one Arabic letter may write at one place in the search: of its `preOptions`
    /// most frequent, the `maxOptions` likeliest before the letters that follow, and of those
    /// only the ones within `optionMargin` (natural log) of the likeliest. On a tenth of the
    /// Google ar2en train split held out, this got more names right than the twelve most
    /// frequent in any context, and in less time.
    static let preOptions = 16
    static let maxOptions = 8
    static let optionMargin: Float = 8
    static let jointOrder = 7
    static let letterOrder = 7
    static let endCode: UInt8 = 0xFF
    static let inputNormalizer = ArabicNormalizer(steps: [
        .removeControls, .removeTatweel, .compatibilityComposition, .removeDiacritics, .foldPersianLetters,
        .collapseWhitespace,
    ])

    /// The key of a search state: the graphones of its history (as many as the joint model
    /// sees) with `extra` (the letters' hash, or how many letters are spelt).
    @inline(__always)
    static func stateKey(_ history: NGramModel.History, _ extra: UInt64) -> UInt64 {
        let lanes = SIMD8<UInt64>(truncatingIfNeeded: history.symbols) &* stateMultipliers
        return mixHash(extra, lanes.wrappedSum())
    }

    init(arabicLetters: [Character], englishLetters: [Character], graphoneArabic: [UInt16], graphoneEnglish: [[UInt8]],
         graphonePartLogP: [Float], joint: NGramModel, letters: NGramModel, lexiconWords: [String],
         rightContext: FloatTable, rightBackoff: FloatTable, weights: Weights = Weights(), knownKeys: KnownNameKeys? = nil,
         origins: OriginModel? = nil, taught: [[UInt8]: [[UInt8]]] = [:]) {
        self.arabicLetters = arabicLetters
        arabicCodes = Self.codeTable(arabicLetters, from: 1)
        self.englishLetters = englishLetters
        englishIsLetter = englishLetters.map(\.isLetter)
        let englishCodes = Self.codeTable(englishLetters, from: 2)
        self.englishCodes = englishCodes
        self.graphoneArabic = graphoneArabic
        self.graphoneEnglish = graphoneEnglish
        self.graphonePartLogP = graphonePartLogP
        var byPart: [UInt16: [Int32]] = [:]
        for id in 2..<graphoneArabic.count { byPart[graphoneArabic[id], default: []].append(Int32(id)) }
        optionsByPart = byPart.mapValues { ids in
            ids.sorted { graphonePartLogP[Int($0)] != graphonePartLogP[Int($1)] ? graphonePartLogP[Int($0)] > graphonePartLogP[Int($1)] : $0 < $1 }
        }
        var packed: [UInt32: [(id: Int32, chunk: UInt32, count: Int)]] = [:]
        for (part, ids) in optionsByPart.sorted(by: { $0.key < $1.key }) {
            for id in ids {
                let chunk = graphoneEnglish[Int(id)]
                packed[UInt32(part) << 8 | UInt32(chunk.first ?? 0), default: []].append((id, Self.pack(chunk[...]), chunk.count))
            }
        }
        packedOptions = packed
        self.joint = joint
        self.letters = letters
        self.lexiconWords = lexiconWords
        // Every prefix of a known name (0), the whole names (1), by the hash the search keeps.
        var prefixes: [UInt64: Float] = [:]
        for word in lexiconWords {
            guard let codes = Self.coded(word, englishCodes), !codes.isEmpty else { continue }
            var h = Self.spellingSeed
            for c in codes {
                h = mixHash(h, UInt64(c))
                if prefixes[h] == nil { prefixes[h] = 0 }
            }
            prefixes[h] = 1
        }
        lexicon = FloatTable(prefixes.map { ($0.key, $0.value) })
        self.knownKeys = knownKeys ?? KnownNameKeys(words: lexiconWords.compactMap { word in
            Self.coded(word, englishCodes).flatMap { $0.isEmpty ? nil : (word, $0) }
        }, arabicLetters: arabicLetters)
        self.rightContext = rightContext
        self.rightBackoff = rightBackoff
        self.weights = weights
        self.origins = origins
        self.taught = taught
    }

    /// Where the hash of a spelling's letters starts.
    static let spellingSeed: UInt64 = 0xCBF2_9CE4_8422_2325

    /// Codes for `letters`, the one at `first` coded `first` (those before are reserved).
    static func codeTable(_ letters: [Character], from first: Int) -> [Character: UInt8] {
        var codes: [Character: UInt8] = [:]
        for (k, c) in letters.enumerated() where k >= first { codes[c] = UInt8(k) }
        return codes
    }

    /// Letter codes as text, by `letters` (the inverse of `coded`).
    static func text(_ codes: [UInt8], _ letters: [Character]) -> String { String(codes.map { letters[Int($0)] }) }

    /// A word in the letter codes of `table`, or nil if it has a letter the table lacks.
    static func coded(_ word: some StringProtocol, _ table: [Character: UInt8]) -> [UInt8]? {
        let codes = word.compactMap { table[$0] }
        return codes.count == word.count ? codes : nil
    }

    /// The same model with other weights (for tuning on held-out training pairs).
    public func with(_ weights: Weights) -> BackTransliterationModel { copy(weights: weights, origins: origins) }

    /// The same model with origin models learned from `data` (none if it has too few names).
    func with(origins data: NameOrigins, minimumNames: Int = OriginModel.minimumNames) -> BackTransliterationModel {
        copy(weights: weights, origins: data.isEmpty ? nil : OriginModel.train(
            data, arabicLetters: arabicLetters.count, englishLetters: englishLetters.count, minimumNames: minimumNames,
            arabicCodes: { codes($0) }, englishCodes: { Self.coded($0, englishCodes) }))
    }

    /// The same model without its taught spellings (the search and the experts alone).
    func withoutTaught() -> BackTransliterationModel { copy(weights: weights, origins: origins, taught: [:]) }

    private func copy(weights: Weights, origins: OriginModel?, taught: [[UInt8]: [[UInt8]]]? = nil) -> BackTransliterationModel {
        BackTransliterationModel(arabicLetters: arabicLetters, englishLetters: englishLetters, graphoneArabic: graphoneArabic,
                                 graphoneEnglish: graphoneEnglish, graphonePartLogP: graphonePartLogP, joint: joint,
                                 letters: letters, lexiconWords: lexiconWords, rightContext: rightContext,
                                 rightBackoff: rightBackoff, weights: weights, knownKeys: knownKeys, origins: origins,
                                 taught: taught ?? self.taught)
    }

    @inline(__always)
    static func partKey(_ a: UInt8, _ b: UInt8?) -> UInt16 { UInt16(a) | UInt16(b ?? 0) << 8 }

    /// The key of an Arabic part in a right context (for its back-off weight; a graphone in
    /// the context is `mixHash(context, id)`).
    @inline(__always)
    static func partContextKey(_ context: UInt64, _ part: UInt16) -> UInt64 { mixHash(context ^ 0xABCD, UInt64(part)) }

    /// The keys of a part's right context: the next letter, then the next two.
    @inline(__always)
    static func contextKeys(_ a: [UInt8], after end: Int) -> (UInt64, UInt64) {
        let n1 = end < a.count ? a[end] : endCode
        let n2 = end + 1 < a.count ? a[end + 1] : endCode
        let one = mixHash(0x1F, UInt64(n1))
        return (one, n1 == endCode ? one : mixHash(one, UInt64(n2)))
    }

    // MARK: - Training

    /// Learns a model from pairs and tunes its weights on the pairs themselves: a tenth is held
    /// out, a model of the rest tries weights on it (twice, with two tenths), and the best go
    /// with the model learned from all pairs, with the temperature that makes their
    /// probabilities honest. `knownNames` are English spellings known to be names besides the
    /// pairs' own. When they were drawn from the same data as the pairs (`knownNamesFromPairs`:
    /// the shipped model), the held-out tenth's spellings are kept out of the trial's known
    /// names (or it would learn to trust them too much), and as no held-out spelling is then
    /// known, the known-name bonus cannot be measured: it keeps its default, the value held-out
    /// pairs of an independent pair file (the Google ar2en train split) favour.
    public static func trainAndTune(_ pairs: [NamePair], knownNames: [String] = [], knownNamesFromPairs: Bool = false,
                                    origins: NameOrigins = NameOrigins(), iterations: Int = 6) -> BackTransliterationModel {
        let model = train(pairs, knownNames: knownNames, origins: origins, iterations: iterations)
        guard pairs.count >= 500 else { return model }
        // Two folds (a tenth held out each time, the models of the rest learned side by side):
        // one tenth alone is a noisy judge of weights that move a few names either way.
        let folds = [0, 5]
        let heldOuts = folds.map { fold in pairs.enumerated().filter { $0.offset % 10 == fold }.map(\.element) }
        let trials = onEachCore(folds.count) { k in
            let rest = pairs.enumerated().filter { $0.offset % 10 != folds[k] }.map(\.element)
            var trialNames = knownNames
            var trialOrigins = origins
            if knownNamesFromPairs {
                let unseen = Set(heldOuts[k].map { $0.english.lowercased() })
                trialNames.removeAll { unseen.contains($0.lowercased()) }
                trialOrigins = origins.removing(unseen.union(heldOuts[k].map(\.arabic)))
            }
            let trial = train(rest, knownNames: trialNames, origins: trialOrigins, iterations: iterations)
            return (model: trial, right: trial.rightAnswers(on: heldOuts[k], tuneLexicon: !knownNamesFromPairs))
        }
        // The weights with the most right answers over both folds (the first such in the grid).
        var best = (weights: model.weights, right: -1)
        for g in trials[0].right.indices {
            let right = trials.reduce(0) { $0 + $1.right[g].right }
            if right > best.right { best = (trials[0].right[g].weights, right) }
        }
        // Then the temperature that makes the first candidate's probability say how often it
        // is right: per held-out name, its candidates' scores below the first, and whether the
        // first is right.
        let chosen = best.weights
        let judged = onEachCore(folds.count) { k in
            let m = trials[k].model.with(chosen)
            return heldOuts[k].compactMap { pair -> (below: [Float], right: Bool)? in
                let ranked = m.ranked(m.scoredSpellings(for: pair.arabic), weights: chosen)
                guard let top = ranked.first else { return nil }
                return (ranked.map { top.score - $0.score }, m.spells(top.codes, Array(pair.english.lowercased().utf8)))
            }
        }
        var weights = chosen
        weights.temperature = Self.temperature(for: judged.flatMap { $0 })
        return model.with(weights)
    }

    /// `body` of 0..<count, run at once on the cores, its results in order.
    static func onEachCore<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: count) { out[$0] = body($0) }
        }
        return results.map { $0! }
    }

    /// Whether the letter codes spell `want` (lower-case ASCII bytes).
    func spells(_ codes: [UInt8], _ want: [UInt8]) -> Bool {
        codes.count == want.count && zip(codes, want).allSatisfy { englishLetters[Int($0)].asciiValue == $1 }
    }

    /// The temperature, of a small grid, with the least log loss of "the first candidate is
    /// right" at the probability the candidates' scores give it.
    static func temperature(for judged: [(below: [Float], right: Bool)]) -> Float {
        var best = (temperature: Float(1), loss: Double.infinity)
        for t in [Float(1), 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 12, 16] {
            var loss = 0.0
            for (below, right) in judged {
                let p = 1 / below.reduce(0.0) { $0 + exp(-Double($1 / t)) }
                loss -= log(max(1e-9, right ? p : 1 - p))
            }
            if loss < best.loss { best = (t, loss) }
        }
        return best.temperature
    }

    /// For each weights on a small grid, how many held-out pairs get their spelling right at
    /// the top: the search's two weights, and for each the known-name bonus (unless it is to
    /// keep its value), the length bonus and the whole spelling's weight, which only rerank the
    /// finished candidates.
    func rightAnswers(on heldOut: [NamePair], tuneLexicon: Bool = true) -> [(weights: Weights, right: Int)] {
        var results: [(weights: Weights, right: Int)] = []
        for letters in [Float(0.0), 0.2, 0.4] {
            for context in [Float(0.0), 0.25, 0.5] {
                var w = weights
                w.letters = letters
                w.context = context
                let m = with(w)
                // Every retrieved known name scored in full: the ranking's weights vary below.
                let found = heldOut.map {
                    (m.scoredSpellings(for: $0.arabic, floored: false, judged: .max), Array($0.english.lowercased().utf8))
                }
                for lexicon in tuneLexicon ? [Float(0.0), 1, 2, 3, 4, 5, 6, 7, 8, 10, 12] : [weights.lexicon] {
                    for length in [Float(0), 0.5, 1, 1.5, 2, 3, 4] {
                        for spelling in [Float(0), 0.3, 0.6] {
                            for origin in origins == nil ? [weights.origin] : [Float(0), 0.25, 0.5, 0.75, 1] {
                                w.lexicon = lexicon
                                w.length = length
                                w.spelling = spelling
                                w.origin = origin
                                let right = found.filter { spellings, want in
                                    m.best(spellings, weights: w).map { m.spells($0, want) } ?? false
                                }.count
                                results.append((w, right))
                            }
                        }
                    }
                }
            }
        }
        return results
    }

    /// Learns a model from pairs (Arabic, English). Pairs whose English has letters outside
    /// a–z, apostrophes and hyphens (spaces are dropped) are skipped.
    public static func train(_ pairs: [NamePair], knownNames: [String] = [], origins: NameOrigins = NameOrigins(),
                             iterations: Int = 6) -> BackTransliterationModel {
        // Letters of both sides, coded.
        var usable: [(arabic: [Character], english: [Character], weight: Double, oneWord: Bool)] = []
        var arabicSet = Set<Character>(), englishSet = Set<Character>()
        for pair in pairs {
            let a = Array(inputNormalizer.normalize(pair.arabic).filter { $0 != " " })
            let e = Array(pair.english.lowercased().filter { $0 != " " })
            guard !a.isEmpty, !e.isEmpty, e.count <= a.count * maxEnglish,
                  e.allSatisfy({ ("a"..."z").contains($0) || $0 == "-" || $0 == "'" }) else { continue }
            let oneWord = !pair.arabic.trimmingCharacters(in: .whitespaces).contains(" ")
                && !pair.english.trimmingCharacters(in: .whitespaces).contains(" ")
            usable.append((a, e, Double(max(1, pair.count)), oneWord))
            arabicSet.formUnion(a)
            englishSet.formUnion(e)
        }
        let arabicLetters: [Character] = ["\0"] + arabicSet.sorted().prefix(250)
        let englishLetters: [Character] = ["^", "$"] + englishSet.sorted()
        let arabicCodes = codeTable(arabicLetters, from: 1), englishCodes = codeTable(englishLetters, from: 2)
        let coded: [(a: [UInt8], e: [UInt8], weight: Double)] = usable.map { a, e, w, _ in
            (a.map { arabicCodes[$0] ?? 0 }, e.map { englishCodes[$0]! }, w)
        }

        // Every way of cutting each pair, as graphone ids on the edges of its lattice:
        // edge (i, da, j, de) writes English j..<j+de for Arabic i..<i+da.
        var ids: [UInt64: Int32] = [:]
        var candidates: [UInt64] = []
        func graphoneKey(_ a: ArraySlice<UInt8>, _ e: ArraySlice<UInt8>) -> UInt64 {
            var k = UInt64(a.count) << 4 | UInt64(e.count)
            for c in a { k = k << 8 | UInt64(c) }
            for c in e { k = k << 8 | UInt64(c) }
            return k
        }
        let maxE = maxEnglish
        let maxA = maxArabic
        func edgeIndex(_ i: Int, _ da: Int, _ j: Int, _ de: Int, _ m: Int) -> Int {
            ((i * maxA + da - 1) * (m + 1) + j) * (maxE + 1) + de
        }
        // A part of two Arabic letters writes at most three English ones (longer chunks swallow
        // whole syllables: EM favours fewer, larger steps).
        func allowed(_ da: Int, _ de: Int) -> Bool { da == 1 || de <= maxEnglish - 1 }
        var lattices: [[Int32]] = []
        lattices.reserveCapacity(coded.count)
        var initial: [Double] = []
        for (a, e, _) in coded {
            let n = a.count, m = e.count
            var edges = [Int32](repeating: -1, count: n * maxA * (m + 1) * (maxE + 1))
            for i in 0..<n {
                for da in 1...Self.maxArabic where i + da <= n {
                    for j in 0...m {
                        for de in 0...maxE where j + de <= m && !(da == 2 && de == 0) && allowed(da, de) {
                            let key = graphoneKey(a[i..<(i + da)], e[j..<(j + de)])
                            let id: Int32
                            if let known = ids[key] { id = known } else {
                                id = Int32(candidates.count)
                                ids[key] = id
                                candidates.append(key)
                                initial.append(0)
                            }
                            edges[edgeIndex(i, da, j, de, m)] = id
                            initial[Int(id)] += 1
                        }
                    }
                }
            }
            lattices.append(edges)
        }
        var theta = initial
        let total0 = theta.reduce(0, +)
        for k in theta.indices { theta[k] /= total0 }

        // EM: expected counts of each graphone over all cuttings (forward-backward).
        var forward: [Double] = [], backward: [Double] = []
        for _ in 0..<iterations {
            var counts = [Double](repeating: 0, count: theta.count)
            for (p, (a, e, weight)) in coded.enumerated() {
                let n = a.count, m = e.count, edges = lattices[p]
                let w = m + 1
                forward = [Double](repeating: 0, count: (n + 1) * w)
                backward = [Double](repeating: 0, count: (n + 1) * w)
                forward[0] = 1
                for i in 0..<n {
                    for j in 0...m where forward[i * w + j] > 0 {
                        let f = forward[i * w + j]
                        for da in 1...Self.maxArabic where i + da <= n {
                            for de in 0...maxE where j + de <= m {
                                let id = edges[edgeIndex(i, da, j, de, m)]
                                if id >= 0 { forward[(i + da) * w + j + de] += f * theta[Int(id)] }
                            }
                        }
                    }
                }
                backward[n * w + m] = 1
                for i in stride(from: n - 1, through: 0, by: -1) {
                    for j in 0...m {
                        var s = 0.0
                        for da in 1...Self.maxArabic where i + da <= n {
                            for de in 0...maxE where j + de <= m {
                                let id = edges[edgeIndex(i, da, j, de, m)]
                                if id >= 0 { s += theta[Int(id)] * backward[(i + da) * w + j + de] }
                            }
                        }
                        backward[i * w + j] = s
                    }
                }
                let total = forward[n * w + m]
                guard total > 0 else { continue }
                for i in 0..<n {
                    for j in 0...m where forward[i * w + j] > 0 {
                        let f = forward[i * w + j] / total * weight
                        for da in 1...Self.maxArabic where i + da <= n {
                            for de in 0...maxE where j + de <= m {
                                let id = edges[edgeIndex(i, da, j, de, m)]
                                if id >= 0 { counts[Int(id)] += f * theta[Int(id)] * backward[(i + da) * w + j + de] }
                            }
                        }
                    }
                }
            }
            let total = counts.reduce(0, +)
            for k in theta.indices { theta[k] = counts[k] / total }
        }

        // The best cutting of each pair: its graphone sequence.
        var finalIDs: [Int32: Int32] = [:]  // candidate id → graphone id
        var graphoneArabic: [UInt16] = [0, 0]
        var graphoneEnglish: [[UInt8]] = [[], []]
        var sequences: [([Int32], Double)] = []
        var aligned: [(a: [UInt8], cuts: [(start: Int, end: Int, id: Int32)], weight: Double)] = []
        var best: [Double] = [], back: [Int] = []
        for (p, (a, e, weight)) in coded.enumerated() {
            let n = a.count, m = e.count, edges = lattices[p]
            let w = m + 1
            best = [Double](repeating: -.infinity, count: (n + 1) * w)
            back = [Int](repeating: -1, count: (n + 1) * w)
            best[0] = 0
            for i in 0..<n {
                for j in 0...m where best[i * w + j] > -.infinity {
                    for da in 1...Self.maxArabic where i + da <= n {
                        for de in 0...maxE where j + de <= m {
                            let id = edges[edgeIndex(i, da, j, de, m)]
                            guard id >= 0, theta[Int(id)] > 0 else { continue }
                            let s = best[i * w + j] + Foundation.log(theta[Int(id)])
                            let to = (i + da) * w + j + de
                            if s > best[to] { best[to] = s; back[to] = edgeIndex(i, da, j, de, m) }
                        }
                    }
                }
            }
            guard best[n * w + m] > -.infinity else { continue }
            var cuts: [(start: Int, end: Int, id: Int32)] = []
            var i = n, j = m
            while i > 0 {
                let edge = back[i * w + j]
                let de = edge % (maxE + 1), rest = edge / (maxE + 1)
                let jj = rest % (m + 1), ida = rest / (m + 1)
                let ii = ida / maxA, da = ida % maxA + 1
                precondition(ii + da == i && jj + de == j)
                let candidate = edges[edge]
                let id: Int32
                if let known = finalIDs[candidate] { id = known } else {
                    id = Int32(graphoneArabic.count)
                    finalIDs[candidate] = id
                    graphoneArabic.append(partKey(a[ii], da == 2 ? a[ii + 1] : nil))
                    graphoneEnglish.append(Array(e[jj..<(jj + de)]))
                }
                cuts.append((ii, i, id))
                i = ii
                j = jj
            }
            cuts.reverse()
            sequences.append(([0] + cuts.map(\.id) + [1], weight))
            aligned.append((a, cuts, weight))
        }

        // The joint model, the letter model, the known names, and the chunks given the part and
        // what follows.
        let joint = NGramModel.train(sequences, order: jointOrder, vocabularySize: graphoneArabic.count)
        let lexiconWords = Set(usable.map { String($0.english) } + knownNames.map { $0.lowercased().filter { $0 != " " } }).sorted()
        // The letter model learns from the pairs' English and from the known names.
        var letterSequences: [([Int32], Double)] = coded.map { _, e, weight in ([0] + e.map { Int32($0) } + [1], weight) }
        for name in knownNames {
            if let codes = Self.coded(name.lowercased(), englishCodes) { letterSequences.append(([0] + codes.map { Int32($0) } + [1], 1)) }
        }
        let letters = NGramModel.train(letterSequences, order: letterOrder, vocabularySize: englishLetters.count)
        var partCounts: [UInt16: Double] = [:], graphoneCounts = [Double](repeating: 0, count: graphoneArabic.count)
        var contextCounts: [UInt64: Double] = [:]  // (graphone, context) → count
        var contextTotals: [UInt64: (total: Double, types: Double)] = [:]  // (part, context)
        for (a, cuts, weight) in aligned {
            for cut in cuts {
                partCounts[graphoneArabic[Int(cut.id)], default: 0] += weight
                graphoneCounts[Int(cut.id)] += weight
                let (one, two) = contextKeys(a, after: cut.end)
                for context in one == two ? [one] : [one, two] {
                    let key = mixHash(context, UInt64(cut.id))
                    let isNew = contextCounts[key] == nil
                    contextCounts[key, default: 0] += weight
                    let partContext = partContextKey(context, graphoneArabic[Int(cut.id)])
                    var entry = contextTotals[partContext] ?? (0, 0)
                    entry.total += weight
                    if isNew { entry.types += 1 }
                    contextTotals[partContext] = entry
                }
            }
        }
        var graphonePartLogP = [Float](repeating: 0, count: graphoneArabic.count)
        for id in 2..<graphoneArabic.count {
            graphonePartLogP[id] = roundedLog(graphoneCounts[id] / partCounts[graphoneArabic[id]]!)
        }
        // Witten-Bell: P(chunk | part, next two) → P(chunk | part, next) → P(chunk | part); the
        // one-letter contexts first, as the two-letter ones back off to them.
        var right: [UInt64: Double] = [:], rightBackoff: [UInt64: Float] = [:]
        for twoLetters in [false, true] {
            for (a, cuts, _) in aligned {
                for cut in cuts {
                    let (one, two) = contextKeys(a, after: cut.end)
                    if twoLetters && one == two { continue }
                    let context = twoLetters ? two : one
                    let key = mixHash(context, UInt64(cut.id))
                    if right[key] != nil { continue }
                    let partContext = partContextKey(context, graphoneArabic[Int(cut.id)])
                    let lower = twoLetters ? right[mixHash(one, UInt64(cut.id))]! : exp(Double(graphonePartLogP[Int(cut.id)]))
                    let (total, types) = contextTotals[partContext]!
                    right[key] = (contextCounts[key]! + types * lower) / (total + types)
                    rightBackoff[partContext] = roundedLog(types / (total + types))
                }
            }
        }
        let rightEntries = right.map { ($0.key, roundedLog($0.value)) }
        let backoffEntries = rightBackoff.map { ($0.key, $0.value) }
        // The one-word pairs, remembered: per Arabic spelling, its English ones (the most
        // frequent first, which only orders the file).
        var taughtCounts: [[UInt8]: [[UInt8]: Double]] = [:]
        for ((a, e, weight), pair) in zip(coded, usable.map(\.oneWord)) where pair && !a.contains(0) {
            taughtCounts[a, default: [:]][e, default: 0] += weight
        }
        let taught = taughtCounts.mapValues { spellings in
            spellings.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.lexicographicallyPrecedes($1.key) }.map(\.key)
        }
        let model = BackTransliterationModel(arabicLetters: arabicLetters, englishLetters: englishLetters,
                                             graphoneArabic: graphoneArabic, graphoneEnglish: graphoneEnglish,
                                             graphonePartLogP: graphonePartLogP, joint: joint, letters: letters,
                                             lexiconWords: lexiconWords, rightContext: FloatTable(rightEntries),
                                             rightBackoff: FloatTable(backoffEntries), taught: taught)
        return origins.isEmpty ? model : model.with(origins: origins)
    }

    /// log P(graphone's chunk | its part, the letters after it).
    @inline(__always)
    func rightLogProbability(_ id: Int32, part: UInt16, context: (UInt64, UInt64)) -> Float {
        let (one, two) = context
        var penalty: Float = 0
        if one != two {
            if let p = rightContext[mixHash(two, UInt64(id))] { return p }
            if let b = rightBackoff[Self.partContextKey(two, part)] { penalty += b }
        }
        if let p = rightContext[mixHash(one, UInt64(id))] { return p + penalty }
        if let b = rightBackoff[Self.partContextKey(one, part)] { penalty += b }
        return graphonePartLogP[Int(id)] + penalty
    }

    // MARK: - Proposing

    /// An English spelling and its probability among the candidates.
    public struct Candidate: Sendable, Equatable {
        public let text: String
        public let probability: Double
    }

    struct Hypothesis {
        var history: NGramModel.History
        var recentLetters: NGramModel.History
        var letterHash: UInt64
        var node: Int32
        var score: Float
        /// Whether the letters so far begin some known name (if `checked`; if not, the letters
        /// before the last chunk did, and the known names are asked only of the hypotheses the
        /// beam keeps).
        var onKnown: Bool
        var checked = true
        /// The letter model's log probability of the letters so far (unweighted).
        var spelled: Float = 0
    }

    /// Where each state of the search is in its beam: open addressing over the state keys (the
    /// search's hottest map; Swift's Dictionary hashes each key again).
    struct StateTable {
        var keys = [UInt64](repeating: 0, count: 1024)
        var values = [Int32](repeating: 0, count: 1024)
        var count = 0

        @inline(__always)
        func find(_ key: UInt64) -> Int? {
            let mask = keys.count - 1
            var i = Int(truncatingIfNeeded: key >> 7) & mask
            while true {
                let k = keys[i]
                if k == key { return Int(values[i]) }
                if k == 0 { return nil }
                i = (i + 1) & mask
            }
        }

        mutating func insert(_ key: UInt64, _ value: Int) {
            if (count + 1) * 2 > keys.count {
                let old = zip(keys, values).filter { $0.0 != 0 }
                keys = [UInt64](repeating: 0, count: keys.count * 2)
                values = [Int32](repeating: 0, count: keys.count)
                count = 0
                for (k, v) in old { insert(k, Int(v)) }
            }
            let mask = keys.count - 1
            var i = Int(truncatingIfNeeded: key >> 7) & mask
            while keys[i] != 0 { i = (i + 1) & mask }
            keys[i] = key
            values[i] = Int32(value)
            count += 1
        }
    }

    /// The `k`-th largest of `values` (1 ≤ k ≤ count), by selection (Hoare's quickselect):
    /// the search only needs the score that cuts its beam, not the scores in order.
    static func largest(_ values: [Float], _ k: Int) -> Float {
        var v = values
        var low = 0, high = v.count - 1
        let target = k - 1
        while low < high {
            // The median of three as pivot; larger values to the left.
            let mid = low + (high - low) / 2
            let pivot = max(min(v[low], v[mid]), min(max(v[low], v[mid]), v[high]))
            var i = low, j = high
            while i <= j {
                while v[i] > pivot { i += 1 }
                while v[j] < pivot { j -= 1 }
                if i <= j {
                    v.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if target <= j { high = j } else if target >= i { low = i } else { return v[target] }
        }
        return v[target]
    }

    /// The `count` best hypotheses, in the order they came (selecting on their scores alone:
    /// the hypotheses themselves are large); with `knownToo`, also the `count / 2` best of those
    /// still spelling the start of a known name (asked of `lexicon` here, for those not yet
    /// checked), so that known names reach the end, where their bonus is given.
    static func best(_ hypotheses: [Hypothesis], _ count: Int, knownToo: Bool, lexicon: FloatTable) -> [Hypothesis] {
        let cut = largest(hypotheses.map(\.score), count)
        var kept: [Hypothesis] = []
        kept.reserveCapacity(count + count / 2)
        var taken = 0
        for h in hypotheses where h.score >= cut && taken < count {
            kept.append(h)
            taken += 1
        }
        guard knownToo else { return kept }
        // Those that may still begin a known name, best first (in the order they came among
        // equals), looked up in the known names only until the reserve is full.
        let maybe = hypotheses.indices.filter { hypotheses[$0].onKnown && hypotheses[$0].score < cut }
            .sorted { hypotheses[$0].score != hypotheses[$1].score ? hypotheses[$0].score > hypotheses[$1].score : $0 < $1 }
        let reserve = max(1, count / 2)
        var added = 0
        for k in maybe where added < reserve {
            var h = hypotheses[k]
            if !h.checked {
                h.checked = true
                h.onKnown = lexicon[h.letterHash] != nil
                guard h.onKnown else { continue }
            }
            kept.append(h)
            added += 1
        }
        return kept
    }

    /// A finished candidate: its letters, its score in the search (all its cuttings), and
    /// whether it is a known name.
    struct ScoredSpelling {
        var codes: [UInt8]
        var forward: Float
        var known: Bool
        /// The letter model's log probability of the whole spelling, start to end.
        var spelled: Float = 0
        /// log P(spelling | the word's likeliest origins), if judged (`OriginModel`).
        var origin: Float = 0
        /// A spelling the pairs teach for this word (`taught`).
        var taught = false
    }

    /// The graphones the search tries for the Arabic part of `letters` letters at `i` of the
    /// coded word `a`, likeliest first before the letters that follow, with their log
    /// probabilities there.
    func chunkOptions(_ a: [UInt8], at i: Int, letters: Int = 1) -> [(id: Int32, logp: Float)] {
        let key = Self.partKey(a[i], letters == 2 ? a[i + 1] : nil)
        guard let all = optionsByPart[key] else { return [] }
        let context = Self.contextKeys(a, after: i + letters)
        let likeliest = all.prefix(Self.preOptions).map { (id: $0, logp: rightLogProbability($0, part: key, context: context)) }
            .sorted { $0.logp != $1.logp ? $0.logp > $1.logp : $0.id < $1.id }.prefix(Self.maxOptions)
        let floor = (likeliest.first?.logp ?? 0) - Self.optionMargin
        return likeliest.filter { $0.logp >= floor }
    }

    /// An Arabic word as the model's letter codes (letters it never saw are left out).
    func codes(_ word: String) -> [UInt8] {
        Self.inputNormalizer.normalize(word).filter { $0 != " " }.compactMap { arabicCodes[$0] }
    }

    /// The candidates the search finishes with, unranked, and up to `knownRetrieved` known
    /// names it did not reach that share the word's consonants (`KnownNameKeys`), scored along
    /// their own letters (`forcedSpelling`); if `floored`, only those that can reach the first
    /// five under the model's weights. The best `judged` (by the other experts) are then judged
    /// by the word's origins, and the rest dropped.
    func scoredSpellings(for word: String, knownRetrieved: Int = knownRetrieved, floored: Bool = true,
                         judged: Int = originJudged) -> [ScoredSpelling] {
        let a = codes(word)
        guard !a.isEmpty else { return [] }
        let n = a.count
        // The search's trail: each node is a graphone and the node before it.
        var nodes: [(parent: Int32, id: Int32)] = []
        var beams = [[Hypothesis]](repeating: [], count: n + 1)
        var slots = [StateTable](repeating: StateTable(), count: n + 1)
        // Scratch for one hypothesis and one part.
        var jointScores = [Float](repeating: 0, count: Self.maxOptions)
        let most = Self.maxOptions * Self.maxEnglish
        var prefixScores = [Float](repeating: 0, count: most)
        var prefixHistories = [NGramModel.History](repeating: .init(), count: most)
        var prefixHashes = [UInt64](repeating: 0, count: most)
        var prefixContexts = [NGramModel.Context](repeating: .init(), count: most)

        beams[0] = [Hypothesis(history: .init(0), recentLetters: .init(0), letterHash: Self.spellingSeed, node: -1, score: 0,
                               onKnown: true)]
        for i in 0..<n {
            if beams[i].count > weights.beam {
                beams[i] = Self.best(beams[i], weights.beam, knownToo: weights.lexicon > 0, lexicon: lexicon)
            }
            for k in beams[i].indices where !beams[i][k].checked {
                beams[i][k].checked = true
                beams[i][k].onKnown = lexicon[beams[i][k].letterHash] != nil
            }
            // The graphones that may start here, one letter or two, with the right context.
            var parts: [(options: PartOptions, right: [Float])] = []
            for da in 1...Self.maxArabic where i + da <= n {
                let top = chunkOptions(a, at: i, letters: da)
                guard !top.isEmpty else { continue }
                parts.append((Self.partOptions(top.map(\.id), english: graphoneEnglish),
                              top.map { weights.context == 0 ? 0 : $0.logp }))
            }
            if parts.isEmpty {
                // A letter with no graphone: pass over it.
                for h in beams[i] { beams[i + 1].append(h) }
                continue
            }
            for h in beams[i] {
                var jointContext = joint.context(h.history)
                var letterContext = self.letters.context(h.recentLetters)
                for (k, (part, right)) in parts.enumerated() {
                    let to = i + k + 1
                    // The joint model's step to each graphone (lookups that do not wait on
                    // one another), then the letter model over the tree of chunk prefixes.
                    for (j, id) in part.ids.enumerated() { jointScores[j] = joint.logProbability(of: id, in: &jointContext) }
                    for m in part.letters.indices {
                        let parent = part.parents[m]
                        var context = parent < 0 ? letterContext : prefixContexts[parent]
                        var history = parent < 0 ? h.recentLetters : prefixHistories[parent]
                        let c = part.letters[m]
                        prefixScores[m] = (parent < 0 ? 0 : prefixScores[parent])
                            + self.letters.logProbability(of: Int32(c), in: &context)
                        if parent < 0 { letterContext = context } else { prefixContexts[parent] = context }
                        history.push(Int32(c), after: context)
                        prefixHistories[m] = history
                        prefixHashes[m] = mixHash(parent < 0 ? h.letterHash : prefixHashes[parent], UInt64(c))
                        if part.hasChildren[m] { prefixContexts[m] = self.letters.context(history) }
                    }
                    for (j, id) in part.ids.enumerated() {
                        let node = part.node[j]
                        let s = h.score + jointScores[j] + weights.context * right[j]
                            + (node < 0 ? 0 : weights.letters * prefixScores[node])
                        let recent = node < 0 ? h.recentLetters : prefixHistories[node]
                        let letterHash = node < 0 ? h.letterHash : prefixHashes[node]
                        var history = h.history
                        history.push(id, after: jointContext)
                        let stateKey = Self.stateKey(history, letterHash)
                        if let at = slots[to].find(stateKey) {
                            // Two cuttings reaching the same state: their probabilities add.
                            let old = beams[to][at].score
                            beams[to][at].score = logAdd(old, s)
                            if s > old { nodes[Int(beams[to][at].node)] = (h.node, id) }
                        } else {
                            slots[to].insert(stateKey, beams[to].count)
                            nodes.append((h.node, id))
                            let onKnown = weights.lexicon > 0 && h.onKnown
                            beams[to].append(Hypothesis(history: history, recentLetters: recent, letterHash: letterHash,
                                                        node: Int32(nodes.count - 1), score: s, onKnown: onKnown,
                                                        checked: !onKnown || letterHash == h.letterHash,
                                                        spelled: h.spelled + (node < 0 ? 0 : prefixScores[node])))
                        }
                    }
                }
            }
        }
        // Close each hypothesis, then add up the ways of reaching one spelling.
        var found: [[UInt8]: Int] = [:]
        var spellings: [ScoredSpelling] = []
        // The best hypotheses only (the rest cannot come near the top).
        if beams[n].count > Self.finalShare * weights.beam {
            beams[n] = Self.best(beams[n], Self.finalShare * weights.beam, knownToo: weights.lexicon > 0, lexicon: lexicon)
        }
        for h in beams[n] where h.node >= 0 {
            let end = self.letters.logProbability(of: 1, after: h.recentLetters)
            let s = h.score + joint.logProbability(of: 1, after: h.history) + weights.letters * end
            var ids: [Int32] = []
            var node = h.node
            while node >= 0 {
                ids.append(nodes[Int(node)].id)
                node = nodes[Int(node)].parent
            }
            let spelling = Array(ids.reversed().map { graphoneEnglish[Int($0)] }.joined())
            guard isWellFormed(spelling) else { continue }
            if let at = found[spelling] {
                spellings[at].forward = logAdd(spellings[at].forward, s)
            } else {
                found[spelling] = spellings.count
                spellings.append(ScoredSpelling(codes: spelling, forward: s, known: lexicon[h.letterHash] == 1,
                                                spelled: h.spelled + end))
            }
        }
        // Known names the search did not reach: those whose consonants the Arabic shows, the
        // few nearest the best spelling found, scored by the same experts along their letters.
        if knownRetrieved > 0, let top = best(spellings, weights: weights) {
            // Only those that can still reach the first five are scored to the end.
            let scores = spellings.map { score($0, weights) }
            let floor = !floored || scores.count < 5 ? -Float.infinity : Self.largest(scores, 5)
            for codes in knownKeys.nearest(a, to: top, limit: knownRetrieved, excluding: found) {
                if let forced = forcedSpelling(a, codes, floor: floor) { spellings.append(forced) }
            }
        }
        // The word's likeliest origins, asked once, if the origins judge or a taught spelling
        // needs them.
        var likeliestOrigins: [(origin: Int, logp: Float)]?
        func likeliest(_ origins: OriginModel) -> [(origin: Int, logp: Float)] {
            if let known = likeliestOrigins { return known }
            likeliestOrigins = origins.likeliest(a)
            return likeliestOrigins!
        }
        if let origins, weights.origin != 0 || judged == .max {
            if spellings.count > judged {
                let order = spellings.indices.map { ($0, score(spellings[$0], weights)) }.sorted {
                    $0.1 != $1.1 ? $0.1 > $1.1 : spellings[$0.0].codes.lexicographicallyPrecedes(spellings[$1.0].codes)
                }
                spellings = order.prefix(judged).map { spellings[$0.0] }
            }
            let likeliest = likeliest(origins)
            for k in spellings.indices { spellings[k].origin = origins.logProbability(spellings[k].codes, origins: likeliest) }
        }
        // The spellings the pairs teach for this very word, scored as the others (`rankingScores`
        // puts them first, also one that no cutting spells).
        if let spelt = taught[a] {
            for codes in spelt {
                if let k = spellings.firstIndex(where: { $0.codes == codes }) {
                    spellings[k].taught = true
                    continue
                }
                var spelling = forcedSpelling(a, codes) ?? ScoredSpelling(codes: codes, forward: -.infinity, known: true)
                spelling.taught = true
                if let origins { spelling.origin = origins.logProbability(codes, origins: likeliest(origins)) }
                spellings.append(spelling)
            }
        }
        return spellings
    }

    /// Whether a spelling can stand as a name: it begins and ends with a letter, has no two
    /// marks in a row, and a hyphen comes after two letters or more (al-, el-). Cuttings of
    /// ال can spell -zawahiri or l-zawahiri, which no one writes.
    func isWellFormed(_ codes: [UInt8]) -> Bool {
        guard let first = codes.first, let last = codes.last, englishIsLetter[Int(first)], englishIsLetter[Int(last)] else {
            return false
        }
        var letters = 0  // letters since the last mark
        for c in codes {
            if englishIsLetter[Int(c)] {
                letters += 1
            } else {
                if letters == 0 || (englishLetters[Int(c)] == "-" && letters < 2) { return false }
                letters = 0
            }
        }
        return true
    }

    /// Up to four letter codes in one word, the first in the lowest byte.
    @inline(__always)
    static func pack(_ letters: ArraySlice<UInt8>) -> UInt32 {
        var packed: UInt32 = 0
        for (k, c) in letters.enumerated() { packed |= UInt32(c) << (8 * k) }
        return packed
    }

    /// How many times the beam's width of finished hypotheses are spelled out and ranked: three
    /// gives the same first fives as four (on the held-out tenth of the Google train split), two
    /// loses a few.
    static let finalShare = 3

    /// How many known names the consonant index adds to a word's candidates: five find half of
    /// the known names the search misses (on the held-out tenth of the Google train split),
    /// three not even two fifths, eight no more in the top five.
    static let knownRetrieved = 5

    /// The cuttings `forcedSpelling` keeps at each letter (all of them spell the same letters,
    /// so there are seldom more).
    static let forcedBeam = 12

    /// `e` as a candidate spelling of the coded Arabic word `a`, scored as the search scores
    /// its candidates (all cuttings of `e` that the graphones allow, their probabilities added),
    /// or nil if no cutting spells it, or if its ranking score (as a known name) cannot reach
    /// `floor`: every step only lowers the score, so the cuttings so far bound it.
    func forcedSpelling(_ a: [UInt8], _ e: [UInt8], floor: Float = -.infinity) -> ScoredSpelling? {
        struct State {
            var j: Int
            var history: NGramModel.History
            var score: Float
        }
        // What the ranking adds to the search's score of a known name of these letters; the
        // letter model's part only lowers it.
        if score(ScoredSpelling(codes: e, forward: 0, known: true), weights) < floor { return nil }
        // The letter model along `e` (the same for every cutting): spelledBefore[j] is the log
        // probability of e[..<j].
        var spelledBefore = [Float](repeating: 0, count: e.count + 1)
        var recent = NGramModel.History(0)
        for (j, c) in e.enumerated() {
            spelledBefore[j + 1] = spelledBefore[j] + letters.logProbability(of: Int32(c), after: recent)
            recent.push(Int32(c))
        }
        let spelledEnd = letters.logProbability(of: 1, after: recent)
        let bonus = score(ScoredSpelling(codes: e, forward: 0, known: true, spelled: spelledBefore[e.count] + spelledEnd), weights)
        if bonus < floor { return nil }
        // e's letters from j, packed, by (j, how many).
        var windows = [UInt32](repeating: .max, count: (e.count + 1) * (Self.maxEnglish + 1))
        for j in 0...e.count {
            for count in 0...min(Self.maxEnglish, e.count - j) { windows[j * (Self.maxEnglish + 1) + count] = Self.pack(e[j..<(j + count)]) }
        }
        var states = [State(j: 0, history: .init(0), score: 0)]
        for i in a.indices {
            let part = Self.partKey(a[i], nil)
            guard optionsByPart[part] != nil else { continue }
            let silent = packedOptions[UInt32(part) << 8] ?? []
            let context = Self.contextKeys(a, after: i + 1)
            var next: [State] = []
            var at: [UInt64: Int] = [:]
            for state in states {
                var jointContext = joint.context(state.history)
                let first = state.j < e.count ? packedOptions[UInt32(part) << 8 | UInt32(e[state.j])] ?? [] : []
                for (id, chunk, count) in [silent, first].joined() {
                    let end = state.j + count
                    guard end <= e.count, chunk == windows[state.j * (Self.maxEnglish + 1) + count] else { continue }
                    let spelled = spelledBefore[end] - spelledBefore[state.j]
                    let s = state.score + joint.logProbability(of: id, in: &jointContext)
                        + weights.context * (weights.context == 0 ? 0 : rightLogProbability(id, part: part, context: context))
                        + weights.letters * spelled
                    var history = state.history
                    history.push(id, after: jointContext)
                    let key = Self.stateKey(history, UInt64(end))
                    if let k = at[key] {
                        next[k].score = logAdd(next[k].score, s)
                    } else {
                        at[key] = next.count
                        next.append(State(j: end, history: history, score: s))
                    }
                }
            }
            if next.isEmpty { return nil }
            // The cuttings' probabilities add up to at most their count times the largest.
            if next.reduce(-Float.infinity, { max($0, $1.score) }) + log(Float(next.count)) + bonus < floor { return nil }
            if next.count > Self.forcedBeam {
                let cut = Self.largest(next.map(\.score), Self.forcedBeam)
                next = Array(next.filter { $0.score >= cut }.prefix(Self.forcedBeam))
            }
            states = next
        }
        var forward: Float?
        for state in states where state.j == e.count {
            let s = state.score + joint.logProbability(of: 1, after: state.history) + weights.letters * spelledEnd
            forward = forward.map { logAdd($0, s) } ?? s
        }
        return forward.map { ScoredSpelling(codes: e, forward: $0, known: true, spelled: spelledBefore[e.count] + spelledEnd) }
    }

    /// Ranked spellings of one word (lower case, as learned), best first.
    public func candidates(for word: String, limit: Int = 5) -> [Candidate] {
        let ranked = ranked(scoredSpellings(for: word), weights: weights)
        guard let top = ranked.first?.score else { return [] }
        let t = Double(weights.temperature)
        let mass = ranked.reduce(0.0) { $0 + exp(Double($1.score - top) / t) }
        return ranked.prefix(max(limit, 1)).map { codes, score in
            Candidate(text: Self.text(codes, englishLetters), probability: exp(Double(score - top) / t) / mass)
        }
    }

    /// The score of a finished candidate: its search score and the experts that judge whole
    /// spellings.
    @inline(__always)
    func score(_ spelling: ScoredSpelling, _ weights: Weights) -> Float {
        spelling.forward + (spelling.known ? weights.lexicon : 0) + weights.length * Float(spelling.codes.count)
            + weights.spelling * spelling.spelled + weights.origin * spelling.origin
    }

    /// How much likelier a taught spelling is than the best the search proposes, at least.
    static let taughtOdds: Float = 4

    /// The scores of `spellings` as ranked: the taught spellings are raised together (keeping
    /// their order) until the best of them is `taughtOdds` times as likely as the best untaught
    /// one, at the model's temperature; one that no cutting spells goes just below them.
    func rankingScores(_ spellings: [ScoredSpelling], weights: Weights) -> [Float] {
        var scores = spellings.map { score($0, weights) }
        guard spellings.contains(where: \.taught) else { return scores }
        var untaught = -Float.infinity, taught = -Float.infinity
        for (spelling, s) in zip(spellings, scores) where s.isFinite {
            if spelling.taught { taught = max(taught, s) } else { untaught = max(untaught, s) }
        }
        let floor = (untaught.isFinite ? untaught : 0) + weights.temperature * log(Self.taughtOdds)
        let raise = taught.isFinite ? max(0, floor - taught) : 0
        for k in spellings.indices where spellings[k].taught {
            scores[k] = scores[k].isFinite ? scores[k] + raise : floor - 1
        }
        return scores
    }

    /// The first of `ranked` (for tuning, which asks it of many weights).
    func best(_ spellings: [ScoredSpelling], weights: Weights) -> [UInt8]? {
        var top: (codes: [UInt8], score: Float)?
        let scores = rankingScores(spellings, weights: weights)
        for (spelling, s) in zip(spellings, scores) {
            if let t = top, t.score > s || (t.score == s && !spelling.codes.lexicographicallyPrecedes(t.codes)) { continue }
            top = (spelling.codes, s)
        }
        return top?.codes
    }

    /// The finished candidates in order, with the experts that judge whole spellings.
    func ranked(_ spellings: [ScoredSpelling], weights: Weights) -> [(codes: [UInt8], score: Float)] {
        zip(spellings.map(\.codes), rankingScores(spellings, weights: weights)).map { ($0, $1) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.lexicographicallyPrecedes($1.0) }
    }

    // MARK: - Files

    /// Format 4 added the taught spellings (lines t), format 3 the origin models and their
    /// weight; a format 2 or 3 model is read without them.
    static let formatHeader = "#tarjuman-back-transliteration-model\t4"
    static let olderHeaders = ["#tarjuman-back-transliteration-model\t3", "#tarjuman-back-transliteration-model\t2"]

    /// Writes the model as text: its letters, graphones and tables, one entry a line, in a fixed
    /// order (the same model gives the same bytes).
    public func write(to url: URL) throws {
        var out = Self.formatHeader + "\n"
        out += "weights\t\(weights.letters)\t\(weights.context)\t\(weights.beam)\t\(weights.lexicon)\t\(weights.length)\t\(weights.spelling)\t\(weights.temperature)\t\(weights.origin)\n"
        out += "arabic\t" + String(arabicLetters.dropFirst()) + "\n"
        out += "english\t" + String(englishLetters.dropFirst(2)) + "\n"
        for id in 2..<graphoneArabic.count {
            let part = graphoneArabic[id]
            var arabic = String(arabicLetters[Int(part & 0xFF)])
            if part >> 8 != 0 { arabic.append(arabicLetters[Int(part >> 8)]) }
            out += "g\t\(arabic)\t\(Self.text(graphoneEnglish[id], englishLetters))\t\(graphonePartLogP[id])\n"
        }
        for word in lexiconWords { out += "w\t\(word)\n" }
        for (a, spellings) in taught.map({ (Self.text($0.key, arabicLetters), $0.value) })
            .sorted(by: { $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) }) {
            for e in spellings { out += "t\t\(a)\t\(Self.text(e, englishLetters))\n" }
        }
        out += joint.serialized(tag: "J")
        out += letters.serialized(tag: "L")
        for (k, v) in rightContext.sortedEntries { out += "Rp\t\(String(k, radix: 16))\t\(v)\n" }
        for (k, v) in rightBackoff.sortedEntries { out += "Rb\t\(String(k, radix: 16))\t\(v)\n" }
        // Per origin k: its name and log prior, then its Arabic (Ak) and English (Ek) letter models.
        for (k, name) in (origins?.names ?? []).enumerated() {
            out += "o\t\(name)\t\(origins!.logPriors[k])\n"
            out += origins!.arabic[k].serialized(tag: "A\(k)")
            out += origins!.english[k].serialized(tag: "E\(k)")
        }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        try out.write(to: temporary, atomically: false, encoding: .utf8)
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw ModelError.unreadable("\(url.path): cannot write the model: \(String(cString: strerror(errno)))")
        }
    }

    /// Reads a model written by `write(to:)`.
    public convenience init(contentsOf url: URL) throws {
        guard let data = try? Data(contentsOf: url) else { throw ModelError.unreadable("\(url.path): cannot read the model") }
        guard ([Self.formatHeader] + Self.olderHeaders).contains(where: { data.starts(with: Data(($0 + "\n").utf8)) }) else {
            throw ModelError.badModel("\(url.path) (expected a model written by `tarjuman model train`, format 2, 3 or 4)")
        }
        var weights: [Substring] = []
        var arabicLetters: [Character] = ["\0"], englishLetters: [Character] = ["^", "$"]
        var graphoneLines: [(Substring, Substring, Float)] = []
        var lexiconWords: [String] = []
        var taughtLines: [(arabic: Substring, english: Substring, line: Int)] = []
        var blocks: [String: [HistoryTable.Block]] = [:]
        var tables: [String: [(UInt64, Float)]] = [:]
        var sizes: [String: (Int, Int)] = [:]
        var originNames: [String] = [], originPriors: [Float] = []
        var originBlocks: [String: [HistoryTable.Block]] = [:]
        /// An origin's table: A (Arabic) or E (English) and the origin's number.
        func isOriginTable(_ name: Substring) -> Bool {
            (name.first == "A" || name.first == "E") && name.count > 1 && name.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
        }
        var lineNumber = 0
        func bad(_ why: String) -> ModelError { .badModel("\(url.path):\(lineNumber): \(why)") }
        // The tables (most of the file) are read byte by byte; the few other lines as text.
        var bytes = [UInt8](data)
        bytes.append(0)  // strtof stops there at the latest
        try bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            let end = buffer.count - 1
            var i = 0
            func hex() -> UInt64? {
                var v: UInt64 = 0, digits = 0
                while true {
                    let c = base[i]
                    let d: UInt8
                    switch c {
                    case 0x30...0x39: d = c - 0x30
                    case 0x61...0x66: d = c - 0x61 + 10
                    default: return digits > 0 && digits <= 16 ? v : nil
                    }
                    v = v << 4 | UInt64(d)
                    digits += 1
                    i += 1
                }
            }
            func float() -> Float? {
                var stop: UnsafeMutablePointer<CChar>?
                let start = UnsafeMutableRawPointer(mutating: base + i).assumingMemoryBound(to: CChar.self)
                let v = strtof(start, &stop)
                guard let stop, stop != start else { return nil }
                i += stop - start
                return v
            }
            func integer() -> Int32? {
                var v: Int32 = 0, digits = 0
                while base[i] >= 0x30 && base[i] <= 0x39 && digits < 9 {
                    v = v * 10 + Int32(base[i] - 0x30)
                    i += 1
                    digits += 1
                }
                return digits > 0 ? v : nil
            }
            func expect(_ c: UInt8) -> Bool {
                guard base[i] == c else { return false }
                i += 1
                return true
            }
            while i < end {
                lineNumber += 1
                let start = i
                let tag = (base[i], base[i + 1], base[i + 2])
                /// At a history line of an origin's table (A or E, its number, h, tab): the table's
                /// name, the line read up to the history; else nil, nothing read.
                func originHistoryTag() -> String? {
                    guard base[i] == 0x41 || base[i] == 0x45 else { return nil }
                    var j = i + 1
                    while base[j] >= 0x30 && base[j] <= 0x39 { j += 1 }
                    guard j > i + 1, base[j] == 0x68, base[j + 1] == 0x09 else { return nil }
                    defer { i = j + 2 }
                    return String(decoding: UnsafeBufferPointer(start: base + i, count: j - i), as: UTF8.self)
                }
                func history() throws -> HistoryTable.Block {
                    guard let h = hex(), h != 0, expect(0x09), let b = float(), expect(0x09) else { throw bad("unreadable history") }
                    var successors: [(symbol: Int32, logp: Float)] = []
                    while base[i] != 0x0A && i < end {
                        guard let symbol = integer(), expect(0x3A), let logp = float() else { throw bad("unreadable history") }
                        successors.append((symbol, logp))
                        _ = expect(0x20)
                    }
                    return .init(history: h, backoff: b, successors: successors)
                }
                if lineNumber > 1, (tag.0 == 0x4A || tag.0 == 0x4C) && tag.1 == 0x68 && tag.2 == 0x09 {  // Jh, Lh
                    i += 3
                    blocks[tag.0 == 0x4A ? "Jh" : "Lh", default: []].append(try history())
                } else if lineNumber > 1, let table = originHistoryTag() {  // Akh, Ekh
                    originBlocks[table, default: []].append(try history())
                } else if lineNumber > 1, tag.0 == 0x52 && (tag.1 == 0x70 || tag.1 == 0x62) && tag.2 == 0x09 {  // Rp, Rb
                    i += 3
                    guard let k = hex(), k != 0, expect(0x09), let v = float() else { throw bad("unreadable line") }
                    tables[tag.1 == 0x70 ? "Rp" : "Rb", default: []].append((k, v))
                } else {
                    while i < end && base[i] != 0x0A { i += 1 }
                    let line = String(decoding: UnsafeBufferPointer(start: base + start, count: i - start), as: UTF8.self)[...]
                    if lineNumber > 1 && !line.isEmpty {
                        let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
                        switch parts[0] {
                        case "weights": weights = Array(parts.dropFirst())
                        case "arabic": arabicLetters += Array(parts.count > 1 ? parts[1] : "")
                        case "english": englishLetters += Array(parts.count > 1 ? parts[1] : "")
                        case "g":
                            guard parts.count == 4, let p = Float(parts[3]) else { throw bad("expected g<TAB>arabic<TAB>english<TAB>logp") }
                            graphoneLines.append((parts[1], parts[2], p))
                        case "w":
                            guard parts.count == 2 else { throw bad("expected w<TAB>name") }
                            lexiconWords.append(String(parts[1]))
                        case "t":
                            guard parts.count == 3, !parts[1].isEmpty, !parts[2].isEmpty else { throw bad("expected t<TAB>arabic<TAB>english") }
                            taughtLines.append((parts[1], parts[2], lineNumber))
                        case let name where name == "J" || name == "L" || isOriginTable(name):
                            guard parts.count == 3, let order = Int(parts[1]), let size = Int(parts[2]) else { throw bad("bad table header") }
                            sizes[String(name)] = (order, size)
                        case "o":
                            guard parts.count == 3, let p = Float(parts[2]) else { throw bad("expected o<TAB>origin<TAB>log prior") }
                            originNames.append(String(parts[1]))
                            originPriors.append(p)
                        default:
                            throw bad("unknown line")
                        }
                    }
                }
                guard i >= end || base[i] == 0x0A else { throw bad("unreadable line") }
                i += 1
            }
        }
        // The length bonus, the whole spelling's weight and the temperature came after the
        // other four (a model without them has none, and a temperature of 1).
        guard (4...8).contains(weights.count), let lm = Float(weights[0]), let context = Float(weights[1]), let beam = Int(weights[2]),
              let lexiconWeight = Float(weights[3]), let length = weights.count >= 5 ? Float(weights[4]) : 0,
              let spelling = weights.count >= 6 ? Float(weights[5]) : 0,
              let temperature = weights.count >= 7 ? Float(weights[6]) : 1, temperature > 0,
              let originWeight = weights.count >= 8 ? Float(weights[7]) : 0, let jointSize = sizes["J"], let letterSize = sizes["L"] else {
            throw ModelError.badModel("\(url.path): the weights or a table header are missing")
        }
        let arabicCodes = Self.codeTable(arabicLetters, from: 1), englishCodes = Self.codeTable(englishLetters, from: 2)
        var graphoneArabic: [UInt16] = [0, 0], graphoneEnglish: [[UInt8]] = [[], []], partLogP: [Float] = [0, 0]
        for (arabic, english, p) in graphoneLines {
            let codes = arabic.compactMap { arabicCodes[$0] }
            guard codes.count == arabic.count, (1...2).contains(codes.count) else { throw ModelError.badModel("\(url.path): a graphone with unknown letters") }
            graphoneArabic.append(Self.partKey(codes[0], codes.count == 2 ? codes[1] : nil))
            graphoneEnglish.append(english.map { englishCodes[$0] ?? 0 })
            partLogP.append(p)
        }
        var origins: OriginModel?
        if !originNames.isEmpty {
            var arabic: [NGramModel] = [], english: [NGramModel] = []
            for k in originNames.indices {
                guard let a = sizes["A\(k)"], let e = sizes["E\(k)"] else {
                    throw ModelError.badModel("\(url.path): the letter models of origin \(originNames[k]) are missing")
                }
                arabic.append(NGramModel(order: a.0, vocabularySize: a.1, table: HistoryTable(originBlocks["A\(k)"] ?? [])))
                english.append(NGramModel(order: e.0, vocabularySize: e.1, table: HistoryTable(originBlocks["E\(k)"] ?? [])))
            }
            origins = OriginModel(names: originNames, logPriors: originPriors, arabic: arabic, english: english)
        }
        var taught: [[UInt8]: [[UInt8]]] = [:]
        for (arabic, english, line) in taughtLines {
            guard let a = Self.coded(arabic, arabicCodes), let e = Self.coded(english, englishCodes) else {
                throw ModelError.badModel("\(url.path):\(line): a taught spelling with letters the model does not have")
            }
            taught[a, default: []].append(e)
        }
        self.init(arabicLetters: arabicLetters, englishLetters: englishLetters, graphoneArabic: graphoneArabic,
                  graphoneEnglish: graphoneEnglish, graphonePartLogP: partLogP,
                  joint: NGramModel(order: jointSize.0, vocabularySize: jointSize.1, table: HistoryTable(blocks["Jh"] ?? [])),
                  letters: NGramModel(order: letterSize.0, vocabularySize: letterSize.1, table: HistoryTable(blocks["Lh"] ?? [])),
                  lexiconWords: lexiconWords, rightContext: FloatTable(tables["Rp"] ?? []), rightBackoff: FloatTable(tables["Rb"] ?? []),
                  weights: Weights(letters: lm, context: context, lexicon: lexiconWeight, beam: beam, length: length,
                                   spelling: spelling, temperature: temperature, origin: originWeight),
                  origins: origins, taught: taught)
    }

    /// Reads pairs from a file of lines `arabic<TAB>english[<TAB>count]` (a `#` line is a comment).
    public static func readPairs(_ path: String) throws -> [NamePair] {
        // Validated UTF-8: a bad byte or a binary file is named by line and column.
        let text: String
        do {
            text = try TextReader(path: path).readAll()
        } catch {
            throw ModelError.unreadable("\(error)")
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

/// log(exp(a) + exp(b)), without overflow: two ways to one spelling or state add up.
@inline(__always)
func logAdd(_ a: Float, _ b: Float) -> Float { max(a, b) + log1p(exp(-abs(a - b))) }
