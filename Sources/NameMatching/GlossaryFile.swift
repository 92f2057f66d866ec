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
        let columnCount = GlossaryColumns.names.count

        /// Parses the lines of `range`, the first of which has number `firstLine`.
        @Sendable func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, firstLine: Int, headerSeen: Bool)
            -> (entries: [NameEntry], issues: [KnowledgeBaseIssue])
        {
            var entries: [NameEntry] = []
            var issues: [KnowledgeBaseIssue] = []
            func issue(_ line: Int, _ message: String, _ severity: KnowledgeBaseIssue.Severity = .error) {
                issues.append(KnowledgeBaseIssue(severity: severity, location: SourceLocation(file: name, line: line), message: message))
            }
            var sawHeader = headerSeen
            var previousID: String?
            var lineNumber = firstLine - 1
            // Lines and cells are cut on bytes: a tab and a line feed never occur inside a
            // multi-byte sequence, and Character-wise splitting is far slower on large files.
            var lineStart = range.lowerBound
            let limit = range.upperBound
            var cells: [Range<Int>] = []
            cells.reserveCapacity(columnCount + 1)
            func string(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self) }
            func list(_ r: Range<Int>) -> [String] {
                if r.isEmpty { return [] }
                var parts: [String] = []
                var start = r.lowerBound
                for i in r where bytes[i] == 0x7C {  // |
                    if i > start { parts.append(string(start..<i)) }
                    start = i + 1
                }
                if start < r.upperBound { parts.append(string(start..<r.upperBound)) }
                return parts
            }
            while lineStart < limit {
                var lineEnd = lineStart
                while lineEnd < limit && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                lineNumber += 1
                var end = lineEnd
                if end > lineStart && bytes[end - 1] == 0x0D { end -= 1 }
                if end == lineStart { continue }
                let line = lineStart..<end
                if bytes[lineStart] == 0x23 {  // #
                    if !sawHeader && entries.isEmpty {
                        sawHeader = true
                        let columns = string(line.dropFirst()).split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
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
                cells.removeAll(keepingCapacity: true)
                var cellStart = lineStart
                for i in line where bytes[i] == 0x09 {
                    cells.append(cellStart..<i)
                    cellStart = i + 1
                }
                cells.append(cellStart..<end)
                guard cells.count == columnCount else {
                    issue(lineNumber, "\(cells.count) columns, expected \(columnCount)")
                    continue
                }
                guard let type = EntryType(rawValue: string(cells[1])) else {
                    issue(lineNumber, "unknown type '\(string(cells[1]))' (expected \(EntryType.allCases.map(\.rawValue).joined(separator: ", ")))")
                    continue
                }
                if cells[0].isEmpty { issue(lineNumber, "empty id"); continue }
                if cells[3].isEmpty { issue(lineNumber, "empty Arabic form"); continue }
                if cells[5].isEmpty { issue(lineNumber, "empty English form"); continue }
                var weight = 50
                if !cells[10].isEmpty {
                    if let w = Int(string(cells[10])), (0...100).contains(w) {
                        weight = w
                    } else {
                        issue(lineNumber, "weight '\(string(cells[10]))' is not a number from 0 to 100")
                    }
                }
                let id = string(cells[0])
                if thorough {
                    let text = string(line)
                    if let previousID, id.utf8.lexicographicallyPrecedes(previousID.utf8) {
                        issue(lineNumber, "rows are not sorted by id: '\(id)' after '\(previousID)'", .warning)
                    }
                    // Swift's == ignores normalization differences: compare the bytes.
                    if !text.precomposedStringWithCanonicalMapping.utf8.elementsEqual(text.utf8) {
                        issue(lineNumber, "text is not in NFC")
                    }
                    if let (scalar, column) = invisibleCharacter(in: text[...]) {
                        issue(lineNumber, "invisible character U+\(String(scalar.value, radix: 16, uppercase: true)) at column \(column)")
                    }
                    for (index, cell) in cells.enumerated() where !cell.isEmpty {
                        if bytes[cell.lowerBound] == 0x20 || bytes[cell.upperBound - 1] == 0x20 {
                            issue(lineNumber, "column \(GlossaryColumns.names[index]) has leading or trailing spaces")
                        }
                    }
                }
                previousID = id
                entries.append(NameEntry(
                    id: id, type: type, subtype: string(cells[2]),
                    arabic: string(cells[3]), arabicVariants: list(cells[4]),
                    english: string(cells[5]), englishVariants: list(cells[6]).map { EnglishForm(cell: $0[...]) },
                    wikidata: string(cells[7]), country: string(cells[8]), link: string(cells[9]),
                    weight: weight, source: string(cells[11]), note: string(cells[12]),
                    location: SourceLocation(file: name, line: lineNumber)))
            }
            return (entries, issues)
        }

        return data.withUnsafeBytes { raw -> (entries: [NameEntry], issues: [KnowledgeBaseIssue]) in
            let bytes = raw.bindMemory(to: UInt8.self)
            if let bad = UTF8Validation.firstInvalidByte(in: bytes) {
                let position = TextPosition.start.advanced(over: UnsafeBufferPointer(rebasing: bytes[..<bad]))
                return ([], [KnowledgeBaseIssue(severity: .error, location: SourceLocation(file: name, line: position.line),
                                                message: "invalid UTF-8 at column \(position.column)")])
            }
            // A large file is parsed in two halves at once, cut after a line feed.
            guard !thorough, bytes.count > 4 << 20,
                  let cut = bytes[(bytes.count / 2)...].firstIndex(of: 0x0A) else {
                return parse(bytes, 0..<bytes.count, firstLine: 1, headerSeen: false)
            }
            let linesBefore = bytes[..<(cut + 1)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            nonisolated(unsafe) var halves: [(entries: [NameEntry], issues: [KnowledgeBaseIssue])] = [([], []), ([], [])]
            nonisolated(unsafe) let shared = bytes
            DispatchQueue.concurrentPerform(iterations: 2) { k in
                halves[k] = k == 0
                    ? parse(shared, 0..<(cut + 1), firstLine: 1, headerSeen: false)
                    : parse(shared, (cut + 1)..<shared.count, firstLine: linesBefore + 1, headerSeen: true)
            }
            return (halves[0].entries + halves[1].entries, halves[0].issues + halves[1].issues)
        }
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
