import Foundation

/// A fixed table from 64-bit keys (already well mixed, never zero) to floats: open addressing
/// with linear probing, about twice as many slots as entries, in memory of its own (no
/// reference counting or bounds checks on the way), for the hundreds of thousands of lookups a
/// name takes in the search. Filled once, then only read.
final class FloatTable: @unchecked Sendable {
    /// A key and its value side by side (a lookup reads one cache line).
    private struct Cell {
        var key: UInt64 = 0
        var value: Float = 0
    }

    private let cells: UnsafeMutablePointer<Cell>
    private let shift: UInt64
    private let mask: Int
    private(set) var count = 0

    init(capacity: Int) {
        var bits: UInt64 = 4
        while (1 << bits) < capacity * 2 { bits += 1 }
        let size = 1 << Int(bits)
        cells = .allocate(capacity: size)
        cells.initialize(repeating: Cell(), count: size)
        shift = 64 - bits
        mask = size - 1
    }

    convenience init(_ entries: [(UInt64, Float)]) {
        self.init(capacity: entries.count)
        for (k, v) in entries { insert(k, v) }
    }

    deinit {
        cells.deallocate()
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    @inline(__always)
    subscript(key: UInt64) -> Float? {
        var i = slot(key)
        while true {
            let k = cells[i].key
            if k == key { return cells[i].value }
            if k == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    private func insert(_ key: UInt64, _ value: Float) {
        precondition(key != 0)
        var i = slot(key)
        while cells[i].key != 0 && cells[i].key != key { i = (i + 1) & mask }
        if cells[i].key == 0 {
            precondition(count < mask, "FloatTable is full")
            count += 1
        }
        cells[i] = Cell(key: key, value: value)
    }

    /// The entries, in key order (for writing a model the same way each time).
    var sortedEntries: [(UInt64, Float)] {
        (0...mask).filter { cells[$0].key != 0 }.map { (cells[$0].key, cells[$0].value) }.sorted { $0.0 < $1.0 }
    }
}

/// The histories of an n-gram model, each with its back-off weight and the symbols seen after
/// it (sorted, with their log probabilities) side by side in memory: finding a history costs
/// one probe, and then every symbol after it is read from the same few cache lines.
final class HistoryTable: @unchecked Sendable {
    struct Block {
        var history: UInt64
        var backoff: Float
        var successors: [(symbol: Int32, logp: Float)]
    }

    /// A slot of the hash table: its history's key and what it knows of it, side by side (a
    /// lookup reads one cache line).
    struct Slot {
        var key: UInt64 = 0
        var start: UInt32 = 0
        var count: UInt32 = 0
        var backoff: Float = 0
    }

    struct Entry {
        var symbol: Int32
        var logp: Float
    }

    private let slots: UnsafeMutablePointer<Slot>
    private let entries: UnsafeMutablePointer<Entry>
    private let shift: UInt64
    private let mask: Int

    /// Blocks in any order; the table keeps them in history order (for writing the same bytes).
    init(_ blocks: [Block]) {
        var bits: UInt64 = 4
        while (1 << bits) < blocks.count * 2 { bits += 1 }
        let size = 1 << Int(bits)
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Slot(), count: size)
        shift = 64 - bits
        mask = size - 1
        let total = blocks.reduce(0) { $0 + $1.successors.count }
        entries = .allocate(capacity: max(total, 1))
        var next = 0
        for block in blocks.sorted(by: { $0.history < $1.history }) {
            precondition(block.history != 0)
            var i = Int(truncatingIfNeeded: (block.history &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[i].key != 0 { i = (i + 1) & mask }
            slots[i] = Slot(key: block.history, start: UInt32(next), count: UInt32(block.successors.count), backoff: block.backoff)
            for (symbol, logp) in block.successors.sorted(by: { $0.symbol < $1.symbol }) {
                (entries + next).initialize(to: Entry(symbol: symbol, logp: logp))
                next += 1
            }
        }
    }

    deinit {
        slots.deallocate()
        entries.deallocate()
    }

    /// The slot of a history, or -1 if it was never seen.
    @inline(__always)
    func find(_ history: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: (history &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let k = slots[i].key
            if k == history { return i }
            if k == 0 { return -1 }
            i = (i + 1) & mask
        }
    }

    @inline(__always)
    func backoff(_ slot: Int) -> Float { slots[slot].backoff }

    /// log P(symbol | the history in this slot), if the symbol was seen after it.
    @inline(__always)
    func logProbability(_ slot: Int, _ symbol: Int32) -> Float? {
        let s = slots[slot]
        var low = Int(s.start), high = low + Int(s.count)
        while high - low > 8 {
            let mid = (low + high) / 2
            // The symbol, if there, stays in low..<high.
            if entries[mid].symbol < symbol { low = mid + 1 } else { high = mid + 1 }
        }
        while low < high {
            let e = entries[low]
            if e.symbol == symbol { return e.logp }
            if e.symbol > symbol { return nil }
            low += 1
        }
        return nil
    }

    /// The blocks, in history order.
    var blocks: [Block] {
        (0...mask).filter { slots[$0].key != 0 }.sorted { slots[$0].key < slots[$1].key }.map { i in
            let start = Int(slots[i].start)
            return Block(history: slots[i].key, backoff: slots[i].backoff,
                         successors: (start..<(start + Int(slots[i].count))).map { (entries[$0].symbol, entries[$0].logp) })
        }
    }
}

/// A 64-bit mix (SplitMix64's finalizer) of a running hash and one more value; never zero.
@inline(__always)
func mixHash(_ h: UInt64, _ x: UInt64) -> UInt64 {
    var z = h &+ (x &+ 1) &* 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return z == 0 ? 1 : z
}

/// An n-gram model over small integer symbols with interpolated modified Kneser-Ney smoothing
/// (Chen and Goodman's three discounts per order), stored as back-off tables keyed by hashes of
/// the histories: P(symbol | history) is read from the longest history seen with that symbol,
/// times the back-off weights of the longer histories that were seen without it.
///
/// Histories are hashed from the most recent symbol backwards, so the hashes of all the
/// suffixes of a history come out of one pass (`historyHashes`).
struct NGramModel: Sendable {
    let order: Int
    let vocabularySize: Int
    let table: HistoryTable
    /// log P(symbol) after the empty history, by symbol.
    let unigrams: [Float]

    static let emptyHistory: UInt64 = 0x2545_F491_4F6C_DD1D

    @inline(__always)
    static func extend(_ history: UInt64, _ symbol: Int32) -> UInt64 { mixHash(history, UInt64(UInt32(bitPattern: symbol))) }

    @inline(__always)
    static func key(_ history: UInt64, _ symbol: Int32) -> UInt64 {
        mixHash(history ^ 0x5851_F42D_4C95_7F2D, UInt64(UInt32(bitPattern: symbol)))
    }

    /// The recent symbols of a history, most recent first, at most seven, and a bound on the
    /// longest of its suffixes seen in training: a suffix one longer than the longest seen
    /// before the last symbol at most (its own suffix would have been seen).
    struct History: Sendable {
        var symbols = SIMD8<Int32>(repeating: 0)
        var count = 0
        var bound = 0

        init() {}

        init(_ symbol: Int32) { push(symbol) }

        @inline(__always)
        mutating func push(_ symbol: Int32) {
            symbols = SIMD8(symbol, symbols[0], symbols[1], symbols[2], symbols[3], symbols[4], symbols[5], symbols[6])
            count = min(count + 1, 7)
            bound = min(bound + 1, 7)
        }

        /// After `context` found the longest seen suffix: the next push can add one to it.
        @inline(__always)
        mutating func push(_ symbol: Int32, after context: Context) {
            bound = context.longest
            push(symbol)
        }
    }

    /// A history made ready for lookups: the slots of its suffixes in the table (element k for
    /// the k most recent symbols) up to the longest seen in training.
    struct Context {
        var slots = SIMD8<Int32>(repeating: -1)
        var hashes = SIMD8<UInt64>(repeating: 0)
        var longest = 0
    }

    @inline(__always)
    func context(_ history: History) -> Context {
        var c = Context()
        var hashes = SIMD8<UInt64>(repeating: 0)
        var h = Self.emptyHistory
        hashes[0] = h
        let top = min(history.count, order - 1, history.bound)
        var k = 0
        while k < top {
            h = Self.extend(h, history.symbols[k])
            k += 1
            hashes[k] = h
        }
        // The longest seen first: its suffixes were all seen (found when needed).
        while k > 0 {
            let found = table.find(hashes[k])
            if found >= 0 {
                c.slots[k] = Int32(found)
                break
            }
            k -= 1
        }
        c.longest = k
        c.hashes = hashes
        return c
    }

    /// log P(symbol | history), the history made ready by `context` (which remembers the
    /// shorter histories it had to find).
    @inline(__always)
    func logProbability(of symbol: Int32, in context: inout Context) -> Float {
        var penalty: Float = 0
        var k = context.longest
        while k > 0 {
            var slot = Int(context.slots[k])
            if slot < 0 {
                slot = table.find(context.hashes[k])
                context.slots[k] = Int32(slot)
            }
            if let p = table.logProbability(slot, symbol) { return p + penalty }
            penalty += table.backoff(slot)
            k -= 1
        }
        // The empty history: every symbol seen at all, in a plain array.
        return unigrams[Int(symbol)] + penalty
    }

    @inline(__always)
    func logProbability(of symbol: Int32, after history: History) -> Float {
        var c = context(history)
        return logProbability(of: symbol, in: &c)
    }

    /// log P(symbols, then the end symbol 1 | the start symbol 0): a whole word.
    func logProbability(ofWord symbols: UnsafeBufferPointer<Int32>) -> Float {
        var history = History(0)
        var total: Float = 0
        for symbol in symbols {
            var c = context(history)
            total += logProbability(of: symbol, in: &c)
            history.push(symbol, after: c)
        }
        return total + logProbability(of: 1, after: history)
    }

    /// Learns the model from sequences that start with the start symbol and end with the end
    /// symbol; each is counted `weight` times.
    static func train(_ sequences: [([Int32], Double)], order: Int, vocabularySize: Int) -> NGramModel {
        precondition(order >= 1 && order <= 8)
        // Per order k (k symbols of history): raw counts, continuation counts (how many
        // different symbols precede), the lower-order key and the history of each n-gram.
        var raw = [[UInt64: Double]](repeating: [:], count: order)
        var continuation = [[UInt64: Double]](repeating: [:], count: order)
        var lowerOf = [[UInt64: UInt64]](repeating: [:], count: order)
        var historyOf = [[UInt64: UInt64]](repeating: [:], count: order)
        var symbolOf: [UInt64: Int32] = [:]
        var atStart = [Set<UInt64>](repeating: [], count: order)
        var keys = [UInt64](repeating: 0, count: order)
        var hashes = [UInt64](repeating: 0, count: order)
        for (sequence, weight) in sequences {
            for t in 1..<sequence.count {
                let symbol = sequence[t]
                let longest = min(t, order - 1)
                var h = emptyHistory
                for k in 0...longest {
                    if k > 0 { h = extend(h, sequence[t - k]) }
                    hashes[k] = h
                    keys[k] = key(h, symbol)
                }
                for k in 0...longest {
                    let isNew = raw[k][keys[k]] == nil
                    raw[k][keys[k], default: 0] += weight
                    if isNew {
                        historyOf[k][keys[k]] = hashes[k]
                        symbolOf[keys[k]] = symbol
                        if k > 0 {
                            lowerOf[k][keys[k]] = keys[k - 1]
                            continuation[k - 1][keys[k - 1], default: 0] += 1
                        }
                        if k == t { atStart[k].insert(keys[k]) }
                    }
                }
            }
        }
        // The count each n-gram is smoothed with: the raw count at the top order and for
        // histories that reach the start (nothing can precede them), else the continuation count.
        var counts = [[UInt64: Double]](repeating: [:], count: order)
        for k in 0..<order {
            for (key, c) in raw[k] {
                counts[k][key] = (k == order - 1 || atStart[k].contains(key)) ? c : (continuation[k][key] ?? c)
            }
        }
        // Discounts per order from the counts of counts.
        var discounts = [(Double, Double, Double)](repeating: (0.5, 1.0, 1.5), count: order)
        for k in 0..<order {
            var n = [Double](repeating: 0, count: 5)
            for c in counts[k].values {
                let r = Int(c.rounded())
                if r >= 1 && r <= 4 { n[r] += 1 }
            }
            guard n[1] > 0, n[2] > 0 else { continue }
            let y = n[1] / (n[1] + 2 * n[2])
            let d1 = 1 - 2 * y * n[2] / n[1]
            let d2 = n[3] > 0 ? 2 - 3 * y * n[3] / n[2] : 1.0
            let d3 = n[3] > 0 && n[4] > 0 ? 3 - 4 * y * n[4] / n[3] : 1.5
            discounts[k] = (min(max(d1, 0.05), 0.95), min(max(d2, 0.1), 1.9), min(max(d3, 0.1), 2.9))
        }
        @inline(__always) func discount(_ k: Int, _ c: Double) -> Double {
            c < 1.5 ? min(discounts[k].0, c) : c < 2.5 ? discounts[k].1 : discounts[k].2
        }
        // Per history: its total count and its share left to the lower order.
        var totals = [UInt64: Double](), left = [UInt64: Double]()
        for k in 0..<order {
            for (key, c) in counts[k] {
                let h = historyOf[k][key]!
                totals[h, default: 0] += c
                left[h, default: 0] += discount(k, c)
            }
        }
        // Interpolated probabilities, lower orders first; stored as logs, by history.
        var probability = [UInt64: Double]()
        var successors: [UInt64: [(symbol: Int32, logp: Float)]] = [:]
        let uniform = 1.0 / Double(vocabularySize)
        for k in 0..<order {
            for key in counts[k].keys.sorted() {
                let c = counts[k][key]!
                let h = historyOf[k][key]!
                let total = totals[h]!
                let lower = k == 0 ? uniform : probability[lowerOf[k][key]!]!
                let p = max(c - discount(k, c), 0) / total + left[h]! / total * lower
                probability[key] = p
                successors[h, default: []].append((symbolOf[key]!, roundedLog(p)))
            }
        }
        let blocks = totals.keys.sorted().map { h in
            HistoryTable.Block(history: h, backoff: roundedLog(max(left[h]! / totals[h]!, 1e-12)), successors: successors[h] ?? [])
        }
        return NGramModel(order: order, vocabularySize: vocabularySize, table: HistoryTable(blocks))
    }

    // MARK: - Text form

    /// A header line `<tag><TAB>order<TAB>vocabulary`, then one line a history, in history order:
    /// `<tag>h<TAB>history (hex)<TAB>back-off<TAB>symbol:logp symbol:logp ...`.
    func serialized(tag: String) -> String {
        var out = "\(tag)\t\(order)\t\(vocabularySize)\n"
        for block in table.blocks {
            out += "\(tag)h\t\(String(block.history, radix: 16))\t\(block.backoff)\t"
            out += block.successors.map { "\($0.symbol):\($0.logp)" }.joined(separator: " ")
            out += "\n"
        }
        return out
    }

    init(order: Int, vocabularySize: Int, table: HistoryTable) {
        self.order = order
        self.vocabularySize = vocabularySize
        self.table = table
        // log P(symbol) for every symbol: seen ones from the table, the rest by back-off.
        let empty = table.find(Self.emptyHistory)
        unigrams = (0..<max(vocabularySize, 1)).map { symbol in
            guard empty >= 0 else { return -logFloat(Float(max(vocabularySize, 1))) }
            return table.logProbability(empty, Int32(symbol)) ?? table.backoff(empty) - logFloat(Float(vocabularySize))
        }
    }
}

@inline(__always)
func logFloat(_ x: Float) -> Float { Foundation.log(x) }

/// log x to four decimals: all a model needs, and what its file keeps (so a model read back is
/// the model that was written).
func roundedLog(_ x: Double) -> Float { Float((Foundation.log(x) * 10_000).rounded() / 10_000) }

