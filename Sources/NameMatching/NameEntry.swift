/// What a name names.
public enum EntryType: String, CaseIterable, Sendable, Codable {
    case person, place, organization, adjective
    case givenName = "given-name"
    case other
}

/// An English form of a name, with the outlets that prefer it (`ap`, `reuters`, `bbc`).
public struct EnglishForm: Hashable, Sendable {
    public let text: String
    public let outlets: [String]

    /// Parses `Zelenskyy@ap` (or `Kiev`, untagged).
    init(cell: Substring) {
        let parts = cell.split(separator: "@", omittingEmptySubsequences: false)
        text = String(parts[0])
        outlets = parts.dropFirst().map { $0.lowercased() }
    }
}

/// Where a row came from, for messages.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public var description: String { "\(file):\(line)" }
}

/// One name of the knowledge base: a row of a Glossaries file. A class, so that passing an
/// entry around costs one reference, not a dozen strings.
public final class NameEntry: Sendable, Identifiable {
    public let id: String
    public let type: EntryType
    public let subtype: String
    /// The canonical Arabic form, as the Arabic press writes it.
    public let arabic: String
    public let arabicVariants: [String]
    /// The canonical English form, in current press usage.
    public let english: String
    public let englishVariants: [EnglishForm]
    public let wikidata: String
    /// ISO 3166-1 alpha-2 code of the country the entry belongs to.
    public let country: String
    /// For adjectives, the id of their place.
    public let link: String
    /// Prominence in the news, 0 to 100: orders the people who share a surname.
    public let weight: Int
    public let source: String
    public let note: String
    public let location: SourceLocation

    public init(id: String, type: EntryType, subtype: String, arabic: String, arabicVariants: [String],
                english: String, englishVariants: [EnglishForm], wikidata: String, country: String, link: String,
                weight: Int, source: String, note: String, location: SourceLocation) {
        self.id = id
        self.type = type
        self.subtype = subtype
        self.arabic = arabic
        self.arabicVariants = arabicVariants
        self.english = english
        self.englishVariants = englishVariants
        self.wikidata = wikidata
        self.country = country
        self.link = link
        self.weight = weight
        self.source = source
        self.note = note
        self.location = location
    }

    /// The English form an outlet prefers, or the canonical one.
    public func english(style outlet: String?) -> String {
        guard let outlet = outlet?.lowercased() else { return english }
        return englishVariants.first { $0.outlets.contains(outlet) }?.text ?? english
    }

    /// Every Arabic form: the canonical one first.
    public var arabicForms: [String] { [arabic] + arabicVariants }

    /// Every English form: the canonical one first.
    public var englishForms: [String] { [english] + englishVariants.map(\.text) }
}

/// The columns of a Glossaries file, in order.
public enum GlossaryColumns {
    public static let names = [
        "id", "type", "subtype", "arabic", "arabic_variants", "english", "english_variants", "wikidata",
        "country", "link", "weight", "source", "note",
    ]
    public static var header: String { "#" + names.joined(separator: "\t") }
}
