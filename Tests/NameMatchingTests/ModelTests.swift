import Foundation
import Testing
import GlossaryData
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
        try withModelFile(Self.model) { url in
            let read = try BackTransliterationModel(contentsOf: url)
            for word in ["بافلوف", "كوزلينكو", "ليبيديف"] {
                #expect(read.candidates(for: word).map(\.text) == Self.model.candidates(for: word).map(\.text))
            }
        }
    }

    @Test("a known name outranks spellings no one uses")
    func knownNames() throws {
        // The search and the bonus alone (the letter model, which learns the known names too,
        // judges no whole spellings here).
        let plain = Self.model.with(.init(lexicon: 0, length: 0, spelling: 0))
        let ranked = plain.candidates(for: "كوزلينكو", limit: 5).map(\.text)
        try #require(ranked.count >= 2)
        let runnerUp = ranked[1]
        let knowing = BackTransliterationModel.train(Self.pairs, knownNames: [runnerUp.capitalized])
        #expect(knowing.with(.init(lexicon: 0, length: 0, spelling: 0)).candidates(for: "كوزلينكو").first?.text == ranked[0])
        #expect(knowing.with(.init(lexicon: 20, length: 0, spelling: 0)).candidates(for: "كوزلينكو").first?.text == runnerUp)
    }

    @Test("a model file of another format is refused, naming the file")
    func otherFormat() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tarjuman-\(UUID().uuidString).model")
        defer { try? FileManager.default.removeItem(at: url) }
        try "#tarjuman-back-transliteration-model\t1\nalphabet\tabc\n".write(to: url, atomically: true, encoding: .utf8)
        #expect { try BackTransliterationModel(contentsOf: url) } throws: {
            "\($0)".contains(url.path) && "\($0)".contains("format 2")
        }
    }

    @Test("a model file written before the ranking weights, the temperature and origins reads without them, and proposes as before")
    func withoutLength() throws {
        let plain = Self.model.with(.init(length: 0, spelling: 0, temperature: 1))
        try withModelFile(Self.model.with(.init(length: 1.5)), edited: { lines in
            let at = try #require(lines.firstIndex { $0.hasPrefix("weights\t") })
            let fields = lines[at].split(separator: "\t")
            #expect(fields.count == 9 && fields[5] == "1.5")
            // The weights line as it was: its name and four values.
            lines[at] = fields.prefix(5).joined(separator: "\t")
        }) { url, _ in
            let read = try BackTransliterationModel(contentsOf: url)
            #expect(read.weights.length == 0 && read.weights.spelling == 0 && read.weights.temperature == 1 && read.weights.origin == 0)
            for word in ["بافلوف", "كوزلينكو"] {
                #expect(read.candidates(for: word).map(\.text) == plain.candidates(for: word).map(\.text))
            }
        }
    }

    // Words the pairs do not teach (a taught spelling comes first whatever the bonus).
    @Test("the length bonus favours the longer of two spellings, and only reranks", arguments: ["كوزلينكو", "بيتروف", "سيدوروف"])
    func lengthBonus(word: String) throws {
        let plain = Self.model.with(.init(length: 0)).candidates(for: word, limit: 1000).map(\.text)
        let long = Self.model.with(.init(length: 20)).candidates(for: word, limit: 1000).map(\.text)
        try #require(plain.count >= 2)
        // The same spellings, the longest first.
        #expect(Set(long) == Set(plain))
        #expect(long.first?.count == plain.map(\.count).max())
    }

    @Test("tuning picks the spelling the ranking puts first, whatever the weights", arguments: ["كوزلينكو", "ليبيديف", "بوبوف", "شيفتشينكو"])
    func tuningPick(word: String) throws {
        for weights in [BackTransliterationModel.Weights(), .init(lexicon: 0, length: 2, spelling: 0.6), .init(lexicon: 20, length: -1)] {
            let model = Self.model.with(weights)
            let spellings = model.scoredSpellings(for: word)
            try #require(!spellings.isEmpty)
            #expect(model.best(spellings, weights: weights) == model.ranked(spellings, weights: weights).first?.codes)
        }
    }

    @Test("the temperature makes the first candidate's probability match how often it is right", arguments: [
        // how far below the first the others score, per name; whether the first was right; the
        // temperatures allowed
        ([[Float(20), 30], [20, 30], [20, 30], [20, 30]], [true, true, true, false], Float(10)...Float(16)),  // sure, right 3 in 4
        ([[Float(0.5), 1], [0.5, 1], [0.5, 1], [0.5, 1]], [true, false, false, false], Float(16)...Float(16)),  // as flat as can be
        ([[Float(0.1)], [0.1], [0.1], [0.1]], [true, true, true, true], Float(1)...Float(1)),  // unsure, always right: sharpest
    ])
    func temperature(below: [[Float]], right: [Bool], allowed: ClosedRange<Float>) {
        let t = BackTransliterationModel.temperature(for: zip(below, right).map { (below: [0] + $0.0, right: $0.1) })
        #expect(allowed.contains(t), "\(t)")
    }

    @Test("a damaged model file is refused, naming the line")
    func damaged() throws {
        try withModelFile(Self.model, edited: { lines in
            let table = try #require(lines.firstIndex { $0.hasPrefix("Jh\t") })
            lines[table] = lines[table].replacingOccurrences(of: ":", with: "=")
            return table
        }) { url, table in
            #expect { try BackTransliterationModel(contentsOf: url) } throws: { "\($0)".contains("\(url.path):\(table + 1): ") }
        }
    }

    @Test("a pair file with a bad line names it")
    func badPairs() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tarjuman-\(UUID().uuidString).tsv")
        defer { try? FileManager.default.removeItem(at: url) }
        try "بافلوف\tpavlov\nnot a pair\n".write(to: url, atomically: true, encoding: .utf8)
        #expect { try BackTransliterationModel.readPairs(url.path) } throws: { "\($0)".hasSuffix(":2: expected arabic<TAB>english[<TAB>count]") }
    }

    /// The shipped model, read once for the tests that look inside it.
    static let shippedModel: BackTransliterationModel? = GlossaryData.directory.flatMap {
        try? BackTransliterationModel(contentsOf: $0.appendingPathComponent("model/names.model"))
    }

    @Test("the chunks tried for a letter follow the letters after it", arguments: [
        // word, the letter's place, the chunk likeliest there
        ("بوتين", 2, "t"),        // ت before a vowel letter
        ("فيتش", 2, ""),          // ت before ش: the ch or tch is written by the ش
        ("بيتشي", 2, ""),
        ("زيلينسكي", 7, "i"),     // a final ي
        ("كوفالينكو", 2, "v"),    // ف as v before ا
        ("يوسف", 3, "v"),         // and as v at the end (-ov, -ev)
        ("غولدبرغ", 0, "g"),
    ])
    func chunksFollowContext(word: String, at place: Int, chunk: String) throws {
        let model = try #require(Self.shippedModel)
        let a = model.codes(word)
        let options = model.chunkOptions(a, at: place)
        let spelled = options.map { String(model.graphoneEnglish[Int($0.id)].map { model.englishLetters[Int($0)] }) }
        #expect(spelled.first == chunk, "\(word) at \(place): \(spelled)")
        #expect(options.count <= BackTransliterationModel.maxOptions)
        #expect(options.map(\.logp) == options.map(\.logp).sorted(by: >))
    }

    @Test("a spelling stands as a name only if it begins and ends with a letter and its hyphens follow a word", arguments: [
        ("al-zawahiri", true),
        ("el-sisi", true),
        ("o'brien", true),
        ("d'alema", true),
        ("abu-bakr", true),
        ("-zawahiri", false),     // ا silent and ل as a hyphen
        ("l-zawahiri", false),    // a lone l- is no article
        ("zawahiri-", false),
        ("'ali", false),
        ("al--sharaa", false),
        ("al-'sharaa", false),
    ])
    func wellFormed(spelling: String, expected: Bool) throws {
        let model = try #require(Self.shippedModel)
        let codes = try #require(BackTransliterationModel.coded(spelling, model.englishCodes))
        #expect(model.isWellFormed(codes) == expected)
    }

    @Test("no candidate of the shipped model is a stray piece of the article", arguments: ["الظواهري", "الأحمر", "البرغوثي"])
    func noStrayArticle(word: String) throws {
        let model = try #require(Self.shippedModel)
        let candidates = model.candidates(for: word, limit: 10)
        #expect(!candidates.isEmpty)
        for candidate in candidates {
            #expect(candidate.text.first?.isLetter == true && candidate.text.last?.isLetter == true, "\(word): \(candidate.text)")
            #expect(!candidate.text.hasPrefix("l-"), "\(word): \(candidate.text)")
        }
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

@Suite("Spellings the pairs teach")
struct TaughtSpellingTests {
    /// The Slavic pairs, and a few more: one Arabic spelling taught twice (Mendy three times,
    /// Mendi once).
    static let pairs = ModelTests.pairs + [
        NamePair(arabic: "بلان", english: "Blanc"), NamePair(arabic: "تشاكا", english: "Xhaka"),
        NamePair(arabic: "ميندي", english: "Mendy", count: 3), NamePair(arabic: "ميندي", english: "Mendi"),
    ]
    static let model = BackTransliterationModel.train(pairs)

    /// Words whose press spelling name-pairs.tsv gives and the search alone does not put first
    /// (it says Plan, Chaka, Aristou, Bakiao): the taught spellings come first, keeping the
    /// order the model gives them (Elliott, Elliot, Eliot: name-pairs.tsv has all three).
    @Test("a word the pairs spell comes first as they spell it, well ahead of the search's guesses", arguments: [
        ("بلان", ["blanc"]),
        ("تشاكا", ["xhaka"]),
        ("أرسطو", ["aristotle"]),
        ("باكياو", ["pacquiao"]),
        ("إليوت", ["elliott", "elliot", "eliot"]),
    ])
    func first(word: String, spellings: [String]) throws {
        let model = try #require(ModelTests.shippedModel)
        let candidates = model.candidates(for: word, limit: spellings.count + 1)
        try #require(candidates.count == spellings.count + 1)
        #expect(Array(candidates.prefix(spellings.count).map(\.text)) == spellings)
        // The best taught spelling four times as likely as the search's best, at least.
        #expect(candidates[0].probability >= 3.99 * candidates[spellings.count].probability)
        if spellings.count == 1 {
            #expect(model.withoutTaught().candidates(for: word, limit: 1).first?.text != spellings[0])
        }
    }

    @Test("a taught spelling is the word's, not a neighbour's", arguments: [
        ("بلان", true), ("بلانك", false), ("بلا", false), ("ميند", false), ("تشاك", false), ("كوزلينكو", false),
    ])
    func onlyThatWord(word: String, taught: Bool) {
        #expect(Self.model.scoredSpellings(for: word).contains { $0.taught } == taught)
    }

    @Test("the taught spellings survive writing and reading the model")
    func roundTrip() throws {
        try withModelFile(Self.model) { url in
            let read = try BackTransliterationModel(contentsOf: url)
            for word in ["بلان", "تشاكا", "ميندي", "كوزلينكو"] {
                #expect(read.candidates(for: word).map(\.text) == Self.model.candidates(for: word).map(\.text))
            }
        }
    }

    @Test("a format 3 model, which has none, reads and proposes what the search finds")
    func formatThree() throws {
        try withModelFile(Self.model, edited: { lines in
            #expect(lines[0] == "#tarjuman-back-transliteration-model\t4")
            lines[0] = "#tarjuman-back-transliteration-model\t3"
            lines.removeAll { $0.hasPrefix("t\t") }
        }) { url, _ in
            let read = try BackTransliterationModel(contentsOf: url)
            for word in ["بلان", "تشاكا", "ميندي", "كوزلينكو"] {
                #expect(!read.scoredSpellings(for: word).contains { $0.taught })
                #expect(read.candidates(for: word).map(\.text) == Self.model.withoutTaught().candidates(for: word).map(\.text))
            }
        }
    }

    @Test("a damaged taught line is refused, naming the line", arguments: ["t\tبلان", "t\tبلان\tbl@nc", "t\t\tblanc"])
    func damaged(line: String) throws {
        try withModelFile(Self.model, edited: { lines in
            let at = try #require(lines.firstIndex { $0.hasPrefix("t\t") })
            lines[at] = line
            return at
        }) { url, at in
            #expect { try BackTransliterationModel(contentsOf: url) } throws: { "\($0)".contains("\(url.path):\(at + 1)") }
        }
    }
}

@Suite("The model's name pairs")
struct NamePairsFileTests {
    @Test("every row of name-pairs.tsv is an Arabic name unit, its English spelling, an origin and a note, once, in order")
    func wellFormed() throws {
        let url = try #require(GlossaryData.directory).appendingPathComponent("name-pairs.tsv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(lines.count > 15_000)
        var seen = Set<String>()
        var previous = ("", "")
        for (index, line) in lines.enumerated() {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let place = "name-pairs.tsv:\(index + 2)"
            guard cells.count == 4 else {
                Issue.record("\(place): \(cells.count) columns")
                continue
            }
            // Arabic letters (a compound with single spaces); English ASCII letters, ' - and spaces.
            let arabicLetters = cells[0].unicodeScalars.allSatisfy { (0x0621...0x064A).contains($0.value) || (0x0671...0x06D3).contains($0.value) || $0 == " " }
            #expect(arabicLetters && !cells[0].hasPrefix(" ") && !cells[0].hasSuffix(" ") && !cells[0].contains("  "), "\(place): \(cells[0])")
            #expect(cells[1].first?.isLetter == true && cells[1].allSatisfy { $0.isASCII && ($0.isLetter || $0 == "'" || $0 == "-" || $0 == " ") }, "\(place): \(cells[1])")
            #expect(!cells[2].isEmpty && cells[2].allSatisfy { $0.isLowercase }, "\(place): origin \(cells[2])")
            #expect(seen.insert(cells[0] + "\t" + cells[1].lowercased() + "\t" + cells[2]).inserted, "\(place): \(cells[0]) \(cells[1]) twice")
            let key = (cells[2], cells[1].lowercased())
            #expect(previous <= key, "\(place): out of order")
            previous = key
        }
    }
}

@Suite("The model's known names")
struct KnownNamesFileTests {
    @Test("known-names.tsv holds one-word names, once, in order, none of them already a name pair")
    func wellFormed() throws {
        let directory = try #require(GlossaryData.directory)
        let pairs = try String(contentsOf: directory.appendingPathComponent("name-pairs.tsv"), encoding: .utf8)
        let paired = Set(pairs.split(separator: "\n").compactMap { $0.split(separator: "\t").dropFirst().first?.lowercased() })
        let lines = try String(contentsOf: directory.appendingPathComponent("known-names.tsv"), encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "#english\torigin\tkind")
        var seen = Set<String>()
        var previous = ("", "")
        for (index, line) in lines.dropFirst().enumerated() {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let place = "known-names.tsv:\(index + 2)"
            guard cells.count == 3 else {
                Issue.record("\(place): \(cells.count) columns")
                continue
            }
            #expect(cells[0].first?.isUppercase == true && cells[0].allSatisfy { $0.isASCII && ($0.isLetter || $0 == "'" || $0 == "-") }, "\(place): \(cells[0])")
            #expect(["surname", "given"].contains(cells[2]), "\(place): kind \(cells[2])")
            #expect(seen.insert(cells[0].lowercased()).inserted, "\(place): \(cells[0]) twice")
            #expect(!paired.contains(cells[0].lowercased()), "\(place): \(cells[0]) is already a name pair")
            let key = (cells[1], cells[0].lowercased())
            #expect(previous <= key, "\(place): out of order")
            previous = key
        }
    }
}

@Suite("The surnames kept out of the model")
struct HeldOutSurnamesTests {
    /// Benchmarks/Surnames: the surnames issue 7's check tries the shipped model on.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Benchmarks/Surnames")

    @Test("no test surname is in any Glossaries file")
    func keptOut() throws {
        let directory = try #require(GlossaryData.directory)
        var words = Set<String>()
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasSuffix(".tsv") {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            for word in text.split(whereSeparator: { $0 == "\t" || $0 == "\n" || $0 == " " || $0 == "-" }) {
                words.insert(word.lowercased())
            }
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".tsv") }
        #expect(files.count == 4)
        for file in files + ["drawn/drawn-100.tsv"] {
            let pairs = try BackTransliterationModel.readPairs(Self.folder.appendingPathComponent(file).path)
            #expect(pairs.count == (file.hasPrefix("drawn/") ? 100 : 10), "\(file)")
            // The English only: an Arabic spelling may also write a known name (كولن is Colin,
            // and Kolen), which is part of what the check tries.
            for pair in pairs {
                let known = words.contains(pair.english.lowercased())
                #expect(!known, "\(file): \(pair.english) is in Glossaries/")
            }
        }
    }

    @Test("no surname of a person in the news that the check tries is in the knowledge base", arguments: [
        ("press-kb-1.tsv", 10), ("press-pool.tsv", 132),
    ])
    func pressKeptOut(file: String, count: Int) throws {
        let directory = try #require(GlossaryData.directory)
        var words = Set<String>()
        let manifest = try String(contentsOf: directory.appendingPathComponent("manifest.tsv"), encoding: .utf8)
        for line in manifest.split(separator: "\n") where !line.hasPrefix("#") {
            let name = String(line.split(separator: "\t")[0])
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            for word in text.split(whereSeparator: { !$0.isLetter }) { words.insert(word.lowercased()) }
        }
        #expect(words.contains("putin") && words.contains("بوتين"))
        let pairs = try BackTransliterationModel.readPairs(Self.folder.appendingPathComponent("press/\(file)").path)
        #expect(pairs.count == count)
        for pair in pairs {
            #expect(!words.contains(pair.english.lowercased()), "\(file): \(pair.english) is in the knowledge base")
            let arabic = pair.arabic.split(whereSeparator: { !$0.isLetter }).map(String.init)
            #expect(!arabic.contains { words.contains($0) }, "\(file): \(pair.arabic) is in the knowledge base")
        }
    }
}
