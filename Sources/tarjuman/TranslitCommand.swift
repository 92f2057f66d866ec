import ArgumentParser
import Transliteration

struct Translit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Romanize Arabic text in a standard scheme (or back, for reversible schemes).",
        discussion: """
            Reads --text, or the files (standard input when there is none or for '-'), and \
            writes the result line for line. Characters outside the scheme pass through; bidi \
            and zero-width controls are dropped. 'tarjuman schemes' lists the schemes.
            """
    )

    @Option(name: .long, help: "The scheme id, such as ar-Latn-buckwalter or ar-Latn-alalc.")
    var scheme: String

    @Flag(name: .long, help: "Latin to Arabic (reversible schemes only).")
    var reverse = false

    @Option(name: .long, help: "Transliterate this text instead of reading files.")
    var text: String?

    @Argument(help: "Files to read; '-' or none reads standard input.")
    var files: [String] = []

    func validate() throws {
        if text != nil && !files.isEmpty { throw ValidationError("give --text or files, not both") }
        do {
            _ = try SchemeCatalog.bundled.transliterator(for: scheme, reverse: reverse)
        } catch let error as TransliterationError {
            switch error {
            case .unknownScheme, .notReversible: throw ValidationError(error.description)
            default: return  // reported by run() as a processing failure
            }
        }
    }

    func run() throws {
        let transliterator: SchemeTransliterator
        do {
            transliterator = try SchemeCatalog.bundled.transliterator(for: scheme, reverse: reverse)
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode.failure
        }
        var output = StandardOutput()
        defer { output.flush() }
        if let text {
            output.write(transliterator.transliterate(text))
            output.write("\n")
            return
        }
        try forEachChunk(of: files) { _, chunk in
            output.write(transliterator.transliterate(chunk.text))
        }
    }
}

struct Schemes: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the transliteration schemes.")

    func run() throws {
        let schemes = SchemeCatalog.bundled.schemes
        let rows = [["id", "name", "standard", "reversible"]]
            + schemes.map { [$0.id, $0.name, $0.standard, $0.reversible ? "yes" : "no"] }
        let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var output = StandardOutput()
        defer { output.flush() }
        for row in rows {
            var line = ""
            for column in 0..<3 {
                line += row[column] + String(repeating: " ", count: widths[column] - row[column].count + 2)
            }
            output.write(line + row[3] + "\n")
        }
    }
}
