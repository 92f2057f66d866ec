import ArabicText
import ArgumentParser
import NameMatching

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find misspelt names in Arabic text.",
        discussion: """
            Compiler-style warnings, FILE:LINE:COLUMN: warning: 'ويكتوف' looks like a misspelling \
            of 'ويتكوف' (Steve Witkoff): ت and ك swapped. Ordinary Arabic words (hunspell-ar) and \
            accepted spellings are never flagged. Exit 0 when nothing was found, 1 when something \
            was, 2 on errors.
            """
    )

    @Flag(name: .long, help: "Write JSON: {\"findings\":[{\"file\",\"line\",\"column\",\"text\",\"suggestion\",\"latin\",\"reason\",\"score\"}]}.")
    var json = false

    @OptionGroup var knowledgeBase: KnowledgeBaseOptions

    @Argument(help: "Files to read; '-' or none reads standard input.")
    var files: [String] = []

    func run() throws {
        let kb = try knowledgeBase.load()
        if ArabicDictionary.system == nil {
            Diagnostics.warning("the Arabic dictionary (hunspell-ar) is not installed: ordinary words are told from names by the knowledge base alone")
        }
        let checker: MisspellingChecker
        do {
            checker = try MisspellingChecker(variants: VariantIndex(kb))
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(2)
        }
        let run = checker.makeRun()
        do {
            let paths = files.isEmpty ? ["-"] : files
            for path in paths {
                let reader = try TextReader(path: path)
                while let chunk = try reader.next() {
                    checker.add(chunk.text, file: reader.name, start: chunk.start, to: run)
                }
            }
        } catch let error as TextInputError {
            Diagnostics.error(error.description)
            throw ExitCode(2)
        }
        let findings = checker.findings(of: run)
        var output = StandardOutput()
        if json {
            let items = findings.map { f in
                "{\"file\":\(jsonString(f.file)),\"line\":\(f.line),\"column\":\(f.column),\"text\":\(jsonString(f.text)),"
                    + "\"suggestion\":\(jsonString(f.suggestion)),\"latin\":\(jsonString(f.entry.english)),"
                    + "\"id\":\(jsonString(f.entry.id)),\"reason\":\(jsonString(f.reasons.joined(separator: ", "))),"
                    + "\"score\":\(f.distance)}"
            }
            output.write("{\"findings\":[\(items.joined(separator: ","))]}\n")
        } else {
            for f in findings { output.write(f.message + "\n") }
        }
        output.flush()
        if !findings.isEmpty { throw ExitCode(1) }
    }
}

struct Variants: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the known spellings of a name and the known names closest to it."
    )

    @Flag(name: .long, help: "Write JSON.")
    var json = false

    @OptionGroup var knowledgeBase: KnowledgeBaseOptions

    @Argument(help: "An Arabic name (one word).")
    var name: String

    func run() throws {
        let kb = try knowledgeBase.load()
        let index = VariantIndex(kb)
        let word = ArabicNormalizer.matching.normalize(name)
        let known = index.entries(ofWord: word)
        let near = index.nearest(word, maxDistance: 1.5, limit: 8)
        var output = StandardOutput()
        defer { output.flush() }
        if json {
            let k = known.map { e in
                "{\"id\":\(jsonString(e.id)),\"arabic\":\(jsonString(e.arabic)),\"latin\":\(jsonString(e.english)),"
                    + "\"forms\":[\(e.arabicForms.map(jsonString).joined(separator: ","))]}"
            }
            let n = near.map { m in
                "{\"word\":\(jsonString(m.display)),\"latin\":\(jsonString(m.entries.first?.english ?? "")),"
                    + "\"id\":\(jsonString(m.entries.first?.id ?? "")),\"score\":\(m.distance),"
                    + "\"reason\":\(jsonString(m.reasons.joined(separator: ", ")))}"
            }
            output.write("{\"query\":\(jsonString(name)),\"known\":[\(k.joined(separator: ","))],\"nearest\":[\(n.joined(separator: ","))]}\n")
            return
        }
        if known.isEmpty {
            output.write("\(name): not a known spelling\n")
        }
        for entry in known {
            let accepted = entry.arabicForms.first.map { ArabicNormalizer.matching.normalize($0).splitWords().contains(word) } == true
            output.write("\(name): \(accepted ? "the canonical spelling" : "an accepted variant") of \(entry.english) (\(entry.arabic))\n")
            output.write("  spellings: \(entry.arabicForms.joined(separator: "، "))\n")
        }
        for m in near {
            output.write("  near: \(m.display)\t\(m.entries.first?.english ?? "")\t\(m.distance)\t\(m.reasons.joined(separator: ", "))\n")
        }
    }
}

extension String {
    func splitWords() -> [String] { split(separator: " ").map(String.init) }
}
