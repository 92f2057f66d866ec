import Foundation
import ICUBridge

/// A romanization scheme of the catalog: its manifest row.
public struct TransliterationScheme: Sendable, Hashable, Identifiable {
    /// Where the rules come from.
    public enum Source: Sendable, Hashable {
        /// A rule file of the scheme folder.
        case rules(file: String)
        /// One of ICU's own transliterators, by id ("Arabic-Latin").
        case icu(id: String)
    }

    /// Systematic id: `ar-Latn-buckwalter`, `ar-Latn-alalc`, or `icu`.
    public let id: String
    public let name: String
    /// The standard and its edition.
    public let standard: String
    /// Whether Latin-to-Arabic is available, and exact.
    public let reversible: Bool
    public let source: Source
    public let notes: String
}

/// Why transliteration could not be done.
public enum TransliterationError: Error, Equatable, CustomStringConvertible, Sendable {
    case unknownScheme(id: String, valid: [String])
    case notReversible(id: String, reversible: [String])
    case manifest(file: String, line: Int, reason: String)
    case missingRules(id: String, file: String)
    case rules(id: String, file: String, error: ICUError)

    public var description: String {
        switch self {
        case let .unknownScheme(id, valid):
            return "unknown scheme '\(id)'; valid schemes: \(valid.joined(separator: ", "))"
        case let .notReversible(id, reversible):
            return "scheme '\(id)' is not reversible; reversible schemes: \(reversible.joined(separator: ", "))"
        case let .manifest(file, line, reason):
            return "\(file):\(line): \(reason)"
        case let .missingRules(id, file):
            return "scheme '\(id)': rule file \(file) is missing"
        case let .rules(id, file, error):
            if case let .ruleSyntax(_, code, line, column) = error {
                return "\(file):\(line ?? 0):\(column ?? 0): scheme '\(id)': rules do not compile (\(code))"
            }
            return "scheme '\(id)' (\(file)): \(error)"
        }
    }
}
