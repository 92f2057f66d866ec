import Foundation
import Testing
@testable import NameMatching

@Suite("N-gram model and its tables")
struct NGramModelTests {
    /// Letter sequences of real names (a-z as 2...27, start 0, end 1).
    static let words = ["pavlov", "petrov", "popov", "ivanov", "ivanova", "kovalenko", "kovalchuk", "shevchenko", "bondarenko",
                        "martinelli", "martini", "marini", "antonelli", "antonio", "bertrand", "bernard", "lambert", "lambertini"]
    static let sequences: [([Int32], Double)] = words.map { word in
        ([0] + word.unicodeScalars.map { Int32($0.value - 97 + 2) } + [1], 1)
    }

    @Test("probabilities after a history sum to one, seen or not", arguments: [1, 3, 5])
    func sumsToOne(order: Int) {
        let model = NGramModel.train(Self.sequences, order: order, vocabularySize: 28)
        let histories: [[Int32]] = [[0], [0, 17], [0, 17, 2], [17, 2, 13], [25, 25, 25], [14, 23, 2, 14]]  // ^ ^p ^pa ova zzz mvam
        for recent in histories {
            var history = NGramModel.History()
            for symbol in recent { history.push(symbol) }
            // Every symbol of the vocabulary, the start symbol too (the smoothing gives it a little).
            let total = (0..<28).reduce(0.0) { $0 + exp(Double(model.logProbability(of: Int32($1), after: history))) }
            #expect(abs(total - 1) < 1e-3, "history \(recent): \(total)")
        }
    }

    @Test("a longer history that was seen sharpens the estimate")
    func context() {
        let model = NGramModel.train(Self.sequences, order: 4, vocabularySize: 28)
        var ov = NGramModel.History()
        for symbol: Int32 in [16, 23] { ov.push(symbol) }  // "ov" → end of word is likely
        var start = NGramModel.History()
        start.push(0)
        #expect(model.logProbability(of: 1, after: ov) > model.logProbability(of: 1, after: start))
    }

    @Test("a history table finds every successor it holds, and nothing else")
    func historyTable() {
        var blocks: [HistoryTable.Block] = []
        for h in 1...50 {
            let successors: [(symbol: Int32, logp: Float)] = (0..<(h % 30)).map { (Int32($0 * 3), Float($0)) }
            blocks.append(HistoryTable.Block(history: UInt64(h) &* 0x9E37_79B9_7F4A_7C15, backoff: -Float(h), successors: successors))
        }
        let table = HistoryTable(blocks)
        for block in blocks {
            let slot = table.find(block.history)
            #expect(slot >= 0)
            #expect(table.backoff(slot) == block.backoff)
            for (symbol, logp) in block.successors {
                #expect(table.logProbability(slot, symbol) == logp)
                #expect(table.logProbability(slot, symbol + 1) == nil)
            }
        }
        #expect(table.find(12345) == -1)
        #expect(table.blocks.map { $0.history } == blocks.map { $0.history }.sorted())
    }

    @Test("the beam's cut is the k-th largest score, ties and all", arguments: [
        [Float(3)],
        [5, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5],
        [2, 2, 2, 2, 2],
        [-1.5, -0.25, -7, -0.25, -3, -12, -0.5],
        (0..<257).map { Float(($0 * 7919) % 263) / 10 },
    ])
    func selection(values: [Float]) {
        let sorted = values.sorted(by: >)
        for k in 1...values.count {
            #expect(BackTransliterationModel.largest(values, k) == sorted[k - 1], "k \(k) of \(values.count)")
        }
    }

    @Test("a float table finds every key it holds, and nothing else")
    func floatTable() {
        let entries = (1...1000).map { (mixHash(0x1234, UInt64($0)), Float($0) / 8) }
        let table = FloatTable(entries)
        #expect(table.count == entries.count)
        for (key, value) in entries { #expect(table[key] == value) }
        #expect((1001...1100).allSatisfy { table[mixHash(0x1234, UInt64($0))] == nil })
        #expect(table.sortedEntries.map(\.0) == entries.map(\.0).sorted())
    }
}
