import Glossary

/// A small JSON writer: strings escaped as RFC 8259 asks, keys in the order given.
public enum JSONWriter {
    public static func string(_ text: some StringProtocol) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    public static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    public static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

    public static func number(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

enum JSONFormat {
    static func render(_ g: GlossaryResult) -> String {
        typealias W = JSONWriter
        let entries = g.entries.map { e -> String in
            var fields: [(String, String)] = [
                ("id", W.string(e.id)), ("arabic", W.string(e.arabic)), ("latin", W.string(e.latin)),
                ("type", W.string(e.type)), ("status", W.string(e.status.rawValue)),
                ("confidence", W.number(e.confidence)), ("count", String(e.count)),
                ("forms", W.array(e.forms.map(W.string))),
                ("misspellings", W.array(e.misspellings.map { m in
                    W.object([("form", W.string(m.form)), ("file", W.string(m.position.file)),
                              ("line", String(m.position.line)), ("column", String(m.position.column)),
                              ("reason", W.string(m.reason))])
                })),
                ("contexts", W.array(e.contexts.map { c in
                    W.object([("text", W.string(c.snippet)), ("file", W.string(c.position.file)),
                              ("line", String(c.position.line))])
                })),
                ("sources", W.array(e.documents.map(W.string))),
            ]
            if let id = e.knowledgeBaseID { fields.append(("kb_id", W.string(id))) }
            if let q = e.wikidata { fields.append(("wikidata", W.string(q))) }
            if let place = e.linkedPlace { fields.append(("place", W.string(place))) }
            if !e.latinVariants.isEmpty { fields.append(("latin_variants", W.array(e.latinVariants.map(W.string)))) }
            return "    " + W.object(fields)
        }
        let s = g.statistics
        let stats = W.object([
            ("files", String(s.files)), ("skipped_files", String(s.skippedFiles)), ("articles", String(s.articles)),
            ("bytes", String(s.bytes)), ("words", String(s.words)), ("mentions", String(s.mentions)),
            ("entries", String(g.entries.count)), ("known", String(s.known)), ("candidates", String(s.candidates)),
            ("misspellings", String(s.misspellings)),
        ])
        return "{\n  \"entries\": [\n" + entries.joined(separator: ",\n") + (entries.isEmpty ? "" : "\n")
            + "  ],\n  \"stats\": " + stats + ",\n  \"sources\": " + W.array(g.sources.map(W.string)) + "\n}\n"
    }
}
