import Foundation
import Testing
@testable import Glossary
@testable import GlossaryFormats
import NameMatching

enum Paths {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let articles = here.appendingPathComponent("Fixtures/articles")
    static let golden = here.appendingPathComponent("Golden")
    static var xmllint: String? {
        ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }
    static let schema = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/schemas/tbx/TBXcoreStructV03.rng")
}

enum Shared {
    static let kb = try! NameKnowledgeBase.load(environment: [:])
    /// The glossary of the fixture articles, with their folder written as FIXTURES.
    static let glossary: GlossaryResult = {
        let builder = try! GlossaryBuilder(knowledgeBase: kb)
        return try! builder.build(inputs: [Paths.articles.path]).sorted(by: .count)
    }()

    static func render(_ format: GlossaryFormat, _ g: GlossaryResult = glossary) -> String {
        format.render(g).replacingOccurrences(of: Paths.articles.path, with: "FIXTURES")
    }
}

@Suite("Glossary builder")
struct GlossaryBuilderTests {
    static let extensions: [(GlossaryFormat, String)] = [
        (.tsv, "tsv"), (.csv, "csv"), (.json, "json"), (.tbx, "tbx"), (.md, "md"), (.omegat, "utf8"),
    ]

    @Test("every format matches its golden file (TARJUMAN_RECORD_GOLDEN=1 records them anew)", arguments: extensions)
    func golden(format: GlossaryFormat, ext: String) throws {
        let rendered = Shared.render(format)
        let file = Paths.golden.appendingPathComponent("glossary.\(ext)")
        if ProcessInfo.processInfo.environment["TARJUMAN_RECORD_GOLDEN"] != nil {
            try rendered.write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(rendered == expected, "glossary.\(ext) differs from its golden file")
    }

    @Test("the names of the fixture articles are found and resolved")
    func resolved() throws {
        let byArabic = Dictionary(uniqueKeysWithValues: Shared.glossary.entries.map { ($0.arabic, $0) })
        let expected: [(String, String, String)] = [
            ("ماركو روبيو", "Marco Rubio", "person"), ("فولوديمير زيلينسكي", "Volodymyr Zelensky", "person"),
            ("دميتري بيسكوف", "Dmitry Peskov", "person"), ("فلاديمير بوتين", "Vladimir Putin", "person"),
            ("كييف", "Kyiv", "place"), ("الكرملين", "Kremlin", "organization"), ("سومي", "Sumy", "place"),
            ("أنطونيو غوتيريش", "Antonio Guterres", "person"), ("رجب طيب أردوغان", "Recep Tayyip Erdogan", "person"),
            ("أنقرة", "Ankara", "place"), ("أوكراني", "Ukrainian", "adjective"),
        ]
        for (arabic, latin, type) in expected {
            let entry = try #require(byArabic[arabic], "no entry for \(arabic)")
            #expect(entry.latin == latin)
            #expect(entry.type == type)
            #expect(entry.status == .known)
        }
    }

    @Test("surnames are merged into the person, and accepted spellings kept as forms")
    func merged() throws {
        let peskov = try #require(Shared.glossary.entries.first { $0.latin == "Dmitry Peskov" })
        #expect(peskov.count == 2)
        #expect(peskov.forms.contains("بيسكوف"))
        let zelensky = try #require(Shared.glossary.entries.first { $0.latin == "Volodymyr Zelensky" })
        #expect(zelensky.forms.contains("زيلنسكي"))
        #expect(zelensky.misspellings.isEmpty)
    }

    @Test("a misspelling is listed with its position")
    func misspelling() throws {
        let witkoff = try #require(Shared.glossary.entries.first { $0.latin == "Steve Witkoff" })
        let m = try #require(witkoff.misspellings.first)
        #expect(m.form == "ويكتوف")
        #expect(m.position.line == 11)
        #expect(m.position.file.hasSuffix("kyiv-visit.txt"))
    }

    @Test("an unknown name after a title becomes a candidate with a readable English form")
    func candidate() throws {
        let candidate = try #require(Shared.glossary.entries.first { $0.status == .candidate })
        #expect(candidate.arabic == "أوليكسي كاتشورين")
        #expect(candidate.latin.hasPrefix("Oleksiy "))
        #expect(candidate.latin.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(candidate.latin.lowercased().contains(where: { "aeiou".contains($0) }))
    }

    @Test("HTML loses its tags, scripts and styles, and decodes entities; JSON Lines reads the text field")
    func htmlAndJSONLines() throws {
        let reader = ArticleReader()
        let html = try #require(try reader.articles(of: Paths.articles.appendingPathComponent("gaza-brief.html").path).first)
        #expect(html.text.contains("القاهرة & الدوحة"))
        #expect(html.text.contains("«دون توقف»"))
        #expect(!html.text.contains("<p>"))
        #expect(!html.text.contains("var x"))
        #expect(!html.text.contains("color"))
        #expect(!html.text.contains("تعليق"))
        let lines = try reader.articles(of: Paths.articles.appendingPathComponent("wires.jsonl").path)
        #expect(lines.count == 2)
        #expect(lines[1].firstLine == 2)
        #expect(lines[1].source.hasSuffix("wires.jsonl:2"))
    }

    @Test("a JSON Lines record without the field is an error naming its line")
    func jsonLinesMissingField() throws {
        #expect {
            try ArticleReader(jsonField: "title").articles(of: Paths.articles.appendingPathComponent("wires.jsonl").path)
        } throws: { "\($0)".hasSuffix("wires.jsonl:1:1: no text field 'title'") }
    }

    @Test("the same input gives the same glossary with one job or two")
    func jobs() throws {
        let builder = try GlossaryBuilder(knowledgeBase: Shared.kb)
        let inputs = [Paths.articles.path, Paths.here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Examples").path]
        let one = try builder.build(inputs: inputs, options: .init(jobs: 1)).sorted(by: .count)
        let two = try builder.build(inputs: inputs, options: .init(jobs: 2)).sorted(by: .count)
        #expect(GlossaryFormat.json.render(one) == GlossaryFormat.json.render(two))
    }

    @Test("the TBX output is valid TBX v3 (RELAX NG, xmllint)", .enabled(if: Paths.xmllint != nil && FileManager.default.fileExists(atPath: Paths.schema.path)))
    func tbxValid() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tarjuman-\(UUID().uuidString).tbx")
        try GlossaryFormat.tbx.render(Shared.glossary).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Paths.xmllint!)
        process.arguments = ["--noout", "--relaxng", Paths.schema.path, file.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(message)")
    }

    @Test("TBX marks preferred, admitted and deprecated terms")
    func tbxStatuses() {
        let tbx = GlossaryFormat.tbx.render(Shared.glossary)
        #expect(tbx.contains("<term>ستيف ويتكوف</term>\n") && tbx.contains("preferredTerm-admn-sts"))
        #expect(tbx.contains("<term>ويكتوف</term>\n            <termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote>"))
        #expect(tbx.contains("<term>زيلنسكي</term>\n            <termNote type=\"administrativeStatus\">admittedTerm-admn-sts</termNote>"))
        #expect(tbx.contains("<descrip type=\"context\">"))
    }
}

@Suite("Glossary formats")
struct GlossaryFormatTests {
    static func entry(_ arabic: String, _ latin: String, context: String = "") -> GlossaryEntry {
        GlossaryEntry(id: "test." + String(latin.unicodeScalars.filter { $0.isASCII && $0.properties.isAlphabetic }),
                      arabic: arabic, latin: latin, type: "person", status: .known, confidence: 1, count: 1,
                      documents: ["a.txt"], forms: [arabic], misspellings: [],
                      contexts: context.isEmpty ? [] : [MentionContext(snippet: context, position: InputPosition(file: "a.txt", line: 1, column: 1))],
                      knowledgeBaseID: nil, wikidata: nil, linkedPlace: nil, latinVariants: [])
    }

    @Test("CSV neutralises cells that a spreadsheet would run as formulas", arguments: [
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"), ("\rx", "\"'\rx\""), ("Putin", "Putin"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
    ])
    func formulaInjection(input: String, expected: String) {
        #expect(CSVFormat.cell(input) == expected)
    }

    @Test("CSV has the documented header and parses back")
    func csvShape() {
        let g = GlossaryResult(entries: [Self.entry("بوتين", "Vladimir Putin", context: "قال، \"بوتين\"\nثم")],
                               statistics: GlossaryStatistics(), sources: ["a.txt"])
        let csv = GlossaryFormat.csv.render(g)
        #expect(csv.hasPrefix("ar,en,type,status,count,variants,context\r\n"))
        #expect(csv.contains("\"قال، \"\"بوتين\"\"\nثم\""))
    }

    @Test("TSV has exactly two columns and no tab or line break inside a cell")
    func tsvShape() {
        let g = GlossaryResult(entries: [Self.entry("بو\tتين", "Vladimir\nPutin"), Self.entry("موسكو", "Moscow")],
                               statistics: GlossaryStatistics(), sources: [])
        let lines = GlossaryFormat.tsv.render(g).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 2 })
    }

    @Test("the format follows the output's extension", arguments: [
        ("g.tsv", GlossaryFormat.tsv), ("g.CSV", .csv), ("g.json", .json), ("g.tbx", .tbx), ("g.md", .md), ("g.utf8", .omegat),
    ])
    func byExtension(name: String, format: GlossaryFormat) {
        #expect(GlossaryFormat(fileExtension: (name as NSString).pathExtension) == format)
    }

    @Test("an empty glossary is still a valid document in every format", arguments: GlossaryFormat.allCases)
    func empty(format: GlossaryFormat) throws {
        let text = format.render(GlossaryResult(entries: [], statistics: GlossaryStatistics(), sources: []))
        if format == .json {
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            #expect((object?["entries"] as? [Any])?.isEmpty == true)
        }
        if format == .tsv { #expect(text.isEmpty) }
    }
}
