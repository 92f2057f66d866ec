import Foundation
import Testing
@testable import Transliteration

/// One row of a conformance fixture: Tests/TransliterationTests/Fixtures/<scheme>[.reverse].tsv
struct FixtureRow: CustomTestStringConvertible, Sendable {
    let scheme: String
    let reverse: Bool
    let input: String
    let expected: String
    let comment: String
    let place: String
    var testDescription: String { "\(place) \(comment)" }
}

enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static let files: [URL] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".tsv") }.sorted().map { directory.appendingPathComponent($0) }
    }()

    static func scheme(of file: URL) -> (id: String, reverse: Bool) {
        let name = file.deletingPathExtension().lastPathComponent
        return name.hasSuffix(".reverse") ? (String(name.dropLast(8)), true) : (name, false)
    }

    static let rows: [FixtureRow] = files.flatMap { file -> [FixtureRow] in
        let (id, reverse) = scheme(of: file)
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            if line.isEmpty || line.hasPrefix("#") { return nil }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return FixtureRow(scheme: id, reverse: reverse, input: cells[0], expected: cells.count > 1 ? cells[1] : "",
                              comment: cells.count > 2 ? cells[2] : "", place: "\(file.lastPathComponent):\(index + 1)")
        }
    }
}

@Suite("Transliteration")
struct TransliterationTests {
    @Test("every scheme of the catalog has a fixture file of 30 rows or more")
    func fixtureCoverage() {
        let catalog = SchemeCatalog.bundled
        #expect(catalog.schemes.count == 8)
        for scheme in catalog.schemes {
            let rows = Fixtures.rows.filter { $0.scheme == scheme.id && !$0.reverse }
            #expect(rows.count >= 30, "\(scheme.id) has \(rows.count) fixture rows")
            if scheme.reversible {
                #expect(Fixtures.rows.contains { $0.scheme == scheme.id && $0.reverse }, "\(scheme.id) has no reverse fixtures")
            }
        }
        // And no fixture file names a scheme the catalog lacks.
        for file in Fixtures.files {
            #expect(catalog.ids.contains(Fixtures.scheme(of: file).id), "\(file.lastPathComponent) names no scheme")
        }
    }

    @Test("conformance fixtures", arguments: Fixtures.rows)
    func fixture(_ row: FixtureRow) throws {
        let t = try SchemeCatalog.bundled.transliterator(for: row.scheme, reverse: row.reverse)
        #expect(t.transliterate(row.input) == row.expected)
        // The word cache gives what ICU's rules give on the whole text.
        #expect(t.transliterate(row.input) == t.transliterateWithoutCache(row.input))
    }

    @Test("the acceptance examples")
    func acceptance() throws {
        let catalog = SchemeCatalog.bundled
        let bw = try catalog.transliterator(for: "ar-Latn-buckwalter")
        #expect(bw.transliterate("مُحَمَّد") == "muHam~ad")
        // Shadda typed before its vowel gives the same.
        #expect(bw.transliterate("م\u{0651}\u{064E}") == "m~a")
        let back = try catalog.transliterator(for: "ar-Latn-buckwalter", reverse: true)
        #expect(back.transliterate("muHam~ad") == "مُحَمَّد".precomposedStringWithCanonicalMapping)
        let alalc = try catalog.transliterator(for: "ar-Latn-alalc")
        #expect(alalc.transliterate("مُحَمَّد") == "muḥammad")
        #expect(alalc.transliterate("القاهِرَة") == "al-qāhirah")
    }

    @Test("Buckwalter round trip is the identity on random strings", arguments: ["ar-Latn-buckwalter", "ar-Latn-buckwalter-xml"])
    func roundTripRandom(scheme: String) throws {
        let forward = try SchemeCatalog.bundled.transliterator(for: scheme)
        let backward = try SchemeCatalog.bundled.transliterator(for: scheme, reverse: true)
        let letters = Array("ءآأؤإئابةتثجحخدذرزسشصضطظعغـفقكلمنهوىي").map(String.init)
        let marks = ["\u{064B}", "\u{064C}", "\u{064D}", "\u{064E}", "\u{064F}", "\u{0650}", "\u{0651}", "\u{0652}", "\u{0670}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var word = ""
            for _ in 0..<Int.random(in: 1..<12, using: &generator) {
                word += letters.randomElement(using: &generator)!
                if Bool.random(using: &generator) { word += marks.randomElement(using: &generator)! }
            }
            let nfc = word.precomposedStringWithCanonicalMapping
            #expect(backward.transliterate(forward.transliterate(word)) == nfc, "\(word.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test("Buckwalter round trip on every word of the seed article", .enabled(if: SeedArticle.available))
    func roundTripSeed() throws {
        let forward = try SchemeCatalog.bundled.transliterator(for: "ar-Latn-buckwalter")
        let backward = try SchemeCatalog.bundled.transliterator(for: "ar-Latn-buckwalter", reverse: true)
        let text = try String(contentsOfFile: SeedArticle.path, encoding: .utf8)
        let words = Set(text.split(whereSeparator: { $0.isWhitespace }).map(String.init))
        for word in words {
            #expect(backward.transliterate(forward.transliterate(word)) == word.precomposedStringWithCanonicalMapping)
        }
    }

    @Test("the word cache agrees with ICU on whole lines of the seed article", .enabled(if: SeedArticle.available))
    func cacheAgreesOnArticle() throws {
        let text = try String(contentsOfFile: SeedArticle.path, encoding: .utf8)
        for scheme in SchemeCatalog.bundled.ids {
            let t = try SchemeCatalog.bundled.transliterator(for: scheme)
            for line in text.split(separator: "\n") {
                #expect(t.transliterate(String(line)) == t.transliterateWithoutCache(String(line)), "\(scheme): \(line)")
            }
        }
    }

    @Test("an unknown scheme lists the valid ones")
    func unknown() {
        #expect {
            try SchemeCatalog.bundled.transliterator(for: "ar-Latn-klingon")
        } throws: { error in
            guard case let .unknownScheme(id, valid) = error as? TransliterationError else { return false }
            return id == "ar-Latn-klingon" && valid.contains("ar-Latn-alalc")
        }
    }

    @Test("reverse is refused for a scheme that is not reversible")
    func notReversible() {
        #expect(throws: TransliterationError.self) {
            try SchemeCatalog.bundled.transliterator(for: "ar-Latn-alalc", reverse: true)
        }
    }

    @Test("a broken rule file is reported with its file, line and column")
    func brokenRules() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tarjuman-schemes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "#id\tname\tstandard\tdirections\treversible\tfile\tnotes\nx-test\tTest\tnone\tforward\tno\tx.txt\t\n"
            .write(to: dir.appendingPathComponent("manifest.tsv"), atomically: true, encoding: .utf8)
        try "ب > b;\n# comment\nت >> t;\n".write(to: dir.appendingPathComponent("x.txt"), atomically: true, encoding: .utf8)
        let catalog = try SchemeCatalog(directory: dir)
        #expect {
            try catalog.transliterator(for: "x-test")
        } throws: { error in
            "\(error)".hasSuffix("x.txt:3:1: scheme 'x-test': rules do not compile (U_UNQUOTED_SPECIAL)")
        }
    }

    @Test("a manifest row with missing columns names its line")
    func brokenManifest() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tarjuman-schemes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "#id\tname\n\nx-test\tTest\n".write(to: dir.appendingPathComponent("manifest.tsv"), atomically: true, encoding: .utf8)
        #expect(throws: TransliterationError.manifest(file: dir.appendingPathComponent("manifest.tsv").path, line: 3,
                                                      reason: "expected 7 tab-separated columns, found 2")) {
            try SchemeCatalog(directory: dir)
        }
    }
}

enum SeedArticle {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus/seed-article.txt").path
    static var available: Bool {
        let ok = FileManager.default.fileExists(atPath: path)
        if !ok { print("skipping: ../shared/corpus/seed-article.txt is absent") }
        return ok
    }
}
