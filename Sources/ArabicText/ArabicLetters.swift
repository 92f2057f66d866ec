/// The character classes the normalizer and tokenizer work with, as code points.
enum ArabicLetters {
    /// Bidi and zero-width controls: ALM, ZWSP, ZWNJ, ZWJ, LRM, RLM, LRE..RLO, LRI..PDI, BOM.
    static let controls: [UInt32] = [0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F]
        + Array(0x202A...0x202E) + Array(0x2066...0x2069) + [0xFEFF]

    static let tatweel: UInt32 = 0x0640

    /// Harakat, tanwin, shadda, sukun, the superscript alef and the Quranic annotation marks.
    static let diacritics: [ClosedRange<UInt32>] = [
        0x0610...0x061A, 0x064B...0x065F, 0x0670...0x0670, 0x06D6...0x06DC, 0x06DF...0x06E4,
        0x06E7...0x06E8, 0x06EA...0x06ED,
    ]

    /// أ إ آ ٱ and the wavy-hamza alefs.
    static let alefFolds: [UInt32] = [0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673, 0x0675]

    /// Persian and Urdu forms of Arabic letters, to the Arabic letter.
    static let persianFolds: [(UInt32, UInt32)] = [
        (0x06A9, 0x0643),  // ک keheh → ك
        (0x06AA, 0x0643),  // ڪ swash kaf → ك
        (0x06CC, 0x064A),  // ی Farsi yeh → ي
        (0x06D0, 0x064A),  // ې yeh with vertical dots → ي
        (0x06D2, 0x064A),  // ے yeh barree → ي
        (0x06CD, 0x064A),  // ۍ yeh with tail → ي
        (0x06C1, 0x0647),  // ہ heh goal → ه
        (0x06BE, 0x0647),  // ھ heh doachashmee → ه
        (0x06D5, 0x0647),  // ە ae → ه
        (0x06C0, 0x0647),  // ۀ heh with yeh above → ه
        (0x06C3, 0x0647),  // ۃ teh marbuta goal → ه
    ]

    /// Horizontal white space: tab, space, no-break space and the other Unicode spaces.
    static let horizontalSpaces: [UInt32] = [0x09, 0x20, 0xA0, 0x1680]
        + Array(0x2000...0x200A) + [0x202F, 0x205F, 0x3000]

    /// Whether a scalar is an Arabic-script character (letters, marks, digits, punctuation).
    @inline(__always)
    static func isArabic(_ s: UInt32) -> Bool {
        (0x0600...0x06FF).contains(s) || (0x0750...0x077F).contains(s) || (0x0870...0x08FF).contains(s)
            || (0xFB50...0xFDFF).contains(s) || (0xFE70...0xFEFF).contains(s) && s != 0xFEFF
    }

    /// Whether an Arabic-script scalar is a letter or mark: not a digit, not punctuation.
    @inline(__always)
    static func isArabicLetterOrMark(_ s: UInt32) -> Bool {
        switch s {
        case 0x060C, 0x061B, 0x061C, 0x061F, 0x066A...0x066D, 0x06D4, 0x0660...0x0669, 0x06F0...0x06F9, 0xFD3E, 0xFD3F:
            return false
        default:
            return true
        }
    }

    /// Whether a scalar is a Latin letter (ASCII and the Latin extensions).
    @inline(__always)
    static func isLatin(_ s: UInt32) -> Bool {
        (0x41...0x5A).contains(s) || (0x61...0x7A).contains(s) || (0xC0...0x24F).contains(s) && s != 0xD7
            && s != 0xF7 || (0x1E00...0x1EFF).contains(s) || (0x2C60...0x2C7F).contains(s)
            || (0xA720...0xA7FF).contains(s)
    }
}

extension StringProtocol {
    /// Whether the text has an Arabic-script letter (digits and punctuation do not count).
    public var containsArabicLetters: Bool {
        unicodeScalars.contains { ArabicLetters.isArabic($0.value) && ArabicLetters.isArabicLetterOrMark($0.value) }
    }
}
