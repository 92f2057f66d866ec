import Foundation
import Testing
@testable import NameMatching

@Suite("Back-transliteration model")
struct ModelTests {
    /// A small, made-up but regular training set: Slavic surnames in -ov and -enko.
    static let pairs: [NamePair] = [
        ("بافلوف", "pavlov"), ("إيفانوف", "ivanov"), ("سميرنوف", "smirnov"), ("بوبوف", "popov"), ("كوزلوف", "kozlov"),
        ("سوكولوف", "sokolov"), ("موروزوف", "morozov"), ("فولكوف", "volkov"), ("ليبيديف", "lebedev"), ("سيمينوف", "semenov"),
        ("شيفتشينكو", "shevchenko"), ("بوندارينكو", "bondarenko"), ("تكاتشينكو", "tkachenko"), ("كوفالينكو", "kovalenko"),
        ("بيترينكو", "petrenko"), ("ليسينكو", "lysenko"), ("مارتشينكو", "marchenko"), ("سافتشينكو", "savchenko"),
    ].map { NamePair(arabic: $0.0, english: $0.1) }

    static let model = BackTransliterationModel.train(pairs)

    @Test("learns the spellings it was taught", arguments: ["بافلوف", "شيفتشينكو", "سوكولوف"])
    func taught(word: String) throws {
        let expected = Self.pairs.first { $0.arabic == word }!.english
        #expect(Self.model.candidates(for: word).first?.text == expected)
    }

    @Test("generalises the endings to a new name")
    func newName() {
        let top = Self.model.candidates(for: "كوزلينكو", limit: 5).map(\.text)
        #expect(top.contains { $0.hasSuffix("enko") })
    }

    @Test("ranks candidates with probabilities that sum to at most one")
    func probabilities() {
        let c = Self.model.candidates(for: "بوبوف", limit: 5)
        #expect(!c.isEmpty && c.count <= 5)
        #expect(c.map(\.probability) == c.map(\.probability).sorted(by: >))
        #expect(c.reduce(0) { $0 + $1.probability } <= 1.0001)
    }

    @Test("a model written and read back proposes the same")
    func roundTrip() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tarjuman-\(UUID().uuidString).model")
        defer { try? FileManager.default.removeItem(at: url) }
        try Self.model.write(to: url)
        let read = try BackTransliterationModel(contentsOf: url)
        for word in ["بافلوف", "كوزلينكو", "ليبيديف"] {
            #expect(read.candidates(for: word).map(\.text) == Self.model.candidates(for: word).map(\.text))
        }
    }

    @Test("a pair file with a bad line names it")
    func badPairs() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tarjuman-\(UUID().uuidString).tsv")
        defer { try? FileManager.default.removeItem(at: url) }
        try "بافلوف\tpavlov\nnot a pair\n".write(to: url, atomically: true, encoding: .utf8)
        #expect { try BackTransliterationModel.readPairs(url.path) } throws: { "\($0)".hasSuffix(":2: expected arabic<TAB>english[<TAB>count]") }
    }

    @Test("the shipped model proposes readable names, capitalized, with given names from the knowledge base")
    func shipped() throws {
        let proposer = try NameProposer.load(knowledgeBase: Bundled.kb)
        #expect(proposer.propose("كوفالينكو").first?.text == "Kovalenko")
        #expect(proposer.propose("سيرغي ماتفييتشوك").first?.text.hasPrefix("Sergei Mat") == true)
        #expect(NameProposer.capitalized("al-sharaa") == "al-Sharaa")
        #expect(NameProposer.capitalized("abdel-rahman") == "Abdel-Rahman")
    }
}
