import ArabicText
import ArgumentParser

struct Tokens: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the tokens of Arabic text, with positions, scripts and clitic analyses.",
        discussion: """
            One token a line: [FILE:]LINE:COLUMN, kind, script, the token as written, and for \
            Arabic words the readings as proclitics and stem (و+ب+ال+كرملين), tab-separated. \
            With --json, one JSON object a line.
            """
    )

    @Flag(name: .long, help: "Write one JSON object per token (JSON Lines).")
    var json = false

    @Argument(help: "Files to read; '-' or none reads standard input.")
    var files: [String] = []

    func run() throws {
        let tokenizer = try Tokenizer()
        var output = StandardOutput()
        defer { output.flush() }
        let showFile = files.count > 1
        try forEachChunk(of: files) { name, chunk in
            tokenizer.forEachToken(in: chunk.text, start: chunk.start) { token in
                output.write(json ? Self.json(token, file: name) : Self.plain(token, file: showFile ? name : nil))
            }
        }
    }

    static func plain(_ token: Token, file: String?) -> String {
        var line = file.map { "\($0):" } ?? ""
        line += "\(token.line):\(token.column)\t\(token.kind.rawValue)\t\(token.script.rawValue)\t\(token.surface)"
        let readings = token.analyses.filter { !$0.proclitics.isEmpty }
        if !readings.isEmpty {
            line += "\t" + readings.map(\.description).joined(separator: " ")
        }
        return line + "\n"
    }

    static func json(_ token: Token, file: String) -> String {
        let analyses = token.analyses.map { analysis in
            "{\"proclitics\":[" + analysis.proclitics.map { jsonString($0.text) }.joined(separator: ",")
                + "],\"stem\":" + jsonString(analysis.stem) + "}"
        }
        return "{\"file\":\(jsonString(file)),\"line\":\(token.line),\"column\":\(token.column),"
            + "\"offset\":\(token.byteOffset),\"kind\":\"\(token.kind.rawValue)\","
            + "\"script\":\"\(token.script.rawValue)\",\"text\":\(jsonString(token.surface)),"
            + "\"normalized\":\(jsonString(token.normalized)),\"analyses\":[\(analyses.joined(separator: ","))]}\n"
    }
}
