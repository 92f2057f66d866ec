import Testing
@testable import ICUBridge

@Suite("ICU bridge")
struct ICUBridgeTests {
    @Test("reports the linked ICU version")
    func version() {
        let parts = ICU.version.split(separator: ".")
        #expect(parts.count >= 2)
        #expect(Int(parts[0]).map { $0 >= 60 } == true)
    }

    @Test("opens ICU's transliterators by id", arguments: [
        ("Arabic-Latin", "بوتين", "bwtyn"),
        ("Any-Latin; Latin-ASCII", "موسكو", "mwskw"),
        ("Latin-ASCII", "Zelenskyy Kyiv Café", "Zelenskyy Kyiv Cafe"),
    ])
    func byID(id: String, input: String, expected: String) throws {
        #expect(try Transliterator(id: id).transliterate(input) == expected)
    }

    @Test("an unknown id is an error naming it")
    func unknownID() {
        #expect(throws: ICUError.unknownTransliterator(id: "Arabic-Klingon", code: "U_INVALID_ID")) {
            try Transliterator(id: "Arabic-Klingon")
        }
    }

    @Test("compiles custom rules in both directions")
    func customRules() throws {
        let rules = "ب <> b;\nو <> w;\nت <> t;\nي <> y;\nن <> n;"
        #expect(try Transliterator(id: "test", rules: rules).transliterate("بوتين") == "bwtyn")
        #expect(try Transliterator(id: "test", rules: rules, reverse: true).transliterate("bwtyn") == "بوتين")
    }

    @Test("a rule syntax error gives its line and column")
    func ruleError() {
        let rules = "ب > b;\nو > w;\n# a comment\nت > t;\nي >> y;\n"
        #expect {
            try Transliterator(id: "broken", rules: rules)
        } throws: { error in
            guard case let .ruleSyntax(id, _, line, offset) = error as? ICUError else { return false }
            return id == "broken" && line == 5 && offset == 1
        }
    }

    @Test("a clone transliterates like the original, on another thread")
    func cloneOnAnotherThread() async throws {
        let original = try Transliterator(id: "Arabic-Latin")
        let words = ["بوتين", "موسكو", "كييف", "ترامب"]
        let expected = words.map(original.transliterate)
        let results = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<4 {
                let copy = try original.clone()
                nonisolated(unsafe) let owned = copy
                group.addTask { words.map(owned.transliterate) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 4)
        #expect(results.allSatisfy { $0 == expected })
    }

    @Test("NFC and NFKC", arguments: [
        (UnicodeNormalizer.nfc, "ا\u{0653}", "آ"),
        (UnicodeNormalizer.nfkc, "ﻻ", "لا"),
        (UnicodeNormalizer.nfd, "آ", "ا\u{0653}"),
        (UnicodeNormalizer.nfkd, "ﻷ", "لا\u{0654}"),
    ])
    func normalization(normalizer: UnicodeNormalizer, input: String, expected: String) {
        #expect(normalizer.normalize(input) == expected)
    }

    @Test("the quick-check table knows marks and presentation forms")
    func quickCheck() {
        let table = UnicodeNormalizer.nfkc.quickCheckTable()
        #expect(table[0x0628] == 0x0100)  // ب: class 0, yes
        #expect(table[0xFEFB] >> 8 == 0)  // ﻻ: no
        #expect(table[0x0653] >> 8 == 2)  // madda: maybe
        #expect(table[0x064E] & 0xFF == 30)  // fatha: class 30
    }

    @Test("word breaks with rule status")
    func wordBreaks() throws {
        let segments = try WordBreakIterator().segments(of: "قال بوتين 12")
        #expect(segments.map(\.range) == [0..<6, 6..<7, 7..<17, 17..<18, 18..<20])
        #expect(segments.map(\.status) == [.letter, .none, .letter, .none, .number])
    }

    @Test("Arabic collation orders names and agrees with sort keys")
    func collation() throws {
        let ar = try Collator(locale: "ar")
        let names = ["موسكو", "أوديسا", "بوتين", "زيلينسكي", "كييف", "ترامب"]
        let sorted = names.sorted { ar.compare($0, $1) < 0 }
        #expect(sorted == ["أوديسا", "بوتين", "ترامب", "زيلينسكي", "كييف", "موسكو"])
        let byKey = names.sorted { ar.sortKey($0).lexicographicallyPrecedes(ar.sortKey($1)) }
        #expect(byKey == sorted)
        #expect(ar.compare("بوتين", "بوتين") == 0)
    }

    @Test("region names from CLDR", arguments: [("UA", "en", "Ukraine"), ("UA", "ar", "أوكرانيا"), ("RU", "ar", "روسيا")])
    func regionNames(region: String, locale: String, expected: String) {
        #expect(ICU.regionName(region, in: locale) == expected)
    }
}
