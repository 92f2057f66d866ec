import ArabicText

/// Which known name words are close to a word: a deletion index in the style of SymSpell over
/// every word of every Arabic form of the knowledge base.
///
///     let index = VariantIndex(kb)
///     index.nearest("ويكتوف").first?.word  // "ويتكوف" (ت and ك swapped)
///
/// Each known word of four letters or more is listed under itself and under each of its
/// one-letter deletions; a query looks up its own deletions too, so every word one edit away
/// (a letter added, dropped, replaced or two swapped) is found in a handful of hash probes and
/// then scored with `NameDistance`. Shorter words match only exactly. Immutable once built.
public final class VariantIndex: Sendable {
    public let knowledgeBase: NameKnowledgeBase
    /// The distinct known words, as scalars and as text.
    private let words: [[UInt32]]
    private let texts: [String]
    /// Each word as the knowledge base first writes it (with its hamza seats): for display.
    private let displays: [String]
    /// Word → entries that contain it.
    private let entriesOfWord: [[Int32]]
    private let exact: Postings
    private let deletions: Postings

    /// Words shorter than this match only exactly.
    public static let minimumLength = 4

    public struct Match: Sendable {
        /// The known word, `matching`-normalized.
        public let word: String
        /// The known word as the knowledge base writes it (أوكرانيا, not اوكرانيا).
        public let display: String
        /// The names it belongs to, most prominent first.
        public let entries: [NameEntry]
        public let distance: Double
        public let reasons: [String]
    }

    public init(_ kb: NameKnowledgeBase) {
        knowledgeBase = kb
        let normalizer = ArabicNormalizer.matching
        var words: [[UInt32]] = []
        var texts: [String] = []
        var displays: [String] = []
        var entriesOfWord: [[Int32]] = []
        var exact = Postings(capacity: kb.entries.count * 2)
        var deletions = Postings(capacity: kb.entries.count * 8)
        for (index, entry) in kb.entries.enumerated() {
            for form in CollectionOfOne(entry.arabic) + entry.arabicVariants {
                let tokens = normalizer.normalize(form).splitOnSpaces()
                let written = form.splitOnSpaces()
                for (position, token) in tokens.enumerated() {
                    let text = String(token)
                    var id: Int32 = -1
                    exact.forEach(text) { id = $0 }
                    if id < 0 {
                        id = Int32(words.count)
                        let scalars = token.unicodeScalars.map(\.value)
                        words.append(scalars)
                        texts.append(text)
                        displays.append(written.count == tokens.count ? String(written[position]) : text)
                        entriesOfWord.append([])
                        exact.add(text, id)
                        if scalars.count >= Self.minimumLength {
                            deletions.add(hash: Self.hash(scalars, skipping: -1), id)
                            for k in scalars.indices { deletions.add(hash: Self.hash(scalars, skipping: k), id) }
                        }
                    }
                    if entriesOfWord[Int(id)].last != Int32(index) { entriesOfWord[Int(id)].append(Int32(index)) }
                }
            }
        }
        self.words = words
        self.texts = texts
        self.displays = displays
        self.entriesOfWord = entriesOfWord.map { ids in
            ids.sorted { kb.entries[Int($0)].weight > kb.entries[Int($1)].weight }
        }
        self.exact = exact
        self.deletions = deletions
    }

    static func hash(_ scalars: [UInt32], skipping skip: Int) -> UInt64 {
        var h = Postings.seed
        for (k, s) in scalars.enumerated() where k != skip {
            h = Postings.step(h, UInt8(truncatingIfNeeded: s))
            h = Postings.step(h, UInt8(truncatingIfNeeded: s >> 8))
            h = Postings.step(h, UInt8(truncatingIfNeeded: s >> 16))
        }
        return Postings.finish(h)
    }

    /// Whether a `matching`-normalized word is a word of a known name.
    public func isKnownWord(_ word: String) -> Bool { exact.contains(word) }

    /// The names a known word belongs to.
    public func entries(ofWord word: String) -> [NameEntry] {
        var id: Int32 = -1
        exact.forEach(word) { id = $0 }
        return id < 0 ? [] : entriesOfWord[Int(id)].map { knowledgeBase.entries[Int($0)] }
    }

    /// The known words within `maxDistance` of a `matching`-normalized word (itself excluded),
    /// closest first; for ties the word whose names are more prominent.
    public func nearest(_ word: String, maxDistance: Double = 1.0, limit: Int = 5) -> [Match] {
        let scalars = word.unicodeScalars.map(\.value)
        guard scalars.count >= Self.minimumLength else { return [] }
        var seen = Set<Int32>()
        var candidates: [Int32] = []
        func collect(_ h: UInt64) {
            deletions.forEach(hash: h) { id in if seen.insert(id).inserted { candidates.append(id) } }
        }
        collect(Self.hash(scalars, skipping: -1))
        for k in scalars.indices { collect(Self.hash(scalars, skipping: k)) }
        var matches: [Match] = []
        for id in candidates {
            let known = words[Int(id)]
            if known == scalars { continue }
            let result = NameDistance.compare(scalars, known)
            guard result.distance <= maxDistance else { continue }
            let entries = entriesOfWord[Int(id)].map { knowledgeBase.entries[Int($0)] }
            matches.append(Match(word: texts[Int(id)], display: displays[Int(id)], entries: entries,
                                 distance: result.distance, reasons: result.reasons))
        }
        matches.sort { a, b in
            if a.distance != b.distance { return a.distance < b.distance }
            let wa = a.entries.first?.weight ?? 0, wb = b.entries.first?.weight ?? 0
            if wa != wb { return wa > wb }
            return a.word < b.word
        }
        return Array(matches.prefix(limit))
    }
}

extension Postings {
    /// Calls `body` for entries listed under a precomputed hash.
    func forEach(hash h: UInt64, _ body: (Int32) -> Void) {
        forEachHash(h, body)
    }
}
