import CICUBridge

/// ICU's word-break iterator over UTF-8 text, reporting byte offsets and rule status.
///
///     let words = try WordBreakIterator()
///     words.segments(of: "قال بوتين")  // [(0..<6, .letter), (6..<7, .none), (7..<17, .letter)]
///
/// Not thread-safe: give each concurrent user its own `clone()`.
public final class WordBreakIterator {
    /// ICU's rule status classes (UWordBreak), coarsened to the range each value falls in.
    public enum Status: Sendable, Equatable {
        case none, number, letter, kana, ideographic
        init(_ raw: Int32) {
            switch raw {
            case 100..<200: self = .number
            case 200..<300: self = .letter
            case 300..<400: self = .kana
            case 400..<500: self = .ideographic
            default: self = .none
            }
        }
    }

    private let handle: OpaquePointer
    public let locale: String

    public init(locale: String = "ar") throws {
        var status: Int32 = 0
        guard let opened = tj_wordbreak_open(locale, &status), status <= 0 else {
            throw ICUError.failure(operation: "open a word-break iterator for '\(locale)'",
                                   code: ICU.errorName(status))
        }
        handle = opened
        self.locale = locale
    }

    private init(handle: OpaquePointer, locale: String) {
        self.handle = handle
        self.locale = locale
    }

    deinit { tj_wordbreak_close(handle) }

    public func clone() throws -> WordBreakIterator {
        var status: Int32 = 0
        guard let copy = tj_wordbreak_clone(handle, &status), status <= 0 else {
            throw ICUError.failure(operation: "clone a word-break iterator", code: ICU.errorName(status))
        }
        return WordBreakIterator(handle: copy, locale: locale)
    }

    /// Calls `body` with each segment of the UTF-8 text (byte range and rule status), in order.
    /// The segments cover the whole text.
    public func forEachSegment(
        in text: UnsafeBufferPointer<UInt8>,
        _ body: (Range<Int>, Status) throws -> Void
    ) rethrows {
        try segments(of: text, withStatus: true) { try body($0, Status($1)) }
    }

    /// Calls `body` with each segment of the UTF-8 text, without asking ICU for rule statuses
    /// (a little faster, for callers that classify segments themselves).
    public func forEachSegment(
        in text: UnsafeBufferPointer<UInt8>,
        _ body: (Range<Int>) throws -> Void
    ) rethrows {
        try segments(of: text, withStatus: false) { range, _ in try body(range) }
    }

    /// Boundaries come from C in batches, so that the per-word cost of crossing into C is low.
    private func segments(
        of text: UnsafeBufferPointer<UInt8>, withStatus: Bool,
        _ body: (Range<Int>, Int32) throws -> Void
    ) rethrows {
        guard let base = text.baseAddress, !text.isEmpty else { return }
        var status: Int32 = 0
        base.withMemoryRebound(to: CChar.self, capacity: text.count) {
            tj_wordbreak_set_text(handle, $0, Int64(text.count), &status)
        }
        if status > 0 { return }
        var start = 0
        let capacity = 256
        try withUnsafeTemporaryAllocation(of: Int64.self, capacity: capacity) { ends in
            try withUnsafeTemporaryAllocation(of: Int32.self, capacity: capacity) { statuses in
                while true {
                    let n = Int(tj_wordbreak_next_batch(handle, ends.baseAddress!, withStatus ? statuses.baseAddress! : nil,
                                                        Int32(capacity)))
                    if n == 0 { break }
                    for k in 0..<n {
                        let end = Int(ends[k])
                        try body(start..<end, withStatus ? statuses[k] : 0)
                        start = end
                    }
                }
            }
        }
    }

    /// The segments of a string as byte ranges of its UTF-8 form.
    public func segments(of text: String) -> [(range: Range<Int>, status: Status)] {
        var result: [(range: Range<Int>, status: Status)] = []
        var copy = text
        copy.withUTF8 { bytes in
            forEachSegment(in: bytes) { result.append(($0, $1)) }
        }
        return result
    }
}
