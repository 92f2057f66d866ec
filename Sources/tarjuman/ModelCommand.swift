import ArabicText
import ArgumentParser
import Foundation
import NameMatching

struct Model: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train and try the back-transliteration model (Arabic names to English spellings).",
        subcommands: [Train.self, Propose.self]
    )

    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Learn a model from name pairs.",
            discussion: """
                PAIRS has one pair a line: arabic<TAB>english[<TAB>count]. With --glossaries the \
                pairs are the project's own data (Glossaries/name-pairs.tsv and the names of the \
                knowledge base): that is how the shipped model is made. Unless --no-known-names, \
                the English names of the bundled Glossaries join the model's known names (a \
                candidate that is a known name ranks higher) and its letter model. Two tenths of \
                the pairs, each held out in turn, tune the weights and the temperature of the \
                probabilities.
                """
        )

        @Argument(help: "A file of name pairs.")
        var pairs: String?

        @Flag(name: .long, help: "Learn from the bundled Glossaries instead of a file.")
        var glossaries = false

        @Option(name: .shortAndLong, help: "Where to write the model.")
        var output: String

        @Flag(name: .long, help: "Do not add the names of the bundled Glossaries to the model (its known names and origins).")
        var noKnownNames = false

        @Option(name: .long, help: "EM iterations of the alignment.")
        var iterations = 6

        func validate() throws {
            if (pairs == nil) == !glossaries { throw ValidationError("give a file of pairs or --glossaries, not both") }
        }

        func run() throws {
            let started = Date()
            let data: [NamePair]
            do {
                data = try pairs.map(BackTransliterationModel.readPairs) ?? GlossaryPairs.load()
            } catch let error as ModelError {
                Diagnostics.error(error.description)
                throw ExitStatus.dataError
            }
            let model: BackTransliterationModel
            do {
                model = BackTransliterationModel.trainAndTune(data, knownNames: noKnownNames ? [] : try GlossaryPairs.knownNames(),
                                                              knownNamesFromPairs: glossaries,
                                                              origins: noKnownNames ? NameOrigins() : try GlossaryPairs.origins(),
                                                              iterations: iterations)
            } catch let error as ModelError {
                Diagnostics.error(error.description)
                throw ExitStatus.dataError
            }
            do {
                try model.write(to: URL(fileURLWithPath: output))
            } catch {
                Diagnostics.error("\(output): cannot write the model: \(error.localizedDescription)")
                throw ExitCode(73)
            }
            let seconds = Date().timeIntervalSince(started)
            let w = model.weights
            FileHandle.standardError.write(Data(String(format: "trained on %d pairs in %.1f s (weights: letters %.2f, context %.2f, known names %.1f, length %.2f, spelling %.2f, origin %.2f, temperature %.1f): %@\n",
                                                       data.count, seconds, w.letters, w.context, w.lexicon, w.length, w.spelling, w.origin,
                                                       w.temperature, output).utf8))
        }
    }

    struct Propose: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a model's ranked English spellings of Arabic names.")

        @Option(name: .long, help: "The model (default: the shipped one).")
        var model: String?

        @Option(name: .long, help: "How many candidates.")
        var limit = 5

        @Argument(help: "Arabic names.")
        var names: [String]

        func validate() throws {
            if limit < 1 { throw ValidationError("--limit must be at least 1") }
        }

        func run() throws {
            let proposer: NameProposer
            do {
                proposer = try NameProposer.load(model: model)
            } catch {
                Diagnostics.error("\(error)")
                throw ExitStatus.dataError
            }
            var output = StandardOutput()
            defer { output.flush() }
            var skipped = false
            for name in names {
                // Only Arabic-script names have spellings to propose.
                guard name.containsArabicLetters else {
                    Diagnostics.error("\(name): no Arabic letters, nothing to propose")
                    skipped = true
                    continue
                }
                for c in proposer.propose(name, limit: limit) {
                    output.write("\(name)\t\(c.text)\t\(String(format: "%.3f", c.probability))\n")
                }
            }
            if skipped { throw ExitStatus.dataError }
        }
    }
}
