import ArgumentParser
import Foundation
import Glossary
import GlossaryFormats
import NameMatching

extension GlossaryFormat: ExpressibleByArgument {}
extension GlossaryResult.SortOrder: ExpressibleByArgument {}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build an Arabic-English glossary of the names in articles.",
        discussion: """
            Reads files and folders (recursively: .txt, .md, .html, .htm, .jsonl), or standard \
            input, and writes one entry per name: known names with their press English form, \
            unknown ones as candidates to review. The format comes from --format or from the \
            extension of -o (tsv, csv, json, tbx, md, omegat; the default is tsv). The output \
            file is written whole or not at all.
            """
    )

    @Argument(help: "Files or folders of articles; none or '-' reads standard input.")
    var inputs: [String] = []

    @Option(name: .shortAndLong, help: "Write the glossary to this file (default: standard output).")
    var output: String?

    @Option(name: .long, help: "tsv, csv, json, tbx, md or omegat.")
    var format: GlossaryFormat?

    @OptionGroup var knowledgeBase: KnowledgeBaseOptions

    @Option(name: .long, help: "Spot names on this many threads (the output is the same for any number).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Stop at a file that is not valid UTF-8 text (by default it is skipped with a warning).")
    var strict = false

    @Option(name: .long, help: "The field of a JSON Lines record that holds the article.")
    var field = "text"

    @Option(name: .long, help: "The back-transliteration model for the English of unknown names (default: the shipped one).")
    var model: String?

    @Option(name: .long, help: "count (most frequent first), arabic or english.")
    var sort: GlossaryResult.SortOrder = .count

    @Option(name: .long, help: "Only names seen at least this many times.")
    var minCount = 1

    @Flag(name: .long, help: "Only names of the knowledge base (no candidates).")
    var knownOnly = false

    @Option(name: .long, help: "Only these types, comma-separated: person, place, organization, adjective, other.")
    var type: String?

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if minCount < 1 { throw ValidationError("--min-count must be at least 1") }
        if format == nil, let output, GlossaryFormat(fileExtension: (output as NSString).pathExtension) == nil {
            throw ValidationError("cannot tell the format from '\(output)'; give --format (tsv, csv, json, tbx, md, omegat)")
        }
        if let type {
            let known = Set(["person", "place", "organization", "adjective", "other"])
            for t in type.split(separator: ",") where !known.contains(String(t)) {
                throw ValidationError("unknown type '\(t)'; use person, place, organization, adjective or other")
            }
        }
    }

    func run() throws {
        // The Arabic dictionary takes a moment to load: let it load while the names do.
        DispatchQueue.global().async { _ = ArabicDictionary.system }
        let kb = try knowledgeBase.load()
        let chosen = format ?? output.flatMap { GlossaryFormat(fileExtension: ($0 as NSString).pathExtension) } ?? .tsv
        // Check the output can be written before the work, not after.
        if let output { try checkWritable(output) }
        // A model named by the user must load; the shipped one loads beside the build.
        let proposer: ProposerSource
        if let model {
            do {
                proposer = ProposerSource(try NameProposer.load(model: model, knowledgeBase: kb))
            } catch {
                Diagnostics.error("\(error)")
                throw ExitCode(2)
            }
        } else {
            proposer = ProposerSource(loading: { try? NameProposer.load(knowledgeBase: kb) })
        }
        let builder = try GlossaryBuilder(knowledgeBase: kb, proposer: proposer)
        let started = Date()
        let showProgress = isatty(2) == 1
        var shown = false
        let result: GlossaryResult
        do {
            result = try builder.build(
                inputs: inputs, options: .init(jobs: jobs, strict: strict, jsonField: field),
                warn: { Diagnostics.warning($0) },
                progress: { p in
                    let elapsed = Date().timeIntervalSince(started)
                    guard showProgress, elapsed > 1 else { return }
                    shown = true
                    let rate = Double(p.bytes) / 1_048_576 / max(elapsed, 0.001)
                    FileHandle.standardError.write(Data("\r\(p.filesDone)/\(p.files) files, \(String(format: "%.1f", rate)) MB/s, \(p.names) names   ".utf8))
                })
        } catch let error as ArticleError {
            Diagnostics.error(error.description)
            throw ExitStatus.dataError
        }
        if shown { FileHandle.standardError.write(Data("\n".utf8)) }
        let types = type.map { Set($0.split(separator: ",").map(String.init)) }
        let glossary = result.filtered(minCount: minCount, knownOnly: knownOnly, types: types).sorted(by: sort)
        let text = chosen.render(glossary)
        if let output {
            try writeAtomically(text, to: output)
        } else {
            var out = StandardOutput()
            out.write(text)
            out.flush()
        }
    }

    func checkWritable(_ path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let folder = directory.isEmpty ? "." : directory
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            Diagnostics.error("\(path): is a folder; give a file name for the glossary")
            throw ExitCode(73)
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            Diagnostics.error("\(path): cannot write there (\(folder) is missing or not writable)")
            throw ExitCode(73)
        }
    }

    /// Writes to a temporary file beside the target, then renames it over the target, so that
    /// a reader never sees half a glossary and an old one survives a failure.
    func writeAtomically(_ text: String, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\((path as NSString).lastPathComponent).tarjuman-\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            Diagnostics.error("\(path): cannot write the glossary")
            throw ExitCode(73)
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            Diagnostics.error("\(path): cannot write the glossary: \(reason)")
            throw ExitCode(73)
        }
    }
}
