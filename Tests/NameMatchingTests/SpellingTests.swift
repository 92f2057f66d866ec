import Foundation
import Testing
@testable import NameMatching

struct DistanceCase: CustomTestStringConvertible, Sendable {
    let word: String
    let name: String
    let distance: Double
    let reasons: [String]
    var testDescription: String { "\(word) → \(name)" }
}

let distanceCases: [DistanceCase] = [
    .init(word: "ويكتوف", name: "ويتكوف", distance: 0.5, reasons: ["ت and ك swapped"]),
    .init(word: "واشطن", name: "واشنطن", distance: 1.0, reasons: ["ن dropped"]),
    .init(word: "زيلنسكي", name: "زيلينسكي", distance: 0.3, reasons: ["ي dropped"]),
    .init(word: "زيلينسكيي", name: "زيلينسكي", distance: 0.4, reasons: ["ي doubled"]),
    .init(word: "طرامب", name: "ترامب", distance: 0.4, reasons: ["ط for ت"]),
    .init(word: "بوسكوف", name: "بيسكوف", distance: 0.4, reasons: ["و for ي"]),
    .init(word: "ديمتري", name: "دميتري", distance: 0.5, reasons: ["م and ي swapped"]),
    .init(word: "قييف", name: "كييف", distance: 0.4, reasons: ["ق for ك"]),
    .init(word: "بوتين", name: "بوتين", distance: 0, reasons: []),
    .init(word: "موسكو", name: "مسكو", distance: 0.3, reasons: ["و added"]),
    .init(word: "لندن", name: "باريس", distance: 4.3, reasons: ["ل for ب", "ا dropped", "ن for ر", "د for ي", "ن for س"]),
]

@Suite("Spelling variants")
struct SpellingTests {
    @Test("weighted distances and their reasons", arguments: distanceCases)
    func distance(_ c: DistanceCase) {
        let result = NameDistance.compare(c.word, c.name)
        #expect(result.distance == c.distance)
        #expect(result.reasons == c.reasons)
    }

    static let index = VariantIndex(Bundled.kb)

    @Test("the variant index finds the intended name", arguments: [
        ("ويكتوف", "ويتكوف"), ("واشطن", "واشنطن"), ("زابوريجا", "زابوريجيا"), ("بيسكوب", "بيسكوف"),
        ("اوديسسا", "اوديسا"), ("شمهال", "شميهال"),
    ])
    func nearest(word: String, intended: String) {
        #expect(Self.index.nearest(word).first?.word == intended)
    }

    @Test("three-letter words match only exactly")
    func shortWords() {
        #expect(Self.index.nearest("تاث").isEmpty)
        #expect(Self.index.isKnownWord("تاس"))
    }

    @Test("an accepted variant is a known word, not a misspelling")
    func acceptedVariant() {
        #expect(Self.index.isKnownWord("زيلنسكي"))
        #expect(Self.index.entries(ofWord: "زيلنسكي").first?.english == "Volodymyr Zelensky")
    }

    static var checker: MisspellingChecker { try! MisspellingChecker(variants: index) }

    @Test("a rare misspelling is flagged with its clitics kept")
    func flagsWithClitics() throws {
        let findings = Self.checker.check("وصل ويتكوف إلى موسكو، ودعا وواشطن إلى الحوار.")
        #expect(findings.map(\.text) == ["وواشطن"])
        #expect(findings.first?.suggestion == "وواشنطن")
        #expect(findings.first?.column == 28)
    }

    @Test("ordinary words near a name are never flagged", .enabled(if: ArabicDictionary.system != nil))
    func ordinaryWords() {
        // تراب (dust) is one letter from ترامب; كيف and مسكن are ordinary too.
        #expect(Self.checker.check("غطى التراب الطريق. كيف حالك؟ قال ترامب إن المسكن جديد.").isEmpty)
    }

    @Test("a form frequent in the text is an accepted variant, not an error")
    func frequentForm() {
        let text = "قال ويكتوف. ثم قال ويكتوف. وأضاف ويكتوف. والتقى ويتكوف."
        #expect(Self.checker.check(text).isEmpty)
    }

    @Test("the example articles are clean")
    func examplesClean() throws {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples")
        for name in try FileManager.default.contentsOfDirectory(atPath: examples.path) where name.hasSuffix(".txt") {
            let text = try String(contentsOf: examples.appendingPathComponent(name), encoding: .utf8)
            let findings = Self.checker.check(text, file: name)
            #expect(findings.isEmpty, "\(findings.map(\.message))")
        }
    }

    @Test("the seed article has exactly its two misspellings", .enabled(if: Gold.articleAvailable))
    func seedArticle() throws {
        let findings = Self.checker.check(try String(contentsOfFile: Gold.article, encoding: .utf8))
        #expect(findings.map(\.text) == ["واشطن", "ويكتوف"])
        #expect(findings.map(\.suggestion) == ["واشنطن", "ويتكوف"])
        #expect(findings.map(\.entry.english) == ["Washington", "Steve Witkoff"])
        #expect(findings.map { "\($0.line):\($0.column)" } == ["6:178", "18:16"])
    }

    @Test("lookup falls back to the closest spelling")
    func lookupVariant() throws {
        let top = try #require(Bundled.kb.lookup("ويكتوف", variants: Self.index).first)
        #expect(top.how == .variant)
        #expect(top.latin == "Steve Witkoff")
        #expect(top.reasons == ["ت and ك swapped"])
    }
}
