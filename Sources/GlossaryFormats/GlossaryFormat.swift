import Glossary

/// The formats a glossary is written in.
public enum GlossaryFormat: String, CaseIterable, Sendable {
    /// Arabic TAB English, no header: imports as is into DeepL and Google Cloud Translation.
    case tsv
    /// `ar,en,type,status,count,variants,context` (RFC 4180) for memoQ and Trados.
    case csv
    /// Everything: `{"entries":[…],"stats":{…}}`.
    case json
    /// TBX v3, TBX-Basic dialect, for CAT tools.
    case tbx
    /// A Markdown table for people to read.
    case md
    /// OmegaT's glossary: source TAB target TAB comment.
    case omegat

    /// The format an output file's extension names, if any.
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "tsv", "tab": self = .tsv
        case "csv": self = .csv
        case "json": self = .json
        case "tbx", "xml": self = .tbx
        case "md", "markdown": self = .md
        case "utf8", "omegat": self = .omegat
        default: return nil
        }
    }

    /// The glossary in this format.
    public func render(_ glossary: GlossaryResult) -> String {
        switch self {
        case .tsv: return TSVFormat.render(glossary)
        case .csv: return CSVFormat.render(glossary)
        case .json: return JSONFormat.render(glossary)
        case .tbx: return TBXFormat.render(glossary)
        case .md: return MarkdownFormat.render(glossary)
        case .omegat: return OmegaTFormat.render(glossary)
        }
    }
}

/// A cell of a tab-separated line: no tab or line break inside.
func tabCell(_ text: String) -> String {
    String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
}

enum TSVFormat {
    /// One line a name: the canonical Arabic and its English. DeepL refuses a source term twice,
    /// so each Arabic form appears once.
    static func render(_ g: GlossaryResult) -> String {
        var seen = Set<String>()
        var out = ""
        for e in g.entries where seen.insert(e.arabic).inserted {
            out += tabCell(e.arabic) + "\t" + tabCell(e.latin) + "\n"
        }
        return out
    }
}

enum OmegaTFormat {
    static func render(_ g: GlossaryResult) -> String {
        var out = ""
        for e in g.entries {
            var comment = "\(e.type), \(e.status.rawValue), seen \(e.count)×"
            let others = e.forms.filter { $0 != e.arabic }
            if !others.isEmpty { comment += "; also written " + others.joined(separator: "، ") }
            if !e.misspellings.isEmpty { comment += "; misspelt " + Array(Set(e.misspellings.map(\.form))).sorted().joined(separator: "، ") }
            out += tabCell(e.arabic) + "\t" + tabCell(e.latin) + "\t" + tabCell(comment) + "\n"
        }
        return out
    }
}

enum CSVFormat {
    static let header = ["ar", "en", "type", "status", "count", "variants", "context"]

    /// A cell, neutralised against spreadsheet formulas (a leading = + - @ tab or carriage
    /// return gets an apostrophe before it) and quoted as RFC 4180 asks.
    static func cell(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            value = "'" + value
        }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    static func render(_ g: GlossaryResult) -> String {
        var out = header.joined(separator: ",") + "\r\n"
        for e in g.entries {
            let variants = e.forms.filter { $0 != e.arabic } + e.latinVariants
            let row = [e.arabic, e.latin, e.type, e.status.rawValue, String(e.count), variants.joined(separator: " | "),
                       e.contexts.first?.snippet ?? ""]
            out += row.map(cell).joined(separator: ",") + "\r\n"
        }
        return out
    }
}

enum MarkdownFormat {
    static func cell(_ text: String) -> String {
        tabCell(text).replacingOccurrences(of: "|", with: "\\|")
    }

    static func render(_ g: GlossaryResult) -> String {
        var out = "# Glossary\n\n"
        out += "\(g.entries.count) names from \(g.sources.count) \(g.sources.count == 1 ? "file" : "files"): "
        out += "\(g.statistics.known) known, \(g.statistics.candidates) to review.\n\n"
        out += "| Arabic | English | Type | Status | Count | Also written | Context |\n"
        out += "|---|---|---|---|---:|---|---|\n"
        for e in g.entries {
            var also = e.forms.filter { $0 != e.arabic }
            also += Array(Set(e.misspellings.map(\.form))).sorted().map { "~~\($0)~~" }
            let status = e.status == .known ? "known" : "**review**"
            out += "| \(cell(e.arabic)) | \(cell(e.latin)) | \(e.type) | \(status) | \(e.count) | "
                + "\(cell(also.joined(separator: "، "))) | \(cell(e.contexts.first?.snippet ?? "")) |\n"
        }
        return out
    }
}
