import ArabicText
import Foundation
import ICUBridge
import NameMatching
import Synchronization

/// Builds a bilingual glossary from articles: reads them, spots the names, resolves them
/// against the knowledge base and gathers one entry per name.
///
///     let builder = try GlossaryBuilder(knowledgeBase: kb)
///     let glossary = try builder.build(inputs: ["Examples/"])
///     glossary.entries.first?.latin  // the most frequent name
///
/// Articles are read in batches and spotted on `jobs` threads; the results are merged in input
/// order, so the same input gives the same glossary whatever the number of jobs, and memory
/// grows with the number of distinct names, not with the input.
public final class GlossaryBuilder: Sendable {
    public struct Options: Sendable {
        public var jobs: Int
        /// Whether a file that is not valid UTF-8 text stops the build (otherwise it is skipped
        /// with a warning).
        public var strict: Bool
        /// The field of a JSON Lines record that holds the article.
        public var jsonField: String

        public init(jobs: Int = 1, strict: Bool = false, jsonField: String = "text") {
            self.jobs = max(1, jobs)
            self.strict = strict
            self.jsonField = jsonField
        }
    }

    /// Where the build stands, for a progress display.
    public struct Progress: Sendable {
        public let filesDone: Int
        public let files: Int
        public let bytes: Int
        public let names: Int
    }

    public let knowledgeBase: NameKnowledgeBase
    public let variants: VariantIndex
    public let dictionary: ArabicDictionary?
    public let guess: NameGuess
    /// Proposes the English of unknown names (the back-transliteration model); without it, a
    /// readable rule-based guess.
    public let proposer: ProposerSource

    public init(knowledgeBase: NameKnowledgeBase, dictionary: ArabicDictionary? = ArabicDictionary.system,
                guess: NameGuess = NameGuess(), proposer: ProposerSource = ProposerSource(nil)) throws {
        self.knowledgeBase = knowledgeBase
        self.variants = VariantIndex(knowledgeBase)
        self.dictionary = dictionary
        self.guess = guess
        self.proposer = proposer
        // Fail early, here, if ICU cannot give a tokenizer.
        _ = try Tokenizer()
    }

    /// Text at most this large is spotted as one piece; a larger file is cut at line breaks.
    static let pieceSize = 1 << 20
    /// Articles are spotted a batch of about this many bytes at a time.
    static let batchSize = 8 << 20

    public func build(
        inputs: [String], options: Options = Options(),
        warn: (String) -> Void = { _ in },
        progress: ((Progress) -> Void)? = nil
    ) throws -> GlossaryResult {
        let reader = ArticleReader(jsonField: options.jsonField)
        let files = try reader.files(of: inputs.isEmpty ? ["-"] : inputs)
        var statistics = GlossaryStatistics()
        statistics.files = files.count
        var merger = Merger()
        var sources: [String] = []
        var spotters: [NameSpotter] = []
        for _ in 0..<options.jobs {
            spotters.append(try NameSpotter(kb: knowledgeBase, variants: variants, dictionary: dictionary, guess: guess,
                                            proposer: proposer))
        }

        // Work goes in batches of about `batchSize` bytes. A unit is a whole file, read and
        // spotted by a worker; a file larger than a batch is cut into pieces here first.
        var batch: [WorkUnit] = []
        var batchBytes = 0
        var filesDone = 0
        func flush() throws {
            guard !batch.isEmpty else { return }
            let results = run(batch, spotters: spotters, reader: reader)
            for (unit, result) in zip(batch, results) {
                switch result {
                case let .failed(error):
                    if options.strict { throw error }
                    warn("\(error) (file skipped)")
                    statistics.skippedFiles += 1
                case let .done(pieces):
                    if case .file = unit { sources.append(unit.name) }
                    for piece in pieces {
                        statistics.articles += 1
                        statistics.words += piece.words
                        statistics.bytes += piece.bytes
                        merger.add(piece.mentions, document: piece.file)
                    }
                }
                if unit.endsFile { filesDone += 1 }
            }
            batch.removeAll(keepingCapacity: true)
            batchBytes = 0
            progress?(Progress(filesDone: filesDone, files: files.count, bytes: statistics.bytes, names: merger.count))
        }

        for file in files {
            let size = file == "-" ? 0 : Self.fileSize(file)
            let ext = (file as NSString).pathExtension.lowercased()
            if size > Self.batchSize && !["html", "htm", "jsonl"].contains(ext) {
                // A large text file: checked whole, then spotted piece by piece.
                let articles: [Article]
                do {
                    articles = try self.articles(of: file, reader: reader)
                } catch let error as ArticleError {
                    if options.strict { throw error }
                    warn("\(error) (file skipped)")
                    statistics.skippedFiles += 1
                    filesDone += 1
                    continue
                }
                sources.append(file)
                for (k, article) in articles.enumerated() {
                    batch.append(.piece(article, last: k == articles.count - 1))
                    batchBytes += article.text.utf8.count
                    if batchBytes >= Self.batchSize { try flush() }
                }
            } else {
                batch.append(.file(file))
                batchBytes += max(size, 1)
                if batchBytes >= Self.batchSize { try flush() }
            }
        }
        try flush()

        let entries = merger.entries(knowledgeBase: knowledgeBase)
        statistics.mentions = merger.mentions
        statistics.known = entries.filter { $0.status == .known }.count
        statistics.candidates = entries.count - statistics.known
        statistics.misspellings = entries.reduce(0) { $0 + $1.misspellings.count }
        return GlossaryResult(entries: entries, statistics: statistics, sources: sources)
    }

    /// The articles of a file: a text file in pieces of whole lines, all of it valid UTF-8 text
    /// (a bad file is skipped whole).
    private func articles(of file: String, reader: ArticleReader) throws -> [Article] {
        let ext = (file as NSString).pathExtension.lowercased()
        if file == "-" || ["html", "htm", "jsonl"].contains(ext) {
            return try reader.articles(of: file)
        }
        do {
            // One pass: a bad byte anywhere throws, and the pieces read so far are dropped.
            let text = try TextReader(path: file, chunkSize: Self.pieceSize)
            var pieces: [Article] = []
            while let chunk = try text.next() {
                var body = chunk.text
                if chunk.start.byteOffset == 0 && body.hasPrefix("\u{FEFF}") { body.removeFirst() }
                pieces.append(Article(source: file, file: file, text: body, firstLine: chunk.start.line))
            }
            return pieces
        } catch let error as TextInputError {
            switch error {
            case let .unreadable(file, reason): throw ArticleError.unreadable(file: file, reason: reason)
            case let .invalidUTF8(file, p): throw ArticleError.invalidText(file: file, position: p, reason: "invalid UTF-8; the file must be UTF-8 text")
            case let .binary(file, p): throw ArticleError.invalidText(file: file, position: p, reason: "binary data (a NUL byte); the file must be text")
            }
        }
    }

    /// The size of a file, following symbolic links (0 when it cannot be told).
    static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// What a worker does: a whole file, or a piece of a large one.
    enum WorkUnit {
        case file(String)
        case piece(Article, last: Bool)

        var name: String {
            switch self {
            case let .file(path): return path == "-" ? "<stdin>" : path
            case let .piece(article, _): return article.file
            }
        }

        var endsFile: Bool {
            switch self {
            case .file: return true
            case let .piece(_, last): return last
            }
        }
    }

    struct SpottedPiece {
        let file: String
        let bytes: Int
        let words: Int
        let mentions: [Mention]
    }

    enum WorkResult {
        case done([SpottedPiece])
        case failed(ArticleError)
    }

    /// Runs a batch on as many threads as there are spotters, each taking the next unit.
    private func run(_ batch: [WorkUnit], spotters: [NameSpotter], reader: ArticleReader) -> [WorkResult] {
        nonisolated(unsafe) var results = [WorkResult](repeating: .done([]), count: batch.count)
        let units = batch
        nonisolated(unsafe) let workers = spotters
        @Sendable func work(_ k: Int, _ spotter: NameSpotter) {
            let articles: [Article]
            switch units[k] {
            case let .piece(article, _):
                articles = [article]
            case let .file(path):
                do {
                    articles = try self.articles(of: path, reader: reader)
                } catch let error as ArticleError {
                    results[k] = .failed(error)
                    return
                } catch {
                    results[k] = .failed(.unreadable(file: path, reason: "\(error)"))
                    return
                }
            }
            results[k] = .done(articles.map { article in
                var words = 0
                let mentions = spotter.spot(article, words: &words)
                return SpottedPiece(file: article.file, bytes: article.text.utf8.count, words: words, mentions: mentions)
            })
        }
        if workers.count == 1 || units.count == 1 {
            for k in units.indices { work(k, workers[0]) }
            return results
        }
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers.count) { worker in
            while true {
                let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard k < units.count else { break }
                work(k, workers[worker])
            }
        }
        return results
    }
}

/// Gathers mentions into entries, in input order.
struct Merger {
    struct Accumulator {
        var mention: Mention
        var count = 0
        var documents: [String] = []
        var forms: [ByteKey: Int] = [:]
        var formOrder: [String] = []
        var misspellings: [SeenMisspelling] = []
        var contexts: [MentionContext] = []
        var confidence = 0.0
        let order: Int
    }

    private var byKey: [ByteKey: Accumulator] = [:]
    private(set) var mentions = 0
    var count: Int { byKey.count }

    mutating func add(_ list: [Mention], document: String) {
        for m in list {
            mentions += 1
            let key: String
            switch m.target {
            case let .known(entry): key = "kb:" + entry.id
            case let .candidate(k, _, _, _): key = "candidate:" + k
            }
            let k = ByteKey(key)
            var a = byKey.removeValue(forKey: k) ?? Accumulator(mention: m, order: byKey.count)
            a.count += 1
            if a.documents.last != document && !a.documents.contains(document) { a.documents.append(document) }
            let formKey = ByteKey(m.form)
            if a.forms[formKey] == nil { a.formOrder.append(m.form) }
            a.forms[formKey, default: 0] += 1
            if let misspelling = m.misspelling { a.misspellings.append(misspelling) }
            if a.contexts.count < 3 && !m.snippet.isEmpty
                && !a.contexts.contains(where: { $0.snippet == m.snippet || $0.position.line == m.position.line && $0.position.file == m.position.file }) {
                a.contexts.append(MentionContext(snippet: m.snippet, position: m.position))
            }
            a.confidence = max(a.confidence, m.confidence)
            byKey[k] = a
        }
    }

    func entries(knowledgeBase kb: NameKnowledgeBase) -> [GlossaryEntry] {
        var usedIDs = Set<String>()
        return byKey.values.sorted { $0.order < $1.order }.map { a in
            let forms = a.formOrder.enumerated().sorted { x, y in
                let cx = a.forms[ByteKey(x.element)]!, cy = a.forms[ByteKey(y.element)]!
                return cx != cy ? cx > cy : x.offset < y.offset
            }.map(\.element)
            // Misspellings are listed apart from the accepted forms.
            let misspelt = Set(a.misspellings.map(\.form))
            switch a.mention.target {
            case let .known(entry):
                let place = entry.type == .adjective && !entry.link.isEmpty ? kb.entry(id: entry.link)?.english : nil
                return GlossaryEntry(
                    id: entry.id, arabic: entry.arabic, latin: entry.english, type: entry.type.rawValue, status: .known,
                    confidence: a.confidence, count: a.count, documents: a.documents,
                    forms: forms.filter { !misspelt.contains($0) }, misspellings: a.misspellings, contexts: a.contexts,
                    knowledgeBaseID: entry.id, wikidata: entry.wikidata.isEmpty ? nil : entry.wikidata, linkedPlace: place,
                    latinVariants: entry.englishVariants.map(\.text))
            case let .candidate(key, arabic, latin, confidence):
                var id = "candidate." + Self.slug(latin, fallback: key)
                if usedIDs.contains(id) {
                    var n = 2
                    while usedIDs.contains("\(id)-\(n)") { n += 1 }
                    id = "\(id)-\(n)"
                }
                usedIDs.insert(id)
                return GlossaryEntry(
                    id: id, arabic: arabic, latin: latin, type: "person",
                    status: .candidate, confidence: confidence, count: a.count, documents: a.documents, forms: forms,
                    misspellings: [], contexts: a.contexts, knowledgeBaseID: nil, wikidata: nil, linkedPlace: nil,
                    latinVariants: [])
            }
        }
    }

    static func slug(_ latin: String, fallback: String) -> String {
        let s = latin.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
        let slug = String(s).split(separator: "-").joined(separator: "-")
        if !slug.isEmpty { return slug }
        // A stable name from the Arabic (FNV-1a), never a per-process hash.
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in fallback.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return String(h, radix: 36)
    }
}

/// A name proposer that may still be loading: the model takes a moment to read, so it loads
/// beside the build and the first unknown name waits for it.
public final class ProposerSource: @unchecked Sendable {
    private let group = DispatchGroup()
    private var loaded: NameProposer?

    /// One that is ready (or absent).
    public init(_ proposer: NameProposer?) {
        loaded = proposer
    }

    /// One that loads in the background.
    public init(loading: @escaping @Sendable () -> NameProposer?) {
        group.enter()
        DispatchQueue.global().async { [self] in
            loaded = loading()
            group.leave()
        }
    }

    public var proposer: NameProposer? {
        group.wait()
        return loaded
    }
}
