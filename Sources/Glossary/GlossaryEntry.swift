import NameMatching

/// A place in the input: file, line and column.
public struct InputPosition: Sendable, Hashable, Comparable {
    public let file: String
    public let line: Int
    public let column: Int

    public static func < (a: InputPosition, b: InputPosition) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// A misspelling seen in the input.
public struct SeenMisspelling: Sendable, Hashable {
    public let form: String
    public let position: InputPosition
    public let reason: String
}

/// A short piece of text around a mention.
public struct MentionContext: Sendable, Hashable {
    public let snippet: String
    public let position: InputPosition
}

/// One name of the glossary, with everything the input said about it.
public struct GlossaryEntry: Sendable {
    public enum Status: String, Sendable, Codable {
        /// In the knowledge base.
        case known
        /// Spotted in the text, with a proposed English form to review.
        case candidate
    }

    public var id: String
    public var arabic: String
    public var latin: String
    public var type: String
    public var status: Status
    /// 0 to 1: how sure the English form is.
    public var confidence: Double
    public var count: Int
    /// The inputs it occurs in, in input order.
    public var documents: [String]
    /// The Arabic forms seen, clitics removed, most frequent first.
    public var forms: [String]
    public var misspellings: [SeenMisspelling]
    public var contexts: [MentionContext]
    public var knowledgeBaseID: String?
    public var wikidata: String?
    /// For adjectives, the place they belong to.
    public var linkedPlace: String?
    /// Other accepted English forms (the knowledge base's variants).
    public var latinVariants: [String]
}

/// Counts of a build.
public struct GlossaryStatistics: Sendable {
    public var files = 0
    public var articles = 0
    public var skippedFiles = 0
    public var bytes = 0
    public var words = 0
    public var mentions = 0
    public var known = 0
    public var candidates = 0
    public var misspellings = 0
}

/// A glossary: entries and the counts of how it was made.
public struct GlossaryResult: Sendable {
    public var entries: [GlossaryEntry]
    public var statistics: GlossaryStatistics
    /// The input files, in order.
    public var sources: [String]
}
