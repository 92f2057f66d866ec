import Testing
@testable import ArabicText

/// One row: the input, the steps, the expected output, and why the case matters.
struct NormalizationCase: CustomTestStringConvertible, Sendable {
    let input: String
    let steps: ArabicNormalizer.Steps
    let expected: String
    let label: String
    var testDescription: String { label }
}

let singleStepCases: [NormalizationCase] = [
    // removeControls: every bidi and zero-width control of the display preset
    .init(input: "بو\u{200E}تين", steps: .removeControls, expected: "بوتين", label: "drops LRM"),
    .init(input: "بو\u{200F}تين", steps: .removeControls, expected: "بوتين", label: "drops RLM"),
    .init(input: "\u{061C}موسكو", steps: .removeControls, expected: "موسكو", label: "drops ALM"),
    .init(input: "\u{202A}كييف\u{202C}", steps: .removeControls, expected: "كييف", label: "drops LRE and PDF"),
    .init(input: "\u{202B}كييف\u{202C}", steps: .removeControls, expected: "كييف", label: "drops RLE"),
    .init(input: "\u{202D}كييف\u{202E}", steps: .removeControls, expected: "كييف", label: "drops LRO and RLO"),
    .init(input: "\u{2066}Putin\u{2069}", steps: .removeControls, expected: "Putin", label: "drops LRI and PDI"),
    .init(input: "\u{2067}بوتين\u{2069}", steps: .removeControls, expected: "بوتين", label: "drops RLI"),
    .init(input: "\u{2068}بوتين\u{2069}", steps: .removeControls, expected: "بوتين", label: "drops FSI"),
    .init(input: "ترا\u{200D}مب", steps: .removeControls, expected: "ترامب", label: "drops ZWJ"),
    .init(input: "می\u{200C}خواهم", steps: .removeControls, expected: "میخواهم", label: "drops ZWNJ"),
    .init(input: "واشنطن\u{200B}", steps: .removeControls, expected: "واشنطن", label: "drops ZWSP"),
    .init(input: "\u{FEFF}روسيا", steps: .removeControls, expected: "روسيا", label: "drops a BOM"),
    // removeTatweel
    .init(input: "بـوتيـن", steps: .removeTatweel, expected: "بوتين", label: "drops tatweel inside a word"),
    .init(input: "ـــموسكو", steps: .removeTatweel, expected: "موسكو", label: "drops leading tatweel"),
    // canonicalComposition
    .init(input: "ا\u{0653}", steps: .canonicalComposition, expected: "آ", label: "NFC composes alef and madda"),
    .init(input: "و\u{0654}", steps: .canonicalComposition, expected: "ؤ", label: "NFC composes waw and hamza"),
    .init(input: "مَّد", steps: .canonicalComposition, expected: "مَّد", label: "NFC puts fatha before shadda"),
    .init(input: "ﻻ", steps: .canonicalComposition, expected: "ﻻ", label: "NFC keeps presentation forms"),
    // compatibilityComposition
    .init(input: "ﻻ", steps: .compatibilityComposition, expected: "لا", label: "NFKC opens the lam-alef ligature"),
    .init(input: "ﺑﻮﺗﻴﻦ", steps: .compatibilityComposition, expected: "بوتين", label: "NFKC turns presentation forms into letters"),
    .init(input: "ﻷ", steps: .compatibilityComposition, expected: "لأ", label: "NFKC opens lam-alef with hamza"),
    // removeDiacritics
    .init(input: "مُحَمَّد", steps: .removeDiacritics, expected: "محمد", label: "drops harakat and shadda"),
    .init(input: "كتابٌ كتاباً كتابٍ", steps: .removeDiacritics, expected: "كتاب كتابا كتاب", label: "drops tanwin"),
    .init(input: "هٰذا", steps: .removeDiacritics, expected: "هذا", label: "drops the superscript alef"),
    .init(input: "قُلْ", steps: .removeDiacritics, expected: "قل", label: "drops sukun"),
    // foldAlef
    .init(input: "أوكرانيا", steps: .foldAlef, expected: "اوكرانيا", label: "folds alef with hamza above"),
    .init(input: "إيران", steps: .foldAlef, expected: "ايران", label: "folds alef with hamza below"),
    .init(input: "آسيا", steps: .foldAlef, expected: "اسيا", label: "folds alef madda"),
    .init(input: "ٱلله", steps: .foldAlef, expected: "الله", label: "folds alef wasla"),
    // the other folds
    .init(input: "مستشفى", steps: .foldAlefMaqsura, expected: "مستشفي", label: "folds alef maqsura to ya"),
    .init(input: "القاهرة", steps: .foldTaMarbuta, expected: "القاهره", label: "folds ta marbuta to ha"),
    .init(input: "مؤتمر", steps: .foldHamzaSeats, expected: "موتمر", label: "folds hamza on waw"),
    .init(input: "رئيس", steps: .foldHamzaSeats, expected: "رييس", label: "folds hamza on ya"),
    .init(input: "کرملین", steps: .foldPersianLetters, expected: "كرملين", label: "folds Persian keheh and yeh"),
    .init(input: "ہندوستان", steps: .foldPersianLetters, expected: "هندوستان", label: "folds Urdu heh goal"),
    .init(input: "پوتین", steps: .foldPersianLetters, expected: "پوتين", label: "keeps pe, a letter Arabic lacks"),
    .init(input: "٢٠٢٥", steps: .asciiDigits, expected: "2025", label: "Arabic-Indic digits to ASCII"),
    .init(input: "۱۴۰۳", steps: .asciiDigits, expected: "1403", label: "Persian digits to ASCII"),
    .init(input: "قال  \t بوتين", steps: .collapseWhitespace, expected: "قال بوتين", label: "squashes a run of spaces and tabs"),
    .init(input: "قال\u{00A0}\u{00A0}بوتين", steps: .collapseWhitespace, expected: "قال بوتين", label: "squashes no-break spaces"),
    .init(input: "سطر\n\nسطر", steps: .collapseWhitespace, expected: "سطر\n\nسطر", label: "keeps line breaks"),
]

let presetCases: [NormalizationCase] = [
    .init(input: "وَقالَ بـوتيـن ﻻ", steps: .matching, expected: "وقال بوتين لا", label: "matching: the acceptance sentence"),
    .init(input: "وَقالَ بـوتيـن ﻻ", steps: .display, expected: "وَقالَ بوتين ﻻ", label: "display keeps harakat and presentation forms"),
    .init(input: "الرئيس الأوكراني زيلينسكي", steps: .matching, expected: "الرييس الاوكراني زيلينسكي", label: "matching folds hamza seats and alefs"),
    .init(input: "\u{202B}دونالد ترامب\u{202C}", steps: .display, expected: "دونالد ترامب", label: "display drops embedding controls"),
    .init(input: "مُحَمَّد", steps: .matching, expected: "محمد", label: "matching drops marks in any order"),
    .init(input: "م\u{0651}\u{064E}د", steps: .matching, expected: "مد", label: "matching drops shadda before fatha"),
    .init(input: "م\u{0651}\u{064E}د", steps: .display, expected: "م\u{064E}\u{0651}د", label: "display reorders shadda after fatha (NFC)"),
    .init(input: "ﻣﻮﺳﻜﻮ ١٢", steps: .matching, expected: "موسكو 12", label: "matching: presentation forms and digits"),
    .init(input: "Putin   in  Moscow", steps: .matching, expected: "Putin in Moscow", label: "matching leaves Latin letters alone"),
    .init(input: "Café  ﻻ", steps: .matching, expected: "Café لا", label: "matching keeps Latin accents"),
    .init(input: "Cafe\u{0301}", steps: .display, expected: "Café", label: "display composes Latin accents"),
    .init(input: "ا\u{0640}\u{0653}", steps: .matching, expected: "ا", label: "matching: tatweel between alef and madda"),
    .init(input: "", steps: .matching, expected: "", label: "empty text"),
    .init(input: "ﷺ", steps: .matching, expected: "صلي الله عليه وسلم", label: "matching expands the salla ligature"),
]

@Suite("ArabicNormalizer")
struct NormalizerTests {
    @Test("each step alone", arguments: singleStepCases)
    func singleStep(_ c: NormalizationCase) {
        #expect(ArabicNormalizer(steps: c.steps).normalize(c.input) == c.expected)
    }

    @Test("presets", arguments: presetCases)
    func presets(_ c: NormalizationCase) {
        #expect(ArabicNormalizer(steps: c.steps).normalize(c.input) == c.expected)
    }

    @Test("normalizing with offsets gives the same text", arguments: singleStepCases + presetCases)
    func offsetsAgree(_ c: NormalizationCase) {
        let normalizer = ArabicNormalizer(steps: c.steps)
        let mapped = normalizer.normalizeWithOffsets(c.input)
        #expect(mapped.text == c.expected)
        #expect(mapped.originOffsets.count == mapped.text.utf8.count)
    }

    @Test("normalization is idempotent", arguments: presetCases)
    func idempotent(_ c: NormalizationCase) {
        let normalizer = ArabicNormalizer(steps: c.steps)
        let once = normalizer.normalize(c.input)
        #expect(normalizer.normalize(once) == once)
    }

    @Test("the offset map points at the original word")
    func offsetMapPointsBack() {
        let original = "قال الرئيسُ بـوتيـن"
        let mapped = ArabicNormalizer.matching.normalizeWithOffsets(original)
        #expect(mapped.text == "قال الرييس بوتين")
        let start = mapped.text.utf8.count - "بوتين".utf8.count
        let range = mapped.originalRange(start..<mapped.text.utf8.count)
        let bytes = Array(original.utf8)[range]
        #expect(String(decoding: bytes, as: UTF8.self) == "بـوتيـن")
    }

    @Test("the offset map stays monotone and in range on random text")
    func offsetMapMonotone() {
        // Letters, marks, controls, presentation forms, spaces, digits, Latin and astral scalars.
        let alphabet: [String] = ["ب", "و", "ت", "ي", "ن", "ا", "أ", "ة", "ى", "ئ", "\u{064E}", "\u{0651}",
                                  "\u{0653}", "\u{0654}", "\u{0640}", "\u{200F}", "\u{202B}", "ﻻ", "ﺑ", "ﷺ",
                                  " ", "  ", "\t", "\n", "٣", "۴", "a", "e\u{0301}", "😀", "ک", "\u{0670}"]
        var generator = SeededGenerator(seed: 2026)
        for _ in 0..<500 {
            let length = Int.random(in: 0..<40, using: &generator)
            let text = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let mapped = ArabicNormalizer.matching.normalizeWithOffsets(text)
            #expect(mapped.text == ArabicNormalizer.matching.normalize(text))
            let offsets = mapped.originOffsets.map(Int.init)
            #expect(offsets == offsets.sorted(), "not monotone for \(text.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(offsets.allSatisfy { $0 >= 0 && $0 < max(text.utf8.count, 1) })
        }
    }
}

/// A small deterministic generator, so that a failure can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
