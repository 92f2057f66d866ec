import Glossary

/// TBX v3 in the TBX-Basic dialect (ISO 30042:2019): one conceptEntry a name, with an Arabic
/// and an English langSec; the canonical forms are preferred terms, the other forms seen
/// admitted, misspellings deprecated; the first context is a context descrip of the Arabic term.
enum TBXFormat {
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case _ where scalar.value < 0x20 && scalar != "\n" && scalar != "\t":
                continue  // not allowed in XML 1.0
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// An xml:ID: a letter first, then letters, digits, '.', '-', '_'.
    static func xmlID(_ id: String, index: Int) -> String {
        let cleaned = String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_") ? $0 : "_" })
        return "c\(index + 1)-" + cleaned
    }

    static func term(_ text: String, status: String, context: MentionContext? = nil, indent: String) -> String {
        var out = "\(indent)<termSec>\n\(indent)  <term>\(escape(text))</term>\n"
        out += "\(indent)  <termNote type=\"administrativeStatus\">\(status)</termNote>\n"
        if let context {
            out += "\(indent)  <descripGrp>\n"
            out += "\(indent)    <descrip type=\"context\">\(escape(context.snippet))</descrip>\n"
            out += "\(indent)    <admin type=\"source\">\(escape("\(context.position.file):\(context.position.line)"))</admin>\n"
            out += "\(indent)  </descripGrp>\n"
        }
        return out + "\(indent)</termSec>\n"
    }

    static func render(_ g: GlossaryResult) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <tbx type="TBX-Basic" style="dca" xml:lang="ar" xmlns="urn:iso:std:iso:30042:ed-2">
              <tbxHeader>
                <fileDesc>
                  <sourceDesc>
                    <p>Arabic-English glossary of names made by Tarjuman from \(g.sources.count) \(g.sources.count == 1 ? "file" : "files").</p>
                  </sourceDesc>
                </fileDesc>
              </tbxHeader>
              <text>
                <body>

            """
        for (index, e) in g.entries.enumerated() {
            let i = "      "
            out += "\(i)<conceptEntry id=\"\(xmlID(e.id, index: index))\">\n"
            out += "\(i)  <descrip type=\"subjectField\">\(escape(e.type))</descrip>\n"
            if e.status == .candidate {
                out += "\(i)  <note>\(escape("candidate: English form proposed by Tarjuman, to review"))</note>\n"
            }
            out += "\(i)  <langSec xml:lang=\"ar\">\n"
            out += term(e.arabic, status: "preferredTerm-admn-sts", context: e.contexts.first, indent: i + "    ")
            for form in e.forms where form != e.arabic {
                out += term(form, status: "admittedTerm-admn-sts", indent: i + "    ")
            }
            for form in Array(Set(e.misspellings.map(\.form))).sorted() where form != e.arabic {
                out += term(form, status: "deprecatedTerm-admn-sts", indent: i + "    ")
            }
            out += "\(i)  </langSec>\n"
            out += "\(i)  <langSec xml:lang=\"en\">\n"
            out += term(e.latin, status: e.status == .known ? "preferredTerm-admn-sts" : "admittedTerm-admn-sts", indent: i + "    ")
            for variant in e.latinVariants where variant != e.latin {
                out += term(variant, status: "admittedTerm-admn-sts", indent: i + "    ")
            }
            out += "\(i)  </langSec>\n"
            out += "\(i)</conceptEntry>\n"
        }
        out += "    </body>\n  </text>\n</tbx>\n"
        return out
    }
}
