import Foundation
import Testing

/// Runs the built `tarjuman` binary and captures what it prints.
struct CLI {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static let binary: URL = {
        // The test bundle sits next to the products of the same build.
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("tarjuman")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/tarjuman")
    }()

    static func run(_ arguments: [String], stdin: Data = Data()) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Write and read concurrently so that large inputs and outputs cannot dead-lock.
        let writer = Thread {
            input.fileHandleForWriting.write(stdin)
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        nonisolated(unsafe) var errorData = Data()
        let reader = Thread { errorData = errors.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while reader.isExecuting || !reader.isFinished { usleep(1000) }
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errorData, as: UTF8.self))
    }

    static func run(_ arguments: [String], input: String) throws -> Result {
        try run(arguments, stdin: Data(input.utf8))
    }
}

func temporaryFile(_ bytes: [UInt8], suffix: String = ".txt") throws -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("tarjuman-cli-\(UUID().uuidString)\(suffix)").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

@Suite("tarjuman normalize")
struct NormalizeCommandTests {
    @Test("matching preset on standard input")
    func matching() throws {
        let r = try CLI.run(["normalize", "--preset", "matching"], input: "وَقالَ بـوتيـن ﻻ\n")
        #expect(r.status == 0)
        #expect(r.stdout == "وقال بوتين لا\n")
        #expect(r.stderr.isEmpty)
    }

    @Test("display is the default and keeps line structure")
    func display() throws {
        let r = try CLI.run(["normalize"], input: "بـوتيـن\n\n\u{200F}كييف\r\nموسكو")
        #expect(r.status == 0)
        #expect(r.stdout == "بوتين\n\nكييف\r\nموسكو")
    }

    @Test("files are read in order, '-' is standard input")
    func files() throws {
        let a = try temporaryFile(Array("أوكرانيا\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: a) }
        let r = try CLI.run(["normalize", "--preset", "matching", a, "-"], input: "روسيا\n")
        #expect(r.stdout == "اوكرانيا\nروسيا\n")
    }

    @Test("invalid UTF-8 exits 65 naming line and column")
    func invalidUTF8() throws {
        let r = try CLI.run(["normalize"], stdin: Data([0x61, 0x62, 0x63, 0xFF, 0x0A]))
        #expect(r.status == 65)
        #expect(r.stderr.contains(":1:4:"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test("invalid UTF-8 in a file names the file")
    func invalidFile() throws {
        let path = try temporaryFile(Array("سطر أول\nسطر ".utf8) + [0xC0, 0x80])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try CLI.run(["normalize", path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("\(path):2:5: invalid UTF-8"))
    }

    @Test("a binary file exits 65")
    func binary() throws {
        let path = try temporaryFile([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00], suffix: ".png")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try CLI.run(["normalize", path])
        #expect(r.status == 65)
        #expect(r.stderr.contains(path))
    }

    @Test("a missing file exits 65 with its name")
    func missing() throws {
        let r = try CLI.run(["normalize", "/nonexistent/article.txt"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("/nonexistent/article.txt: cannot read"))
    }

    @Test("an empty file gives empty output")
    func empty() throws {
        let path = try temporaryFile([])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try CLI.run(["normalize", path])
        #expect(r.status == 0)
        #expect(r.stdout.isEmpty)
    }

    @Test("a 10 MB single line streams through unchanged in length")
    func hugeLine() throws {
        let word = "بـوتيـن  ﻻ "
        let line = String(repeating: word, count: 10_000_000 / word.utf8.count) + "\n"
        let r = try CLI.run(["normalize", "--preset", "matching"], input: line)
        #expect(r.status == 0)
        let expected = String(repeating: "بوتين لا ", count: 10_000_000 / word.utf8.count) + "\n"
        #expect(r.stdout.utf8.count == expected.utf8.count)
        #expect(r.stdout == expected)
    }

    @Test("a usage error exits 64 with one line", arguments: [
        ["normalize", "--preset", "loud"],
        ["normalize", "--no-such-option"],
        ["no-such-command"],
    ])
    func usage(arguments: [String]) throws {
        let r = try CLI.run(arguments)
        #expect(r.status == 64)
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.hasPrefix("tarjuman: error: "))
    }
}

@Suite("tarjuman tokens and --version")
struct TokensCommandTests {
    @Test("one token a line with position, script and readings")
    func plain() throws {
        let r = try CLI.run(["tokens"], input: "قال وبوتين،\nPutin ١٢")
        #expect(r.status == 0)
        #expect(r.stdout == """
            1:1\tword\tarabic\tقال
            1:5\tword\tarabic\tوبوتين\tو+بوتين و+ب+وتين
            1:11\tpunctuation\tcommon\t،
            2:1\tword\tlatin\tPutin
            2:7\tnumber\tcommon\t١٢

            """)
    }

    @Test("JSON lines parse and carry the analyses")
    func json() throws {
        let r = try CLI.run(["tokens", "--json"], input: "بالكرملين")
        #expect(r.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(object?["text"] as? String == "بالكرملين")
        #expect(object?["line"] as? Int == 1)
        let analyses = object?["analyses"] as? [[String: Any]]
        #expect(analyses?.count == 3)
        #expect(analyses?.last?["stem"] as? String == "كرملين")
        #expect(analyses?.last?["proclitics"] as? [String] == ["ب", "ال"])
    }

    @Test("--version names the ICU version")
    func version() throws {
        let r = try CLI.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.range(of: #"^tarjuman \d+\.\d+\.\d+ \(ICU \d+\.\d+"#, options: .regularExpression) != nil)
    }
}

@Suite("tarjuman translit and schemes")
struct TranslitCommandTests {
    @Test("the acceptance examples", arguments: [
        (["--scheme", "ar-Latn-buckwalter", "--text", "مُحَمَّد"], "muHam~ad\n"),
        (["--scheme", "ar-Latn-alalc", "--text", "مُحَمَّد"], "muḥammad\n"),
        (["--scheme", "ar-Latn-alalc", "--text", "القاهِرَة"], "al-qāhirah\n"),
        (["--scheme", "ar-Latn-buckwalter", "--reverse", "--text", "muHam~ad"], "مُحَمَّد\n"),
    ])
    func examples(arguments: [String], expected: String) throws {
        let r = try CLI.run(["translit"] + arguments)
        #expect(r.status == 0)
        #expect(r.stdout == expected)
    }

    @Test("standard input keeps line structure; Latin, digits and controls as promised")
    func lines() throws {
        let r = try CLI.run(["translit", "--scheme", "ar-Latn-ascii"], input: "بوتين Putin 12\n\u{200F}موسكو\n")
        #expect(r.stdout == "butin Putin 12\nmusku\n")
    }

    @Test("an unknown scheme exits 64 listing the valid ids")
    func unknownScheme() throws {
        let r = try CLI.run(["translit", "--scheme", "ar-Latn-klingon", "--text", "x"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("ar-Latn-alalc"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test("schemes lists all eight")
    func schemes() throws {
        let r = try CLI.run(["schemes"])
        #expect(r.status == 0)
        #expect(r.stdout.split(separator: "\n").count == 9)
        for id in ["ar-Latn-buckwalter", "ar-Latn-buckwalter-xml", "ar-Latn-alalc", "ar-Latn-din31635",
                   "ar-Latn-iso233-2", "ar-Latn-bgn", "ar-Latn-ascii", "icu"] {
            #expect(r.stdout.contains(id + " "))
        }
    }
}

@Suite("tarjuman lookup and kb")
struct LookupCommandTests {
    @Test("plain lookup: one line per match, or no match")
    func plain() throws {
        let r = try CLI.run(["lookup", "وبوتين", "Witkoff", "Qwxzvq"])
        #expect(r.status == 0)
        #expect(r.stdout == """
            وبوتين\tVladimir Putin\tفلاديمير بوتين\tperson\tpartial
            Witkoff\tSteve Witkoff\tويتكوف\tperson\tpartial
            Qwxzvq\tno match

            """)
    }

    @Test("an unknown Arabic name gets the shipped model's spellings, ranked")
    func model() throws {
        let r = try CLI.run(["lookup", "--json", "كوفالينكو"])
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let matches = try #require((object["results"] as? [[String: Any]])?.first?["matches"] as? [[String: Any]])
        #expect(matches.count == 5)
        #expect(matches.allSatisfy { $0["how"] as? String == "model" })
        #expect(matches.first?["latin"] as? String == "Kovalenko")
        let scores = matches.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
    }

    @Test("a name the curated pairs spell comes first among the model's spellings, as they spell it", arguments: [
        ("بلان", "Blanc"), ("أرسطو", "Aristotle"), ("تشاكا", "Xhaka"),
    ])
    func taught(word: String, english: String) throws {
        let r = try CLI.run(["lookup", "--json", word])
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let matches = try #require((object["results"] as? [[String: Any]])?.first?["matches"] as? [[String: Any]])
        let model = matches.filter { $0["how"] as? String == "model" }
        #expect(model.first?["latin"] as? String == english)
    }

    @Test("JSON lookup has the documented shape")
    func json() throws {
        let r = try CLI.run(["lookup", "--json", "--style", "ap", "زيلينسكي", "الأوكراني"])
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.map { $0["query"] as? String } == ["زيلينسكي", "الأوكراني"])
        let first = try #require((results[0]["matches"] as? [[String: Any]])?.first)
        #expect(first["latin"] as? String == "Volodymyr Zelenskyy")
        #expect(first["how"] as? String == "partial")
        for key in ["id", "arabic", "latin", "type", "how", "score"] { #expect(first[key] != nil) }
        let adjective = try #require((results[1]["matches"] as? [[String: Any]])?.first)
        #expect(adjective["how"] as? String == "adjective")
        #expect((adjective["place"] as? [String: Any])?["latin"] as? String == "Ukraine")
    }

    @Test("an unknown style is a usage error")
    func badStyle() throws {
        let r = try CLI.run(["lookup", "--style", "nyt", "بوتين"])
        #expect(r.status == 64)
    }

    @Test("--kb adds a user file")
    func userFile() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("NameMatchingTests/Fixtures/overlay.tsv").path
        let r = try CLI.run(["lookup", "--kb", path, "كوفالينكو"])
        #expect(r.stdout.hasPrefix("كوفالينكو\tPavlo Kovalenko\t"))
    }

    @Test("kb check passes on the bundled data and fails on a broken file")
    func check() throws {
        let ok = try CLI.run(["kb", "check"])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("0 errors"))
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("NameMatchingTests/Fixtures/broken.tsv").path
        let bad = try CLI.run(["kb", "check", path])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("\(path):3: error: duplicate id"))
    }

    @Test("kb stats counts by type")
    func stats() throws {
        let r = try CLI.run(["kb", "stats"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("by type"))
        #expect(r.stdout.contains("person\t"))
    }
}

@Suite("tarjuman check and variants")
struct CheckCommandTests {
    @Test("a misspelling gives a compiler-style warning and exit 1")
    func warning() throws {
        let r = try CLI.run(["check"], input: "قال المبعوث ويتكوف.\nوصل ويكتوف إلى موسكو.\n")
        #expect(r.status == 1)
        #expect(r.stdout == "<stdin>:2:5: warning: 'ويكتوف' looks like a misspelling of 'ويتكوف' (Steve Witkoff): ت and ك swapped\n")
    }

    @Test("clean text exits 0 with no output")
    func clean() throws {
        let r = try CLI.run(["check"], input: "قال الرئيس الروسي فلاديمير بوتين في موسكو إن المحادثات مفيدة.\n")
        #expect(r.status == 0)
        #expect(r.stdout.isEmpty)
    }

    @Test("JSON findings have the documented fields")
    func json() throws {
        let r = try CLI.run(["check", "--json"], input: "دعت كييف واشطن إلى زيادة الضغط.\n")
        #expect(r.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let finding = try #require((object["findings"] as? [[String: Any]])?.first)
        #expect(finding["text"] as? String == "واشطن")
        #expect(finding["suggestion"] as? String == "واشنطن")
        #expect(finding["latin"] as? String == "Washington")
        for key in ["file", "line", "column", "reason", "score"] { #expect(finding[key] != nil) }
    }

    @Test("bad input exits 2")
    func badInput() throws {
        let r = try CLI.run(["check"], stdin: Data([0xD8, 0x41, 0x0A]))
        #expect(r.status == 2)
        #expect(r.stderr.contains("invalid UTF-8"))
    }

    @Test("variants shows an accepted spelling and the nearest names")
    func variants() throws {
        let r = try CLI.run(["variants", "زيلنسكي"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("زيلنسكي: an accepted variant of Volodymyr Zelensky"))
    }

    @Test("lookup falls back to the variant index")
    func lookupVariant() throws {
        let r = try CLI.run(["lookup", "--json", "ويكتوف"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let match = try #require(((object["results"] as? [[String: Any]])?.first?["matches"] as? [[String: Any]])?.first)
        #expect(match["latin"] as? String == "Steve Witkoff")
        #expect(match["how"] as? String == "variant")
    }
}

@Suite("tarjuman build")
struct BuildCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("GlossaryTests/Fixtures/articles").path
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples").path

    func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tarjuman-build-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("standard input to TSV: two columns, Arabic then English")
    func stdinTSV() throws {
        let r = try CLI.run(["build"], input: "قال الرئيس الروسي فلاديمير بوتين في موسكو.\n")
        #expect(r.status == 0)
        // All seen once: in Arabic alphabetical order.
        #expect(r.stdout == "روسي\tRussian\nفلاديمير بوتين\tVladimir Putin\nموسكو\tMoscow\n")
    }

    @Test("each format is chosen by the extension of -o, and parses", arguments: ["tsv", "csv", "json", "tbx", "md", "utf8"])
    func formats(ext: String) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("g.\(ext)").path
        let r = try CLI.run(["build", Self.examples, "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        switch ext {
        case "tsv": #expect(text.split(separator: "\n").allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 2 })
        case "csv": #expect(text.hasPrefix("ar,en,type,status,count,variants,context\r\n"))
        case "json": #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any])
        case "tbx": #expect(text.contains("<tbx type=\"TBX-Basic\""))
        case "md": #expect(text.contains("| Arabic | English |"))
        default: #expect(text.split(separator: "\n").allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 3 })
        }
        // Nothing but the output is left in the folder (no temporary file).
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["g.\(ext)"])
    }

    @Test("a file with bad UTF-8 among several is reported and skipped; --strict makes it an error")
    func badFileAmongSeveral() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("وصل بوتين إلى موسكو.\n".utf8).write(to: dir.appendingPathComponent("a.txt"))
        try Data(Array("سطر\nكييف ".utf8) + [0xFF, 0x0A]).write(to: dir.appendingPathComponent("b.txt"))
        let r = try CLI.run(["build", dir.path])
        #expect(r.status == 0)
        #expect(r.stderr.contains("b.txt:2:6: invalid UTF-8"))
        #expect(r.stderr.contains("(file skipped)"))
        #expect(r.stdout.contains("Vladimir Putin"))
        #expect(!r.stdout.contains("Kyiv"))
        let strict = try CLI.run(["build", "--strict", dir.path])
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("b.txt:2:6"))
    }

    @Test("a missing input exits 65 and leaves an existing output as it was")
    func missingInput() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("g.tsv").path
        try "old glossary\n".write(toFile: out, atomically: true, encoding: .utf8)
        let r = try CLI.run(["build", "/nonexistent/articles", "-o", out])
        #expect(r.status == 65)
        #expect(r.stderr.contains("/nonexistent/articles: cannot read"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "old glossary\n")
    }

    @Test("an unwritable output exits 73 before any work")
    func unwritable() throws {
        let r = try CLI.run(["build", Self.fixtures, "-o", "/nonexistent/folder/g.tsv"])
        #expect(r.status == 73)
        #expect(r.stderr.contains("/nonexistent/folder/g.tsv"))
    }

    @Test("empty input gives an empty glossary and exit 0")
    func empty() throws {
        let r = try CLI.run(["build", "--format", "json"], input: "")
        #expect(r.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect((object?["entries"] as? [Any])?.isEmpty == true)
    }

    @Test("an unknown output extension without --format is a usage error")
    func unknownExtension() throws {
        let r = try CLI.run(["build", Self.fixtures, "-o", "glossary.xyz"])
        #expect(r.status == 64)
    }

    @Test("the same output with --jobs 1 and --jobs 2")
    func jobs() throws {
        let one = try CLI.run(["build", "--format", "json", "--jobs", "1", Self.examples, Self.fixtures])
        let two = try CLI.run(["build", "--format", "json", "--jobs", "2", Self.examples, Self.fixtures])
        #expect(one.status == 0 && two.status == 0)
        #expect(one.stdout == two.stdout)
    }

    @Test("filters", arguments: [
        (["--known-only"], "**review**", "| known |"),
        (["--type", "place"], "| person |", "| place |"),
        (["--min-count", "3"], " | 1 | ", " | 3 | "),
    ])
    func filters(arguments: [String], absent: String, present: String) throws {
        let r = try CLI.run(["build", "--format", "md", Self.examples] + arguments)
        #expect(r.status == 0)
        #expect(!r.stdout.contains(absent))
        #expect(r.stdout.contains(present))
    }

    @Test("sorting by English gives alphabetical order")
    func sortEnglish() throws {
        let r = try CLI.run(["build", "--sort", "english", Self.fixtures])
        let english = r.stdout.split(separator: "\n").map { $0.split(separator: "\t")[1].lowercased() }
        #expect(english == english.sorted())
    }
}
