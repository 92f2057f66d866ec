import ArabicText
import Foundation
import GlossaryData

/// A problem found in knowledge-base data, with its place.
public struct KnowledgeBaseIssue: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public let severity: Severity
    public let location: SourceLocation
    public let message: String

    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// Why a knowledge base could not be loaded at all.
public enum KnowledgeBaseError: Error, CustomStringConvertible, Sendable {
    case unreadable(path: String, reason: String)
    case missingBundledData

    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "\(path): cannot read: \(reason)"
        case .missingBundledData: return "the bundled Glossaries are missing from the installation"
        }
    }
}

/// Reads Glossaries TSV files: the rows as entries, and what is wrong with them.
public enum GlossaryFile {
    /// The data files of a path: a file is itself; a folder gives the files its `manifest.tsv`
    /// names, or else every `.tsv` file in it, sorted.
    public static func files(at path: String) throws -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw KnowledgeBaseError.unreadable(path: path, reason: "no such file or folder")
        }
        let url = URL(fileURLWithPath: path)
        guard isDirectory.boolValue else { return [url] }
        let manifest = url.appendingPathComponent("manifest.tsv")
        if let text = try? String(contentsOf: manifest, encoding: .utf8) {
            return text.split(separator: "\n").compactMap { line in
                if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
                let name = line.split(separator: "\t").first.map(String.init) ?? ""
                return url.appendingPathComponent(name)
            }
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { $0.hasSuffix(".tsv") && $0 != "manifest.tsv" }.sorted().map { url.appendingPathComponent($0) }
    }

    /// Parses one file. With `thorough`, also checks what only the linter needs (NFC, invisible
    /// characters, order), which costs time on large files.
    /// `displayName` is how messages name the file (the bundled files are shown as
    /// `Glossaries/NAME`, where a person edits them).
    public static func read(_ url: URL, displayName: String? = nil, thorough: Bool = false) throws
        -> (entries: [NameEntry], issues: [KnowledgeBaseIssue])
    {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw KnowledgeBaseError.unreadable(path: url.path, reason: "\(error.localizedDescription)")
        }
        let name = displayName ?? url.path
        var issues: [KnowledgeBaseIssue] = []
        func issue(_ line: Int, _ message: String, _ severity: KnowledgeBaseIssue.Severity = .error) {
            issues.append(KnowledgeBaseIssue(severity: severity, location: SourceLocation(file: name, line: line), message: message))
        }
        let text: String? = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            if let bad = UTF8Validation.firstInvalidByte(in: bytes) {
                let position = TextPosition.start.advanced(over: UnsafeBufferPointer(rebasing: bytes[..<bad]))
                issue(position.line, "invalid UTF-8 at column \(position.column)")
                return nil
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        guard let text else { return ([], issues) }

        var entries: [NameEntry] = []
        var sawHeader = false
        var previousID: Substring?
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if line.last == "\r" { line = line.dropLast() }
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                if !sawHeader && entries.isEmpty {
                    sawHeader = true
                    let columns = line.dropFirst().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                    if columns != GlossaryColumns.names {
                        issue(lineNumber, "the header must name the columns \(GlossaryColumns.names.joined(separator: ", "))")
                    }
                }
                continue
            }
            if !sawHeader {
                issue(lineNumber, "the file must start with a '#' header naming the columns")
                sawHeader = true
            }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard cells.count == GlossaryColumns.names.count else {
                issue(lineNumber, "\(cells.count) columns, expected \(GlossaryColumns.names.count)")
                continue
            }
            guard let type = EntryType(rawValue: String(cells[1])) else {
                issue(lineNumber, "unknown type '\(cells[1])' (expected \(EntryType.allCases.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            if cells[0].isEmpty { issue(lineNumber, "empty id"); continue }
            if cells[3].isEmpty { issue(lineNumber, "empty Arabic form"); continue }
            if cells[5].isEmpty { issue(lineNumber, "empty English form"); continue }
            var weight = 50
            if !cells[10].isEmpty {
                if let w = Int(cells[10]), (0...100).contains(w) {
                    weight = w
                } else {
                    issue(lineNumber, "weight '\(cells[10])' is not a number from 0 to 100")
                }
            }
            if thorough {
                if let previousID, cells[0] < previousID {
                    issue(lineNumber, "rows are not sorted by id: '\(cells[0])' after '\(previousID)'", .warning)
                }
                // Swift's == ignores normalization differences: compare the bytes.
                if !String(line).precomposedStringWithCanonicalMapping.utf8.elementsEqual(line.utf8) {
                    issue(lineNumber, "text is not in NFC")
                }
                if let (scalar, column) = invisibleCharacter(in: line) {
                    issue(lineNumber, "invisible character U+\(String(scalar.value, radix: 16, uppercase: true)) at column \(column)")
                }
                for (index, cell) in cells.enumerated() where cell != cell.trimmingCharacters(in: .whitespaces)[...] {
                    issue(lineNumber, "column \(GlossaryColumns.names[index]) has leading or trailing spaces")
                }
            }
            previousID = cells[0]
            func list(_ cell: Substring) -> [Substring] { cell.isEmpty ? [] : cell.split(separator: "|") }
            entries.append(NameEntry(
                id: String(cells[0]), type: type, subtype: String(cells[2]),
                arabic: String(cells[3]), arabicVariants: list(cells[4]).map(String.init),
                english: String(cells[5]), englishVariants: list(cells[6]).map(EnglishForm.init(cell:)),
                wikidata: String(cells[7]), country: String(cells[8]), link: String(cells[9]),
                weight: weight, source: String(cells[11]), note: String(cells[12]),
                location: SourceLocation(file: name, line: lineNumber)))
        }
        return (entries, issues)
    }

    /// The first character a data file must not contain: bidi and zero-width controls, tatweel,
    /// Arabic diacritics, other control characters; with its 1-based column.
    static func invisibleCharacter(in line: Substring) -> (Unicode.Scalar, Int)? {
        var column = 0
        for scalar in line.unicodeScalars {
            column += 1
            switch scalar.value {
            case 0x09: continue
            case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x0640, 0x064B...0x065F, 0x0670, 0x200B...0x200F,
                 0x202A...0x202E, 0x2060...0x2069, 0xFEFF, 0xAD:
                return (scalar, column)
            default:
                continue
            }
        }
        return nil
    }
}

extension GlossaryFile {
    /// How messages name a file: bundled files as `Glossaries/NAME`, others by their path.
    public static func displayName(of url: URL) -> String {
        if let bundled = GlossaryData.directory, url.deletingLastPathComponent().standardizedFileURL.path == bundled.standardizedFileURL.path {
            return "Glossaries/" + url.lastPathComponent
        }
        return url.path
    }
}
