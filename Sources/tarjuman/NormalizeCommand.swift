import ArabicText
import ArgumentParser

extension ArabicNormalizer.Preset: ExpressibleByArgument {}

struct Normalize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Normalize Arabic text (standard input when no file is given or for '-').",
        discussion: """
            display: NFC, no bidi or zero-width controls, no tatweel.
            matching: display, then NFKC, no diacritics, alef/ya/ta marbuta/hamza seats and \
            Persian letters folded, ASCII digits, white space squashed. Line structure is kept.
            """
    )

    @Option(name: .long, help: "The normalization preset: display or matching.")
    var preset: ArabicNormalizer.Preset = .display

    @Argument(help: "Files to read; '-' or none reads standard input.")
    var files: [String] = []

    func run() throws {
        let normalizer = ArabicNormalizer.preset(preset)
        var output = StandardOutput()
        defer { output.flush() }
        try forEachChunk(of: files) { _, chunk in
            output.write(normalizer.normalize(chunk.text))
        }
    }
}
