import Foundation
import Testing
@testable import ArabicText

struct AnalysisCase: CustomTestStringConvertible, Sendable {
    let word: String
    let readings: [String]
    var testDescription: String { word }
}

/// Words of Arabic news and their readings; the first five occur in the seed article
/// (../shared/corpus/seed-article.txt).
let analysisCases: [AnalysisCase] = [
    .init(word: "لروسيا", readings: ["لروسيا", "ل+روسيا"]),
    .init(word: "والمبعوث", readings: ["والمبعوث", "و+المبعوث", "و+ال+مبعوث"]),
    .init(word: "الاوكراني", readings: ["الاوكراني", "ال+اوكراني"]),
    .init(word: "لاوكرانيا", readings: ["لاوكرانيا", "ل+اوكرانيا"]),
    .init(word: "والولايات", readings: ["والولايات", "و+الولايات", "و+ال+ولايات"]),
    .init(word: "وبوتين", readings: ["وبوتين", "و+بوتين", "و+ب+وتين"]),
    .init(word: "لموسكو", readings: ["لموسكو", "ل+موسكو"]),
    .init(word: "بالكرملين", readings: ["بالكرملين", "ب+الكرملين", "ب+ال+كرملين"]),
    .init(word: "وواشنطن", readings: ["وواشنطن", "و+واشنطن"]),
    .init(word: "للرييس", readings: ["للرييس", "ل+لرييس", "ل+ال+رييس"]),
    .init(word: "فبالكرملين", readings: ["فبالكرملين", "ف+بالكرملين", "ف+ب+الكرملين", "ف+ب+ال+كرملين"]),
    .init(word: "وللامم", readings: ["وللامم", "و+للامم", "و+ل+لامم", "و+ل+ال+امم"]),
    .init(word: "كييف", readings: ["كييف", "ك+ييف"]),
    .init(word: "سيستغرق", readings: ["سيستغرق", "س+يستغرق"]),
    .init(word: "وب", readings: ["وب"]),
    .init(word: "تاس", readings: ["تاس"]),
]

@Suite("Tokenizer")
struct TokenizerTests {
    @Test("clitic readings", arguments: analysisCases)
    func readings(_ c: AnalysisCase) {
        #expect(CliticAnalysis.candidates(of: c.word).map(\.description) == c.readings)
    }

    @Test("a reading with the article gives the listed form")
    func stemWithArticle() {
        let readings = CliticAnalysis.candidates(of: "بالكرملين")
        #expect(readings.map(\.stemWithArticle) == ["بالكرملين", "الكرملين", "الكرملين"])
        #expect(readings.map(\.hasArticle) == [false, false, true])
    }

    @Test("tokens carry kind, script and position")
    func tokensOfASentence() throws {
        let tokens = try Tokenizer().tokens(in: "قال بوتين،\nوبوتين Putin 12 ٣")
        #expect(tokens.map(\.surface) == ["قال", "بوتين", "،", "وبوتين", "Putin", "12", "٣"])
        #expect(tokens.map(\.kind) == [.word, .word, .punctuation, .word, .word, .number, .number])
        #expect(tokens.map(\.script) == [.arabic, .arabic, .common, .arabic, .latin, .common, .common])
        #expect(tokens.map { "\($0.line):\($0.column)" } == ["1:1", "1:5", "1:10", "2:1", "2:8", "2:14", "2:17"])
        #expect(tokens[3].byteOffset == "قال بوتين،\n".utf8.count)
    }

    @Test("a word with marks, tatweel and a bidi control stays one token, normalized")
    func marksStayInside() throws {
        let tokens = try Tokenizer().tokens(in: "وَبـوتيـن\u{200F} قال")
        #expect(tokens.count == 2)
        #expect(tokens[0].surface == "وَبـوتيـن\u{200F}")
        #expect(tokens[0].normalized == "وبوتين")
        #expect(tokens[0].analyses.map(\.description) == ["وبوتين", "و+بوتين", "و+ب+وتين"])
    }

    @Test("mixed and other scripts are told apart")
    func scripts() throws {
        let tokens = try Tokenizer().tokens(in: "Путин بوتينX")
        #expect(tokens.map(\.script) == [.other, .mixed])
    }

    @Test("the seed article's words tokenize with readings", .enabled(if: SharedCorpus.available))
    func seedArticle() throws {
        let text = try String(contentsOfFile: SharedCorpus.article, encoding: .utf8)
        let tokens = try Tokenizer().tokens(in: text)
        let normalized = Set(tokens.map(\.normalized))
        let missing = analysisCases.prefix(5).map(\.word).filter { !normalized.contains($0) }
        #expect(missing.isEmpty, "not in the seed article: \(missing)")
        // Every token's surface is the text at its position.
        let bytes = Array(text.utf8)
        for token in tokens {
            let slice = bytes[token.byteOffset..<(token.byteOffset + token.surface.utf8.count)]
            #expect(String(decoding: slice, as: UTF8.self) == token.surface)
        }
    }
}

enum SharedCorpus {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpus")
    static let article = root.appendingPathComponent("seed-article.txt").path
    static var available: Bool {
        let ok = FileManager.default.fileExists(atPath: article)
        if !ok { print("skipping: ../shared/corpus/seed-article.txt is absent") }
        return ok
    }
}
