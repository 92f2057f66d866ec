import Foundation
import Testing
@testable import NameMatching

@Suite("Origins of names")
struct OriginModelTests {
    /// German, Greek and Russian surnames as the Arabic press writes them, with their English.
    static let labelled: [(arabic: String, english: String, origin: String)] = [
        ("شتاينبرغ", "Steinberg", "german"), ("فايسمان", "Weissmann", "german"), ("كلاينر", "Kleiner", "german"),
        ("هوفمان", "Hoffmann", "german"), ("شميت", "Schmidt", "german"), ("فاغنر", "Wagner", "german"),
        ("بيكر", "Becker", "german"), ("شولتس", "Schulz", "german"), ("فيشر", "Fischer", "german"), ("فولف", "Wolf", "german"),
        ("باباذوبولوس", "Papadopoulos", "greek"), ("يورغيو", "Georgiou", "greek"), ("كونستانتينو", "Konstantinou", "greek"),
        ("ذيميتريو", "Dimitriou", "greek"), ("نيكولاو", "Nikolaou", "greek"), ("فاسيليو", "Vasiliou", "greek"),
        ("ماكريس", "Makris", "greek"), ("أنطونيو", "Antoniou", "greek"), ("بابادوبولو", "Papadopoulou", "greek"),
    ] + ModelTests.pairs.map { ($0.arabic, $0.english.capitalized, "russian") }

    static let origins = NameOrigins(arabic: labelled.map { ($0.arabic, $0.origin) }, english: labelled.map { ($0.english, $0.origin) })
    static let model = BackTransliterationModel.train(labelled.map { NamePair(arabic: $0.arabic, english: $0.english) })
        .with(origins: origins, minimumNames: 1)

    @Test("a word's likeliest origin is the one whose names it is spelt like", arguments: [
        ("فايسبرغ", "german"),  // Weissberg
        ("شتاينر", "german"),  // Steiner
        ("بابانيكولاو", "greek"),  // Papanikolaou
        ("كونستانتوبولوس", "greek"),  // Konstantopoulos
        ("كوزنيتسوف", "russian"),  // Kuznetsov
        ("بيتروفينكو", "russian"),  // Petrovenko
    ])
    func likeliest(word: String, origin: String) throws {
        let origins = try #require(Self.model.origins)
        let top = origins.likeliest(Self.model.codes(word))
        #expect(top.count == OriginModel.considered)
        #expect(top.first.map { origins.names[$0.origin] } == origin)
        // Probabilities among the likeliest, best first.
        #expect(abs(top.reduce(0) { $0 + exp(Double($1.logp)) } - 1) < 1e-4)
        #expect(top.map(\.logp) == top.map(\.logp).sorted(by: >))
    }

    @Test("a spelling the origin uses scores above one it does not", arguments: [
        ("فايسبرغ", "weissberg", "vaisberg"),
        ("بابانيكولاو", "papanikolaou", "papanikolau"),
        ("كوزنيتسوف", "kuznetsov", "kuznetsoff"),
    ])
    func spelling(word: String, better: String, worse: String) throws {
        let origins = try #require(Self.model.origins)
        let likeliest = origins.likeliest(Self.model.codes(word))
        func codes(_ s: String) -> [UInt8] { s.map { c in UInt8(Self.model.englishLetters.firstIndex(of: c)!) } }
        #expect(origins.logProbability(codes(better), origins: likeliest) > origins.logProbability(codes(worse), origins: likeliest))
    }

    @Test("an origin with too few names joins the others")
    func pooled() throws {
        let model = ModelTests.model.with(origins: Self.origins, minimumNames: 25)
        #expect(try #require(model.origins).names == ["other", "russian"])
        // Fewer than two scripts' worth of names: no origin model at all.
        #expect(ModelTests.model.with(origins: NameOrigins(arabic: [("بافلوف", "russian")])).origins == nil)
    }

    @Test("a model with origins written and read back proposes the same, with the same origins")
    func roundTrip() throws {
        try withModelFile(Self.model) { url in
            let read = try BackTransliterationModel(contentsOf: url)
            #expect(read.weights == Self.model.weights)
            #expect(read.origins?.names == Self.model.origins?.names)
            for word in ["فايسبرغ", "بابانيكولاو", "كوزنيتسوف"] {
                #expect(read.candidates(for: word).map(\.text) == Self.model.candidates(for: word).map(\.text))
                #expect(read.origins!.likeliest(read.codes(word)).map(\.origin) == Self.model.origins!.likeliest(Self.model.codes(word)).map(\.origin))
            }
        }
    }

    @Test("a damaged origin table is refused, naming the line", arguments: ["A0h\t", "E1h\t"])
    func damaged(tag: String) throws {
        try withModelFile(Self.model, edited: { lines in
            let table = try #require(lines.firstIndex { $0.hasPrefix(tag) })
            lines[table] = lines[table].replacingOccurrences(of: ":", with: "=")
            return table
        }) { url, table in
            #expect { try BackTransliterationModel(contentsOf: url) } throws: { "\($0)".contains("\(url.path):\(table + 1): ") }
        }
    }

    @Test("the names held out for tuning leave the origin data, in either script")
    func removing() {
        let left = Self.origins.removing(["steinberg", "باباذوبولوس"])
        #expect(!left.english.contains { $0.name == "Steinberg" } && left.english.contains { $0.name == "Papadopoulos" })
        #expect(!left.arabic.contains { $0.name == "باباذوبولوس" } && left.arabic.contains { $0.name == "شتاينبرغ" })
    }

    @Test("the shipped model's origins bring the spelling the name's origin uses to the first five", arguments: [
        ("كوفاليفسكي", "kowalewski"),  // Polish: w, not v
        ("ماتسوكاس", "matsoukas"),  // Greek: ou
        ("أوبرماير", "obermaier"),  // German: ai
    ])
    func shipped(word: String, english: String) throws {
        let model = try NameProposer.load(knowledgeBase: Bundled.kb).model
        try #require(model.origins != nil && model.weights.origin > 0)
        var without = model.weights
        without.origin = 0
        let rankWith = model.candidates(for: word, limit: 5).map(\.text).firstIndex(of: english)
        let rankWithout = model.with(without).candidates(for: word, limit: 5).map(\.text).firstIndex(of: english)
        #expect(rankWith != nil)
        #expect(rankWithout.map { rankWith! < $0 } ?? true)
    }
}
