import ICUBridge

/// Normalizes Arabic text through a fixed pipeline of small named steps.
///
///     ArabicNormalizer.matching.normalize("وَقالَ بـوتيـن ﻻ")  // "وقال بوتين لا"
///
/// The steps always run in this order; `Steps` chooses which of them run:
///
///  1. `removeControls`: drops bidi and zero-width controls (ALM U+061C, ZWSP U+200B, ZWNJ U+200C,
///     ZWJ U+200D, LRM U+200E, RLM U+200F, LRE..RLO U+202A–U+202E, LRI..PDI U+2066–U+2069,
///     BOM U+FEFF).
///  2. `removeTatweel`: drops the tatweel (U+0640) that stretches letters: بـوتيـن → بوتين.
///  3. `canonicalComposition` (NFC) or `compatibilityComposition` (NFKC, which also turns
///     presentation forms into letters: ﻻ → لا, ﺑ → ب). With both, NFKC wins.
///  4. `removeDiacritics`: drops harakat, tanwin, shadda, sukun, the superscript (dagger) alef and
///     the Quranic annotation marks (U+0610–U+061A, U+064B–U+065F, U+0670, U+06D6–U+06ED).
///  5. `foldAlef`: أ إ آ ٱ (and the wavy-hamza alefs U+0672, U+0673, U+0675) → ا.
///  6. `foldAlefMaqsura`: ى → ي.
///  7. `foldTaMarbuta`: ة → ه.
///  8. `foldHamzaSeats`: ؤ → و, ئ → ي.
///  9. `foldPersianLetters`: the Persian and Urdu forms of Arabic letters to the Arabic ones:
///     ک ڪ → ك, ی ې ے ۍ → ي, ہ ھ ە ۀ ۃ → ه. Letters Arabic lacks (پ چ ژ گ ڤ) stay: they
///     carry the sound of a foreign name.
/// 10. `asciiDigits`: Arabic-Indic (٠–٩) and Persian (۰–۹) digits → 0–9.
/// 11. `collapseWhitespace`: every run of horizontal white space (space, tab, no-break and the
///     other Unicode spaces) becomes one space. Line breaks are kept, so line structure stays.
///
/// Every run keeps a map from the normalized text back to the original (see `NormalizedText`),
/// so a message about a normalized word can give the user's own line and column. The map is the
/// composition of the steps' maps: each output byte points at the start of the original
/// character it came from; characters merged by composition point at the first of them.
///
/// A normalizer is immutable and safe to share between threads.
public struct ArabicNormalizer: Sendable {
    /// The steps of the pipeline; see `ArabicNormalizer` for their fixed order.
    public struct Steps: OptionSet, Sendable, Hashable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }

        public static let removeControls = Steps(rawValue: 1 << 0)
        public static let removeTatweel = Steps(rawValue: 1 << 1)
        public static let canonicalComposition = Steps(rawValue: 1 << 2)
        public static let compatibilityComposition = Steps(rawValue: 1 << 3)
        public static let removeDiacritics = Steps(rawValue: 1 << 4)
        public static let foldAlef = Steps(rawValue: 1 << 5)
        public static let foldAlefMaqsura = Steps(rawValue: 1 << 6)
        public static let foldTaMarbuta = Steps(rawValue: 1 << 7)
        public static let foldHamzaSeats = Steps(rawValue: 1 << 8)
        public static let foldPersianLetters = Steps(rawValue: 1 << 9)
        public static let asciiDigits = Steps(rawValue: 1 << 10)
        public static let collapseWhitespace = Steps(rawValue: 1 << 11)

        /// For showing text to people: NFC, no invisible controls, no tatweel.
        public static let display: Steps = [.canonicalComposition, .removeControls, .removeTatweel]
        /// For comparing names: `display`, then NFKC and every fold.
        public static let matching: Steps = display.union([
            .compatibilityComposition, .removeDiacritics, .foldAlef, .foldAlefMaqsura, .foldTaMarbuta,
            .foldHamzaSeats, .foldPersianLetters, .asciiDigits, .collapseWhitespace,
        ])

        /// Every step with its name, in pipeline order.
        public static let named: [(name: String, step: Steps)] = [
            ("remove-controls", .removeControls), ("remove-tatweel", .removeTatweel),
            ("nfc", .canonicalComposition), ("nfkc", .compatibilityComposition),
            ("remove-diacritics", .removeDiacritics), ("fold-alef", .foldAlef),
            ("fold-alef-maqsura", .foldAlefMaqsura), ("fold-ta-marbuta", .foldTaMarbuta),
            ("fold-hamza-seats", .foldHamzaSeats), ("fold-persian-letters", .foldPersianLetters),
            ("ascii-digits", .asciiDigits), ("collapse-whitespace", .collapseWhitespace),
        ]
    }

    /// The two presets, by name.
    public enum Preset: String, CaseIterable, Sendable {
        case display, matching
        public var steps: Steps { self == .display ? .display : .matching }
    }

    public static let display = ArabicNormalizer(steps: .display)
    public static let matching = ArabicNormalizer(steps: .matching)

    public static func preset(_ preset: Preset) -> ArabicNormalizer {
        preset == .display ? display : matching
    }

    public let steps: Steps
    let table: ScalarTable

    public init(steps: Steps) {
        self.steps = steps
        self.table = ScalarTable(steps: steps)
    }

    /// Whether the pipeline leaves a character as it is wherever it stands (a plain letter).
    func leavesUnchanged(_ scalar: UInt32) -> Bool {
        guard scalar < 0x10000, table.actions[Int(scalar)] == scalar else { return false }
        return table.quickCheck.map { $0[Int(scalar)] == 0x0100 } ?? true
    }

    /// The normalized text.
    public func normalize(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes in
            var sink = NoOffsets()
            return run(bytes, sink: &sink)
        }
    }

    /// The normalized text with its map back to the original.
    public func normalizeWithOffsets(_ text: String) -> NormalizedText {
        var copy = text
        return copy.withUTF8 { bytes in
            var sink = OffsetRecorder(capacity: bytes.count)
            let result = run(bytes, sink: &sink)
            return NormalizedText(text: result, originOffsets: sink.offsets, originalLength: bytes.count)
        }
    }

    /// Normalizes valid UTF-8 bytes; the caller guarantees validity (see `UTF8Validation`).
    public func normalize(validUTF8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        var sink = NoOffsets()
        return run(bytes, sink: &sink)
    }

    // MARK: - The fused pass

    /// Runs every chosen step in one pass over the bytes. Most characters need only a table
    /// lookup; a run that is not already in the chosen normal form (a presentation form, marks
    /// out of canonical order, a letter followed by a composing mark) goes through ICU.
    @inline(__always)
    func run<Sink: OffsetSink>(_ input: UnsafeBufferPointer<UInt8>, sink: inout Sink) -> String {
        let count = input.count
        if count == 0 { return "" }
        // Words and short lines normalize on the stack; longer text gets a heap buffer.
        if count <= 240 {
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { storage in
                var out = ByteBuffer(borrowing: storage)
                defer { out.deallocate() }
                return run(input, into: &out, sink: &sink)
            }
        }
        var out = ByteBuffer(capacity: count + 16)
        defer { out.deallocate() }
        return run(input, into: &out, sink: &sink)
    }

    @inline(__always)
    private func run<Sink: OffsetSink>(
        _ input: UnsafeBufferPointer<UInt8>, into out: inout ByteBuffer, sink: inout Sink
    ) -> String {
        let count = input.count
        let actions = table.actions
        let quickCheck = table.quickCheck
        let normalizer = table.unicodeNormalizer
        let collapse = steps.contains(.collapseWhitespace)
        var lastWasSpace = false
        // The last starter (combining class 0) kept: where a re-normalization must start.
        var starterInput = 0
        var starterOutput = 0
        var starterLastWasSpace = false
        var previousClass: UInt8 = 0
        var i = 0
        while i < count {
            let start = i
            let (scalar, length) = decodeScalar(input, at: i)
            i += length
            let action = scalar < 0x10000 ? actions[Int(scalar)] : ScalarTable.keepAstral(scalar)
            if action & ScalarTable.dropBefore != 0 { continue }
            if let quickCheck {
                let info = scalar < 0x10000 ? quickCheck[Int(scalar)] : 0x0200
                let combiningClass = UInt8(truncatingIfNeeded: info)
                if info >> 8 != 1 || (combiningClass != 0 && combiningClass < previousClass) {
                    // Not in normal form here: redo from the last starter to the next one through ICU.
                    var end = i
                    while end < count {
                        let (next, nextLength) = decodeScalar(input, at: end)
                        let nextInfo = next < 0x10000 ? quickCheck[Int(next)] : 0x0200
                        if nextInfo == 0x0100 { break }
                        end += nextLength
                    }
                    out.count = starterOutput
                    sink.truncate(to: starterOutput)
                    lastWasSpace = starterLastWasSpace
                    let segment = filteredSegment(input, from: starterInput, to: end, actions: actions)
                    let normalized = normalizer!.normalize(segment)
                    var copy = normalized
                    copy.withUTF8 { bytes in
                        var j = 0
                        while j < bytes.count {
                            let (s, l) = decodeScalar(bytes, at: j)
                            j += l
                            let a = s < 0x10000 ? actions[Int(s)] : ScalarTable.keepAstral(s)
                            emit(a, origin: starterInput, out: &out, sink: &sink,
                                 collapse: collapse, lastWasSpace: &lastWasSpace)
                        }
                    }
                    i = end
                    previousClass = 0
                    continue
                }
                if combiningClass == 0 {
                    starterInput = start
                    starterOutput = out.count
                    starterLastWasSpace = lastWasSpace
                }
                previousClass = combiningClass
            }
            emit(action, origin: start, out: &out, sink: &sink, collapse: collapse, lastWasSpace: &lastWasSpace)
        }
        return out.string()
    }

    @inline(__always)
    private func emit<Sink: OffsetSink>(
        _ action: UInt32, origin: Int, out: inout ByteBuffer, sink: inout Sink,
        collapse: Bool, lastWasSpace: inout Bool
    ) {
        if action & ScalarTable.dropAfter != 0 { return }
        if collapse && action & ScalarTable.space != 0 {
            if lastWasSpace { return }
            lastWasSpace = true
            out.append(0x20)
            sink.record(origin, bytes: 1)
            return
        }
        lastWasSpace = false
        let written = out.appendScalar(action & ScalarTable.scalarMask)
        sink.record(origin, bytes: written)
    }

    /// The bytes of a segment without the characters removed before composition.
    private func filteredSegment(
        _ input: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, actions: [UInt32]
    ) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(end - start)
        var i = start
        while i < end {
            let (scalar, length) = decodeScalar(input, at: i)
            let action = scalar < 0x10000 ? actions[Int(scalar)] : 0
            if action & ScalarTable.dropBefore == 0 {
                bytes.append(contentsOf: input[i..<(i + length)])
            }
            i += length
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Normalized text and, for each of its UTF-8 bytes, the UTF-8 offset in the original text of
/// the character it came from.
public struct NormalizedText: Sendable, Equatable {
    public let text: String
    public let originOffsets: [Int32]
    /// The length of the original text in UTF-8 bytes.
    public let originalLength: Int

    /// The original offset of a normalized offset; the end maps to the end.
    public func originalOffset(_ normalizedOffset: Int) -> Int {
        normalizedOffset >= originOffsets.count ? originalLength : Int(originOffsets[normalizedOffset])
    }

    /// The original byte range that a normalized byte range came from.
    public func originalRange(_ range: Range<Int>) -> Range<Int> {
        let lower = originalOffset(range.lowerBound)
        var k = range.upperBound
        // Characters merged by composition share an origin: extend to the next distinct one.
        while k < originOffsets.count && Int(originOffsets[k]) <= lower { k += 1 }
        return lower..<max(lower, originalOffset(k))
    }
}

// MARK: - Per-scalar actions

/// For every BMP scalar, what the table-driven steps do with it, packed in 32 bits.
struct ScalarTable: Sendable {
    static let dropBefore: UInt32 = 1 << 31  // removed before composition (controls, tatweel)
    static let dropAfter: UInt32 = 1 << 30  // removed after composition (diacritics)
    static let space: UInt32 = 1 << 29  // horizontal white space, for collapsing
    static let scalarMask: UInt32 = 0x1F_FFFF

    let actions: [UInt32]
    /// ICU's combining class and quick-check answer per BMP scalar, when a composition step runs.
    let quickCheck: [UInt16]?
    let unicodeNormalizer: UnicodeNormalizer?

    @inline(__always)
    static func keepAstral(_ scalar: UInt32) -> UInt32 { scalar }

    init(steps: ArabicNormalizer.Steps) {
        var actions = (0..<UInt32(0x10000)).map { $0 }
        func set(_ scalars: [UInt32], _ value: UInt32) {
            for s in scalars { actions[Int(s)] = value }
        }
        func map(_ pairs: [(ClosedRange<UInt32>, UInt32)]) {
            for (range, target) in pairs {
                for s in range where actions[Int(s)] & ~Self.scalarMask == 0 { actions[Int(s)] = target }
            }
        }
        if steps.contains(.removeControls) {
            set(ArabicLetters.controls, Self.dropBefore)
        }
        if steps.contains(.removeTatweel) {
            set([ArabicLetters.tatweel], Self.dropBefore)
        }
        if steps.contains(.removeDiacritics) {
            for range in ArabicLetters.diacritics {
                for s in range { actions[Int(s)] = Self.dropAfter }
            }
        }
        if steps.contains(.foldAlef) { map(ArabicLetters.alefFolds.map { ($0...$0, 0x0627) }) }
        if steps.contains(.foldAlefMaqsura) { map([(0x0649...0x0649, 0x064A)]) }
        if steps.contains(.foldTaMarbuta) { map([(0x0629...0x0629, 0x0647)]) }
        if steps.contains(.foldHamzaSeats) { map([(0x0624...0x0624, 0x0648), (0x0626...0x0626, 0x064A)]) }
        if steps.contains(.foldPersianLetters) { map(ArabicLetters.persianFolds.map { ($0.0...$0.0, $0.1) }) }
        if steps.contains(.asciiDigits) {
            for d in UInt32(0)..<10 {
                actions[Int(0x0660 + d)] = 0x30 + d
                actions[Int(0x06F0 + d)] = 0x30 + d
            }
        }
        if steps.contains(.collapseWhitespace) {
            for s in ArabicLetters.horizontalSpaces { actions[Int(s)] |= Self.space }
        }
        self.actions = actions
        if steps.contains(.compatibilityComposition) {
            unicodeNormalizer = .nfkc
            quickCheck = QuickCheckTables.nfkc
        } else if steps.contains(.canonicalComposition) {
            unicodeNormalizer = .nfc
            quickCheck = QuickCheckTables.nfc
        } else {
            unicodeNormalizer = nil
            quickCheck = nil
        }
    }
}

/// ICU's quick-check tables, built once on first use.
enum QuickCheckTables {
    static let nfc: [UInt16] = UnicodeNormalizer.nfc.quickCheckTable()
    static let nfkc: [UInt16] = UnicodeNormalizer.nfkc.quickCheckTable()
}

// MARK: - Offset sinks

protocol OffsetSink {
    mutating func record(_ origin: Int, bytes: Int)
    mutating func truncate(to count: Int)
}

struct NoOffsets: OffsetSink {
    @inline(__always) mutating func record(_ origin: Int, bytes: Int) {}
    @inline(__always) mutating func truncate(to count: Int) {}
}

struct OffsetRecorder: OffsetSink {
    var offsets: [Int32]
    init(capacity: Int) {
        offsets = []
        offsets.reserveCapacity(capacity)
    }
    @inline(__always) mutating func record(_ origin: Int, bytes: Int) {
        let o = Int32(truncatingIfNeeded: origin)
        for _ in 0..<bytes { offsets.append(o) }
    }
    mutating func truncate(to count: Int) {
        offsets.removeLast(offsets.count - count)
    }
}

// MARK: - Bytes

/// A growable byte buffer without Array's per-append checks.
struct ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    private var owned: Bool
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
        owned = true
    }

    /// Starts in storage the caller owns (on the stack); moves to the heap if it outgrows it.
    init(borrowing storage: UnsafeMutableBufferPointer<UInt8>) {
        base = storage.baseAddress!
        capacity = storage.count
        owned = false
    }

    func deallocate() {
        if owned { base.deallocate() }
    }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra <= capacity { return }
        var newCapacity = capacity * 2
        while newCapacity < count + extra { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        if owned { base.deallocate() }
        owned = true
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// Appends a scalar as UTF-8; returns the number of bytes written.
    @inline(__always)
    mutating func appendScalar(_ s: UInt32) -> Int {
        reserve(4)
        let p = base + count
        if s < 0x80 {
            p[0] = UInt8(s)
            count += 1
            return 1
        } else if s < 0x800 {
            p[0] = UInt8(0xC0 | (s >> 6))
            p[1] = UInt8(0x80 | (s & 0x3F))
            count += 2
            return 2
        } else if s < 0x10000 {
            p[0] = UInt8(0xE0 | (s >> 12))
            p[1] = UInt8(0x80 | ((s >> 6) & 0x3F))
            p[2] = UInt8(0x80 | (s & 0x3F))
            count += 3
            return 3
        } else {
            p[0] = UInt8(0xF0 | (s >> 18))
            p[1] = UInt8(0x80 | ((s >> 12) & 0x3F))
            p[2] = UInt8(0x80 | ((s >> 6) & 0x3F))
            p[3] = UInt8(0x80 | (s & 0x3F))
            count += 4
            return 4
        }
    }

    func string() -> String {
        String(unsafeUninitializedCapacity: count) { buffer in
            _ = buffer.initialize(from: UnsafeBufferPointer(start: base, count: count))
            return count
        }
    }
}

/// Decodes the scalar at `i` of valid UTF-8.
@inline(__always)
func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
    let b0 = UInt32(bytes[i])
    if b0 < 0x80 { return (b0, 1) }
    if b0 < 0xE0 { return (((b0 & 0x1F) << 6) | (UInt32(bytes[i + 1]) & 0x3F), 2) }
    if b0 < 0xF0 {
        return (((b0 & 0x0F) << 12) | ((UInt32(bytes[i + 1]) & 0x3F) << 6) | (UInt32(bytes[i + 2]) & 0x3F), 3)
    }
    return (((b0 & 0x07) << 18) | ((UInt32(bytes[i + 1]) & 0x3F) << 12)
        | ((UInt32(bytes[i + 2]) & 0x3F) << 6) | (UInt32(bytes[i + 3]) & 0x3F), 4)
}
