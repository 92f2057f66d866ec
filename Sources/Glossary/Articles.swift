import ArabicText
import Foundation

/// One article to read: its text and where it came from.
public struct Article: Sendable {
    /// The file (or `file:line` for a JSON Lines record), as messages and the glossary name it.
    public let source: String
    /// The file the article belongs to.
    public let file: String
    public let text: String
    /// The line of the file where the text starts (JSON Lines records start on their line).
    public let firstLine: Int
}

/// Why an input could not be read.
public enum ArticleError: Error, CustomStringConvertible, Sendable {
    case unreadable(file: String, reason: String)
    case invalidText(file: String, position: TextPosition, reason: String)
    case badRecord(file: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason): return "\(file): cannot read: \(reason)"
        case let .invalidText(file, p, reason): return "\(file):\(p.line):\(p.column): \(reason)"
        case let .badRecord(file, line, reason): return "\(file):\(line):1: \(reason)"
        }
    }
}

/// Reads articles from files, folders (recursively) and standard input: plain text and Markdown
/// as they are, HTML without its tags, scripts and styles (entities decoded), JSON Lines one
/// article a line (the text in a field you name).
public struct ArticleReader: Sendable {
    /// The file extensions read from folders; a file named explicitly is read whatever its name.
    public static let extensions: Set<String> = ["txt", "md", "markdown", "html", "htm", "jsonl"]

    public var jsonField: String

    public init(jsonField: String = "text") {
        self.jsonField = jsonField
    }

    /// The files of the inputs, in order: a folder gives its files with a known extension,
    /// sorted by path, recursively; "-" is standard input.
    public func files(of inputs: [String]) throws -> [String] {
        var files: [String] = []
        for input in inputs {
            if input == "-" {
                files.append(input)
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                throw ArticleError.unreadable(file: input, reason: "no such file or folder")
            }
            if !isDirectory.boolValue {
                files.append(input)
                continue
            }
            guard let walker = FileManager.default.enumerator(atPath: input) else {
                throw ArticleError.unreadable(file: input, reason: "cannot list the folder")
            }
            var found: [String] = []
            for case let relative as String in walker {
                let ext = (relative as NSString).pathExtension.lowercased()
                // Hidden files and READMEs (a folder's documentation, not an article) are left out.
                let base = (relative as NSString).lastPathComponent.lowercased()
                if Self.extensions.contains(ext) && !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") })
                    && !base.hasPrefix("readme") {
                    found.append((input as NSString).appendingPathComponent(relative))
                }
            }
            files += found.sorted()
        }
        return files
    }

    /// The articles of one file (several for JSON Lines).
    public func articles(of file: String) throws -> [Article] {
        let name = file == "-" ? "<stdin>" : file
        let bytes: [UInt8]
        if file == "-" {
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ArticleError.unreadable(file: file, reason: FileManager.default.isReadableFile(atPath: file)
                    ? "cannot read" : "permission denied or not a file")
            }
            bytes = Array(data)
        }
        let text = try Self.decode(bytes, file: name)
        switch (file as NSString).pathExtension.lowercased() {
        case "html", "htm":
            return [Article(source: name, file: name, text: HTMLText.plainText(of: text), firstLine: 1)]
        case "jsonl":
            return try jsonLines(text, file: name)
        default:
            return [Article(source: name, file: name, text: text, firstLine: 1)]
        }
    }

    /// Valid UTF-8 text, or an error at the first bad byte (or NUL, the mark of a binary file).
    static func decode(_ bytes: [UInt8], file: String) throws -> String {
        try bytes.withUnsafeBufferPointer { buffer in
            if let bad = UTF8Validation.firstInvalidByte(in: buffer) {
                let p = TextPosition.start.advanced(over: UnsafeBufferPointer(rebasing: buffer[..<bad]))
                throw ArticleError.invalidText(file: file, position: p, reason: "invalid UTF-8; the file must be UTF-8 text")
            }
            if let nul = buffer.firstIndex(of: 0) {
                let p = TextPosition.start.advanced(over: UnsafeBufferPointer(rebasing: buffer[..<nul]))
                throw ArticleError.invalidText(file: file, position: p, reason: "binary data (a NUL byte); the file must be text")
            }
            var text = String(decoding: buffer, as: UTF8.self)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            return text
        }
    }

    private func jsonLines(_ text: String, file: String) throws -> [Article] {
        var articles: [Article] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] else {
                throw ArticleError.badRecord(file: file, line: index + 1, reason: "not a JSON object")
            }
            guard let value = object[jsonField] as? String else {
                throw ArticleError.badRecord(file: file, line: index + 1, reason: "no text field '\(jsonField)'")
            }
            articles.append(Article(source: "\(file):\(index + 1)", file: file, text: value, firstLine: index + 1))
        }
        return articles
    }
}

/// The text of an HTML page: tags, comments, scripts and styles removed, entities decoded, block
/// ends turned into line breaks (so that lines stay close to the page's own).
public enum HTMLText {
    public static func plainText(of html: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count / 2)
        var i = html.startIndex
        let end = html.endIndex
        func skipPast(_ marker: String) {
            if let r = html.range(of: marker, options: [.caseInsensitive], range: i..<end) { i = r.upperBound } else { i = end }
        }
        while i < end {
            let c = html[i]
            if c == "<" {
                let rest = html[i...]
                if rest.hasPrefix("<!--") { skipPast("-->"); continue }
                let lower = rest.prefix(10).lowercased()
                if lower.hasPrefix("<script") { skipPast("</script>"); continue }
                if lower.hasPrefix("<style") { skipPast("</style>"); continue }
                guard let close = html[i...].firstIndex(of: ">") else { break }
                let tag = html[html.index(after: i)..<close].lowercased()
                let name = tag.drop(while: { $0 == "/" }).prefix { $0.isLetter || $0.isNumber }
                if ["p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "title", "article", "section", "blockquote"].contains(String(name)) {
                    if !out.hasSuffix("\n") { out.append("\n") }
                }
                i = html.index(after: close)
                continue
            }
            if c == "&", let semicolon = html[i...].prefix(12).firstIndex(of: ";") {
                let entity = String(html[html.index(after: i)..<semicolon])
                if let decoded = decode(entity) {
                    out.append(decoded)
                    i = html.index(after: semicolon)
                    continue
                }
            }
            out.append(c)
            i = html.index(after: i)
        }
        return out
    }

    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "laquo": "«", "raquo": "»",
        "ndash": "–", "mdash": "—", "hellip": "…", "rlm": "\u{200F}", "lrm": "\u{200E}", "zwnj": "\u{200C}", "zwj": "\u{200D}",
    ]

    static func decode(_ entity: String) -> String? {
        if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
            return UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
        if entity.hasPrefix("#") {
            return UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
        return named[entity]
    }
}
