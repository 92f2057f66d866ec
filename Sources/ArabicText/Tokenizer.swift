import ICUBridge

/// A word, number or punctuation mark of a text, with where it stands in the original.
public struct Token: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case word, number, punctuation
    }

    /// The script of a token's letters.
    public enum Script: String, Sendable, Codable {
        case arabic, latin, other, mixed
        /// Digits and punctuation that belong to no script.
        case common
    }

    public let kind: Kind
    public let script: Script
    /// The token as written, marks and invisible controls included.
    public var surface: Substring {
        let utf8 = source.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: sourceRange.lowerBound)
        return source[lower..<utf8.index(lower, offsetBy: sourceRange.count)]
    }
    /// The text the token was found in and the token's UTF-8 range there.
    let source: String
    let sourceRange: Range<Int>
    /// The `matching`-normalized form (for Arabic words; the surface otherwise).
    public let normalized: String
    /// The position of the first character: line and column (1-based; the column counts
    /// Unicode scalars), and the UTF-8 byte offset from the start of the input (0-based).
    public let line: Int
    public let column: Int
    public let byteOffset: Int

    /// The readings of an Arabic word as proclitics and stem; empty for other tokens.
    public var analyses: CliticAnalyses {
        guard kind == .word, script == .arabic || script == .mixed else { return .none }
        return CliticAnalysis.candidates(of: normalized)
    }
}

/// Splits text into tokens on ICU's word boundaries.
///
///     let tokenizer = try Tokenizer()
///     tokenizer.tokens(in: "وقال بوتين").map(\.surface)  // ["وقال", "بوتين"]
///
/// White space is skipped; every other segment becomes a token. Not thread-safe (it owns an ICU
/// iterator): give each thread its own `clone()`.
public final class Tokenizer {
    private let words: WordBreakIterator
    private let normalizer: ArabicNormalizer
    /// For U+0600..U+06FF, whether the normalizer leaves the letter as it is: a word of such
    /// letters alone is its own normalized form.
    private let unchanged: [Bool]

    public init(normalizer: ArabicNormalizer = .matching) throws {
        words = try WordBreakIterator(locale: "ar")
        self.normalizer = normalizer
        unchanged = (0x0600..<0x0700).map { normalizer.leavesUnchanged(UInt32($0)) }
    }

    private init(words: WordBreakIterator, normalizer: ArabicNormalizer, unchanged: [Bool]) {
        self.words = words
        self.normalizer = normalizer
        self.unchanged = unchanged
    }

    public func clone() throws -> Tokenizer {
        Tokenizer(words: try words.clone(), normalizer: normalizer, unchanged: unchanged)
    }

    /// Every token of a text, in order.
    public func tokens(in text: String, start: TextPosition = .start) -> [Token] {
        var result: [Token] = []
        forEachToken(in: text, start: start) { result.append($0) }
        return result
    }

    /// Calls `body` with each token of the text, in order. `start` is the position of the
    /// text's first character in a larger input (for text read in chunks).
    public func forEachToken(in text: String, start: TextPosition = .start, _ body: (Token) throws -> Void) rethrows {
        var copy = text
        try copy.withUTF8 { bytes in
            var line = start.line
            var column = start.column
            var scanned = 0  // bytes already accounted for in line and column
            try words.forEachSegment(in: bytes) { range in
                // Advance line and column over everything since the previous token.
                while scanned < range.lowerBound {
                    let b = bytes[scanned]
                    if b == 0x0A {
                        line += 1
                        column = 1
                    } else if b & 0xC0 != 0x80 {
                        column += 1
                    }
                    scanned += 1
                }
                // ICU finds the boundaries; the segment's characters say what it is (the classes
                // of ICU's rule status, without the cost of asking ICU for it).
                let (script, content, plain) = Self.classify(bytes, range, unchanged)
                let kind: Token.Kind
                switch content {
                case .space: return
                case .letters: kind = .word
                case .digits: kind = .number
                case .symbols: kind = .punctuation
                }
                let normalized: String
                if kind == .word && (script == .arabic || script == .mixed) && !plain {
                    normalized = normalizer.normalize(validUTF8: UnsafeBufferPointer(rebasing: bytes[range]))
                } else {
                    normalized = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                }
                try body(Token(kind: kind, script: script, source: text,
                               sourceRange: range, normalized: normalized, line: line, column: column,
                               byteOffset: start.byteOffset + range.lowerBound))
            }
        }
    }

    enum Content { case space, letters, digits, symbols }

    /// The script of a segment, and whether it holds letters, digits (with separators) but no
    /// letters, only punctuation and symbols, or only white space.
    /// `plain` tells that the segment is Arabic letters the normalizer leaves unchanged.
    private static func classify(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ unchanged: [Bool]
    ) -> (Token.Script, Content, plain: Bool) {
        var arabic = false, latin = false, other = false, digits = false, symbols = false
        var plain = true
        var i = range.lowerBound
        // Most words are Arabic letters alone: two-byte sequences led by D8 to DB.
        while i + 1 < range.upperBound {
            let lead = bytes[i]
            guard lead >= 0xD8 && lead <= 0xDB else { break }
            let scalar = (UInt32(lead & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F)
            guard ArabicLetters.isArabicLetterOrMark(scalar) else { break }
            if scalar < 0x0700 && !unchanged[Int(scalar - 0x0600)] { plain = false }
            arabic = true
            i += 2
        }
        if i == range.upperBound && arabic { return (.arabic, .letters, plain) }
        plain = false
        while i < range.upperBound {
            let (s, l) = decodeScalar(bytes, at: i)
            i += l
            if s < 0x80 {
                if (0x41...0x5A).contains(s) || (0x61...0x7A).contains(s) {
                    latin = true
                } else if (0x30...0x39).contains(s) {
                    digits = true
                } else if !(s == 0x20 || (0x09...0x0D).contains(s)) {
                    symbols = true
                }
            } else if ArabicLetters.isArabic(s) {
                if (0x0660...0x0669).contains(s) || (0x06F0...0x06F9).contains(s) {
                    digits = true
                } else if ArabicLetters.isArabicLetterOrMark(s) {
                    arabic = true
                } else {
                    symbols = true
                }
            } else if ArabicLetters.isLatin(s) {
                latin = true
            } else if Self.isSpace(s) {
                continue
            } else if Self.isNeutral(s) {
                symbols = true
            } else {
                other = true
            }
        }
        let script: Token.Script
        switch (arabic, latin, other) {
        case (false, false, false): script = .common
        case (true, false, false): script = .arabic
        case (false, true, false): script = .latin
        case (false, false, true): script = .other
        default: script = .mixed
        }
        if arabic || latin || other { return (script, .letters, plain) }
        if digits { return (script, .digits, plain) }
        return (script, symbols ? .symbols : .space, plain)
    }

    @inline(__always)
    private static func isSpace(_ s: UInt32) -> Bool {
        switch s {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Punctuation, symbols and invisible controls, which belong to no script.
    @inline(__always)
    private static func isNeutral(_ s: UInt32) -> Bool {
        (0x80...0xBF).contains(s) || s == 0xD7 || s == 0xF7 || (0x2000...0x206F).contains(s)
            || (0x20A0...0x20CF).contains(s) || (0x2100...0x2BFF).contains(s) || (0x3000...0x303F).contains(s)
            || (0xFE00...0xFE0F).contains(s) || s == 0xFEFF || (0xFF00...0xFF20).contains(s)
            || (0x1F000...0x1FAFF).contains(s)
    }
}
