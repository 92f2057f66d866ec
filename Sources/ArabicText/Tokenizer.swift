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
    public let surface: Substring
    /// The `matching`-normalized form (for Arabic words; the surface otherwise).
    public let normalized: String
    /// The position of the first character: line and column (1-based; the column counts
    /// Unicode scalars), and the UTF-8 byte offset from the start of the input (0-based).
    public let line: Int
    public let column: Int
    public let byteOffset: Int

    /// The readings of an Arabic word as proclitics and stem; empty for other tokens.
    public var analyses: [CliticAnalysis] {
        guard kind == .word, script == .arabic || script == .mixed else { return [] }
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

    public init(normalizer: ArabicNormalizer = .matching) throws {
        words = try WordBreakIterator(locale: "ar")
        self.normalizer = normalizer
    }

    private init(words: WordBreakIterator, normalizer: ArabicNormalizer) {
        self.words = words
        self.normalizer = normalizer
    }

    public func clone() throws -> Tokenizer {
        Tokenizer(words: try words.clone(), normalizer: normalizer)
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
        let utf8 = text.utf8
        var copy = text
        try copy.withUTF8 { bytes in
            var line = start.line
            var column = start.column
            var scanned = 0  // bytes already accounted for in line and column
            try words.forEachSegment(in: bytes) { range, status in
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
                let first = bytes[range.lowerBound]
                // Skip white space segments (ICU gives them status none).
                if status == .none && (first == 0x20 || first == 0x0A || first == 0x0D || first == 0x09) {
                    if Self.isAllWhitespace(bytes, range) { return }
                }
                let script = Self.script(of: bytes, range)
                let kind: Token.Kind
                switch status {
                case .number: kind = .number
                case .letter, .kana, .ideographic: kind = .word
                case .none: kind = script == .common || script == .other ? .punctuation : .word
                }
                if kind == .punctuation && Self.isAllWhitespace(bytes, range) { return }
                let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
                let upper = utf8.index(lower, offsetBy: range.count)
                let surface = text[lower..<upper]
                let normalized: String
                if kind == .word && (script == .arabic || script == .mixed) {
                    normalized = normalizer.normalize(validUTF8: UnsafeBufferPointer(rebasing: bytes[range]))
                } else {
                    normalized = String(surface)
                }
                try body(Token(kind: kind, script: script, surface: surface, normalized: normalized,
                               line: line, column: column, byteOffset: start.byteOffset + range.lowerBound))
            }
        }
    }

    @inline(__always)
    private static func isAllWhitespace(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i < range.upperBound {
            let (s, l) = decodeScalar(bytes, at: i)
            i += l
            switch s {
            case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                continue
            default:
                return false
            }
        }
        return true
    }

    private static func script(of bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Token.Script {
        var arabic = false, latin = false, other = false
        var i = range.lowerBound
        while i < range.upperBound {
            let (s, l) = decodeScalar(bytes, at: i)
            i += l
            if s < 0x80 {
                if (0x41...0x5A).contains(s) || (0x61...0x7A).contains(s) { latin = true }
            } else if ArabicLetters.isArabic(s) {
                // Arabic punctuation and digits are script-neutral for this purpose.
                if Self.isArabicLetterOrMark(s) { arabic = true }
            } else if ArabicLetters.isLatin(s) {
                latin = true
            } else if !Self.isNeutral(s) {
                other = true
            }
        }
        switch (arabic, latin, other) {
        case (false, false, false): return .common
        case (true, false, false): return .arabic
        case (false, true, false): return .latin
        case (false, false, true): return .other
        default: return .mixed
        }
    }

    @inline(__always)
    private static func isArabicLetterOrMark(_ s: UInt32) -> Bool {
        switch s {
        case 0x060C, 0x061B, 0x061C, 0x061F, 0x066A...0x066D, 0x06D4, 0x0660...0x0669, 0x06F0...0x06F9, 0xFD3E, 0xFD3F:
            return false
        default:
            return true
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
