import Foundation
import Testing
@testable import NameMatching

struct LookupCase: CustomTestStringConvertible, Sendable {
    let query: String
    let latin: String
    let arabic: String
    let how: MatchKind
    var style: String? = nil
    var testDescription: String { "\(query) → \(latin) (\(how.rawValue))" }
}

let lookupCases: [LookupCase] = [
    // Arabic to English
    .init(query: "فلاديمير بوتين", latin: "Vladimir Putin", arabic: "فلاديمير بوتين", how: .exact),
    .init(query: "بوتين", latin: "Vladimir Putin", arabic: "فلاديمير بوتين", how: .partial),
    .init(query: "وبوتين", latin: "Vladimir Putin", arabic: "فلاديمير بوتين", how: .partial),
    .init(query: "لموسكو", latin: "Moscow", arabic: "موسكو", how: .clitic),
    .init(query: "بالكرملين", latin: "Kremlin", arabic: "الكرملين", how: .clitic),
    .init(query: "الكرملين", latin: "Kremlin", arabic: "الكرملين", how: .exact),
    .init(query: "وواشنطن", latin: "Washington", arabic: "واشنطن", how: .clitic),
    .init(query: "الأوكراني", latin: "Ukrainian", arabic: "أوكراني", how: .adjective),
    .init(query: "الروسية", latin: "Russian", arabic: "روسي", how: .adjective),
    .init(query: "للعراق", latin: "Iraq", arabic: "العراق", how: .clitic),
    .init(query: "والولايات المتحدة", latin: "United States", arabic: "الولايات المتحدة", how: .clitic),
    .init(query: "ويتكوف", latin: "Steve Witkoff", arabic: "ستيف ويتكوف", how: .partial),
    .init(query: "زيلنسكي", latin: "Volodymyr Zelensky", arabic: "فولوديمير زيلينسكي", how: .partial),
    .init(query: "زَيلِينسكي", latin: "Volodymyr Zelensky", arabic: "فولوديمير زيلينسكي", how: .partial),
    .init(query: "زيلينسكي", latin: "Volodymyr Zelenskyy", arabic: "فولوديمير زيلينسكي", how: .partial, style: "ap"),
    .init(query: "زيلينسكي", latin: "Volodymyr Zelenskiy", arabic: "فولوديمير زيلينسكي", how: .partial, style: "reuters"),
    .init(query: "كييف", latin: "Kyiv", arabic: "كييف", how: .exact),
    // English to Arabic
    .init(query: "Witkoff", latin: "Steve Witkoff", arabic: "ويتكوف", how: .partial),
    .init(query: "witkoff", latin: "Steve Witkoff", arabic: "ويتكوف", how: .partial),
    .init(query: "Kiev", latin: "Kyiv", arabic: "كييف", how: .exact),
    .init(query: "Volodymyr Zelenskyy", latin: "Volodymyr Zelensky", arabic: "فولوديمير زيلينسكي", how: .exact),
    .init(query: "VLADIMIR PUTIN", latin: "Vladimir Putin", arabic: "فلاديمير بوتين", how: .exact),
    .init(query: "Recep Tayyip Erdoğan", latin: "Recep Tayyip Erdogan", arabic: "رجب طيب أردوغان", how: .exact),
    .init(query: "the Kremlin", latin: "Kremlin", arabic: "الكرملين", how: .exact),
]

enum Bundled {
    static let kb: NameKnowledgeBase = try! NameKnowledgeBase.load(environment: [:])
}

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

@Suite("Name lookup")
struct NameLookupTests {
    @Test("lookups", arguments: lookupCases)
    func lookup(_ c: LookupCase) throws {
        let top = try #require(Bundled.kb.lookup(c.query, style: c.style).first)
        #expect(top.latin == c.latin)
        #expect(top.arabic == c.arabic)
        #expect(top.how == c.how)
    }

    @Test("an adjective links to its place")
    func adjectiveLinks() throws {
        let top = try #require(Bundled.kb.lookup("الأوكرانية").first)
        #expect(top.place?.english == "Ukraine")
    }

    @Test("a shared surname gives every person, most prominent first, marked ambiguous")
    func ambiguousSurname() {
        let matches = Bundled.kb.lookup("ترامب")
        #expect(matches.count >= 2)
        #expect(matches.first?.latin == "Donald Trump")
        #expect(matches.allSatisfy { $0.ambiguous })
        #expect(matches.map(\.score) == matches.map(\.score).sorted(by: >))
    }

    @Test("an unknown name has no match", arguments: ["ققققق", "Qwxzv", "   "])
    func unknown(query: String) {
        #expect(Bundled.kb.lookup(query).isEmpty)
    }

    @Test("multi-word names are found longest first through the token trie")
    func trie() {
        let kb = Bundled.kb
        #expect(kb.multiwordState("دونالد") == (true, false))
        #expect(kb.multiwordState("دونالد ترامب") == (false, true))
        #expect(kb.multiwordState("الولايات") == (true, false))
    }

    @Test("every seed-article entity resolves to its canonical or an accepted form", .enabled(if: Gold.available))
    func gold() throws {
        for row in try Gold.rows() {
            let top = Bundled.kb.lookup(row.surface).first
            let accepted = Set(([row.latin] + row.also).map { $0.lowercased() })
            #expect(top.map { accepted.contains($0.latin.lowercased()) } == true, "\(row.surface): got \(top?.latin ?? "nothing")")
        }
    }
}

@Suite("Knowledge base loading and checking")
struct KnowledgeBaseTests {
    @Test("the bundled knowledge base has the promised coverage")
    func coverage() {
        let counts = Dictionary(grouping: Bundled.kb.entries, by: \.type).mapValues(\.count)
        #expect(counts[.person, default: 0] >= 600)
        #expect(counts[.organization, default: 0] >= 200)
        let places = Bundled.kb.entries.filter { $0.type == .place }
        #expect(places.filter { $0.subtype == "country" }.count >= 193)
        #expect(places.filter { $0.subtype == "capital" }.count >= 185)
        #expect(places.filter { !["country", "capital", "territory", "observer-state"].contains($0.subtype) }.count >= 400)
    }

    @Test("the bundled Glossaries pass kb check")
    func bundledPass() throws {
        let files = Bundled.kb.files.map { URL(fileURLWithPath: $0) }
        let errors = try KnowledgeBaseCheck.run(files: files).filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.prefix(5).map(\.description))")
    }

    @Test("kb check finds each kind of problem, with file and line")
    func brokenFile() throws {
        let issues = try KnowledgeBaseCheck.run(files: [fixtures.appendingPathComponent("broken.tsv")],
                                                context: Bundled.kb.entries)
        let errors = issues.filter { $0.severity == .error }.map { "\($0.location.line): \($0.message)" }
        let expected = [
            "3: duplicate id 'person.test-one' (first at line 2)",
            "4: 12 columns, expected 13",
            "5: unknown type 'wizard'",
            "6: invisible character U+200F",
            "7: text is not in NFC",
            "8: link 'place.testovia' names no entry",
            "9: Arabic form 'كييف' is 'Kiyv' here but 'Kyiv'",
        ]
        for prefix in expected {
            #expect(errors.contains { $0.hasPrefix(prefix) }, "missing: \(prefix)\nin \(errors)")
        }
        #expect(issues.allSatisfy { $0.location.file.hasSuffix("broken.tsv") })
    }

    @Test("a user file adds names and overrides bundled ones by id")
    func overlay() throws {
        let kb = try NameKnowledgeBase.load(paths: [fixtures.appendingPathComponent("overlay.tsv").path], environment: [:])
        #expect(kb.lookup("كوفالينكو").first?.latin == "Pavlo Kovalenko")
        #expect(kb.lookup("كييف").first?.latin == "Kiev City")
        #expect(kb.entries.count == Bundled.kb.entries.count + 1)
    }

    @Test("TARJUMAN_KB adds files too")
    func environment() throws {
        let kb = try NameKnowledgeBase.load(environment: ["TARJUMAN_KB": fixtures.appendingPathComponent("overlay.tsv").path])
        #expect(kb.lookup("بافلو كوفالينكو").first?.how == .exact)
    }

    @Test("a missing user file is an error naming it")
    func missing() {
        #expect(throws: KnowledgeBaseError.self) {
            try NameKnowledgeBase.load(paths: ["/nonexistent/names.tsv"], environment: [:])
        }
    }

    @Test("English folding ignores case, accents and punctuation", arguments: [
        ("Recep Tayyip Erdoğan", "recep tayyip erdogan"), ("Ahmed al-Sharaa", "ahmed al sharaa"),
        ("O'Brien", "obrien"), ("  Zelenskyy ", "zelenskyy"), ("Jean-Noël Barrot", "jean noel barrot"), ("Łukasz", "lukasz"),
    ])
    func folding(input: String, expected: String) {
        #expect(EnglishFolding.fold(input) == expected)
    }
}

/// The seed article and its gold entities in ../shared/corpus; tests skip with a message without them.
enum Gold {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus")
    static let path = corpus.appendingPathComponent("seed-article.gold.tsv").path
    static let article = corpus.appendingPathComponent("seed-article.txt").path

    static func present(_ file: String) -> Bool {
        let ok = FileManager.default.fileExists(atPath: file)
        if !ok { print("skipping: ../shared/corpus/\((file as NSString).lastPathComponent) is absent") }
        return ok
    }
    static var available: Bool { present(path) }
    static var articleAvailable: Bool { present(article) }

    static func rows() throws -> [(surface: String, latin: String, also: [String])] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") { return nil }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return (cells[0], cells[1], cells.count > 3 ? cells[3].split(separator: "|").map(String.init) : [])
        }
    }
}
