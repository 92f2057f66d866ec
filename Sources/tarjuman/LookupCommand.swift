import ArgumentParser
import Foundation
import NameMatching

/// The options every command that uses the knowledge base shares.
struct KnowledgeBaseOptions: ParsableArguments {
    @Option(name: .customLong("kb"), help: ArgumentHelp(
        "A Glossaries file or folder to add to the bundled data (repeatable; later files override earlier ones by id). TARJUMAN_KB adds more, separated by ':'.",
        valueName: "path"))
    var paths: [String] = []

    /// The knowledge base, or a message and exit 2 when a file cannot be read.
    func load() throws -> NameKnowledgeBase {
        do {
            let kb = try NameKnowledgeBase.load(paths: paths)
            for issue in kb.issues { Diagnostics.warning("\(issue) (row skipped)") }
            return kb
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(2)
        }
    }
}

struct Lookup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Look up names: Arabic to English, or English to Arabic.",
        discussion: """
            Plain output: one line per match, query TAB english TAB arabic TAB type TAB how, \
            best first; 'query TAB no match' when nothing is known. how is exact, clitic, \
            adjective, partial, variant or model. An unknown name is not an error.
            """
    )

    @Flag(name: .long, help: "Write JSON: {\"results\":[{\"query\",\"matches\":[...]}]}.")
    var json = false

    @Option(name: .long, help: "The English style: ap, reuters or bbc (default: the canonical form).")
    var style: String?

    @OptionGroup var knowledgeBase: KnowledgeBaseOptions

    @Option(name: .long, help: "At most this many matches per query (the model adds up to five spellings after them).")
    var limit = 5

    @Option(name: .long, help: "The back-transliteration model for unknown names (default: the shipped one).")
    var model: String?

    @Argument(help: "The names to look up.")
    var names: [String]

    func validate() throws {
        if let style, !["ap", "reuters", "bbc"].contains(style.lowercased()) {
            throw ValidationError("unknown style '\(style)'; use ap, reuters or bbc")
        }
        if names.isEmpty { throw ValidationError("give at least one name to look up") }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let kb = try knowledgeBase.load()
        var output = StandardOutput()
        defer { output.flush() }
        let variants = VariantIndex(kb)
        // The model loads only when a name needs it; a model given with --model must load.
        var proposer: NameProposer?
        if let model {
            do {
                proposer = try NameProposer.load(model: model, knowledgeBase: kb)
            } catch {
                Diagnostics.error("\(error)")
                throw ExitStatus.dataError
            }
        }
        var tried = model != nil
        func propose() -> NameProposer? {
            if !tried {
                tried = true
                proposer = try? NameProposer.load(knowledgeBase: kb)  // none: the knowledge base alone answers
            }
            return proposer
        }
        let results = names.map { ($0, kb.lookup($0, style: style?.lowercased(), limit: limit, variants: variants, proposer: propose)) }
        if json {
            output.write(Self.json(results) + "\n")
            return
        }
        for (query, matches) in results {
            if matches.isEmpty {
                output.write("\(query)\tno match\n")
            }
            for m in matches {
                var how = m.how.rawValue
                if m.ambiguous { how += " (ambiguous)" }
                if let place = m.place { how += " → \(place.english)" }
                if let near = m.variantOf { how += " of \(near): \(m.reasons.joined(separator: ", "))" }
                if m.how == .model { how += String(format: " %.2f", m.score) }
                output.write("\(query)\t\(m.latin)\t\(m.arabic)\t\(m.entry.type.rawValue)\t\(how)\n")
            }
        }
    }

    static func json(_ results: [(String, [NameMatch])]) -> String {
        let items = results.map { query, matches in
            let list = matches.map { m in
                var fields = [
                    "\"id\":\(jsonString(m.entry.id))", "\"arabic\":\(jsonString(m.arabic))",
                    "\"latin\":\(jsonString(m.latin))", "\"type\":\(jsonString(m.entry.type.rawValue))",
                    "\"how\":\(jsonString(m.how.rawValue))", "\"score\":\(m.score)",
                    "\"ambiguous\":\(m.ambiguous)", "\"reading\":\(jsonString(m.reading))",
                ]
                if let near = m.variantOf {
                    fields.append("\"variant_of\":\(jsonString(near))")
                    fields.append("\"reason\":\(jsonString(m.reasons.joined(separator: ", ")))")
                }
                if !m.entry.wikidata.isEmpty { fields.append("\"wikidata\":\(jsonString(m.entry.wikidata))") }
                if let place = m.place {
                    fields.append("\"place\":{\"id\":\(jsonString(place.id)),\"latin\":\(jsonString(place.english)),\"arabic\":\(jsonString(place.arabic))}")
                }
                return "{" + fields.joined(separator: ",") + "}"
            }
            return "{\"query\":\(jsonString(query)),\"matches\":[\(list.joined(separator: ","))]}"
        }
        return "{\"results\":[\(items.joined(separator: ","))]}"
    }
}

struct KB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb",
        abstract: "Check and count the name knowledge base.",
        subcommands: [Check.self, Stats.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lint Glossaries files: the bundled data, or the files and folders given.",
            discussion: "Every message names file:line. Exit 1 when there is an error, 0 otherwise (warnings included)."
        )

        @Flag(name: .long, help: "Show warnings too.")
        var warnings = false

        @Argument(help: "Files or folders to check (default: the bundled Glossaries).")
        var paths: [String] = []

        func run() throws {
            do {
                var files: [URL] = []
                var context: [NameEntry] = []
                if paths.isEmpty {
                    let kb = try NameKnowledgeBase.load(paths: [], environment: [:])
                    files = kb.files.map { URL(fileURLWithPath: $0) }
                } else {
                    // User files are checked against the bundled data they overlay.
                    context = try NameKnowledgeBase.load(paths: [], environment: [:]).entries
                    for path in paths { files += try GlossaryFile.files(at: path) }
                }
                let issues = try KnowledgeBaseCheck.run(files: files, context: context)
                var output = StandardOutput()
                defer { output.flush() }
                let errors = issues.filter { $0.severity == .error }
                for issue in issues where issue.severity == .error || warnings {
                    output.write("\(issue)\n")
                }
                let warningCount = issues.count - errors.count
                output.write("\(files.count) files checked: \(errors.count) errors, \(warningCount) warnings\n")
                output.flush()
                if !errors.isEmpty { throw ExitCode(1) }
            } catch let error as KnowledgeBaseError {
                Diagnostics.error("\(error)")
                throw ExitCode(2)
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Count the entries by type, subtype and source.")

        @OptionGroup var knowledgeBase: KnowledgeBaseOptions

        func run() throws {
            let kb = try knowledgeBase.load()
            let stats = kb.statistics()
            var output = StandardOutput()
            defer { output.flush() }
            output.write("\(kb.entries.count) entries from \(kb.files.count) files\n\nby type\n")
            for (name, count) in stats.byType { output.write("  \(name)\t\(count)\n") }
            output.write("\nby subtype\n")
            for (name, count) in stats.bySubtype { output.write("  \(name)\t\(count)\n") }
            output.write("\nby source\n")
            for (name, count) in stats.bySource { output.write("  \(name)\t\(count)\n") }
        }
    }
}
