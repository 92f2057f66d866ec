/// A readable English guess for an Arabic name the knowledge base does not know, marked for
/// review: vowelled from the letters that carry vowels (ا و ي), capitalized as a name, never
/// a consonant skeleton (bwtyn).
///
///     NameGuess().latin(for: "كوفالينكو")  // "Kovalinko"
///
/// A stand-in until the back-transliteration model proposes ranked candidates.
public struct NameGuess: Sendable {
    public init() {}

    static let consonants: [Character: String] = [
        "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z",
        "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q",
        "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ء": "", "پ": "p", "چ": "ch", "ژ": "zh", "ڤ": "v", "گ": "g",
    ]

    /// The guess for a `matching`-normalized word; the article becomes al-.
    public func latin(for word: String) -> String {
        if word.hasPrefix("ال") && word.count > 4 {
            let rest = latin(for: String(word.dropFirst(2)))
            return "al-" + rest
        }
        let letters = Array(word)
        var out = ""
        var previousWasConsonant = false
        for (k, c) in letters.enumerated() {
            let last = k == letters.count - 1
            let next: Character? = last ? nil : letters[k + 1]
            switch c {
            case "ا":
                out += "a"
                previousWasConsonant = false
            case "و":
                // A vowel between letters, a consonant at the start or before a vowel.
                if k == 0 || next == "ا" || next == "ي" { out += "w"; previousWasConsonant = true } else { out += "o"; previousWasConsonant = false }
            case "ي":
                if k == 0 || next == "ا" || next == "و" { out += "y"; previousWasConsonant = true } else { out += "i"; previousWasConsonant = false }
            case "ه" where last && k > 0:
                out += "a"  // ta marbuta, folded to ha
                previousWasConsonant = false
            case " ":
                out += " "
                previousWasConsonant = false
            default:
                guard let sound = Self.consonants[c] else { continue }
                // Two consonants in a row get a short vowel between them, the way names are read.
                if previousWasConsonant && !sound.isEmpty && !out.isEmpty && k > 1 { out += "e" }
                out += sound
                previousWasConsonant = !sound.isEmpty
            }
        }
        return out.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}
