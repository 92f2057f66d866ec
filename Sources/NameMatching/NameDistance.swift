/// How far apart two spellings of an Arabic name are: a weighted Damerau-Levenshtein distance
/// (optimal string alignment) in which the edits real spellings of names make are cheap.
///
///     NameDistance.compare("ويكتوف", "ويتكوف")  // 0.5, ["ت and ك swapped"]
///     NameDistance.compare("زيلنسكي", "زيلينسكي") // 0.3, ["ي dropped"]
///
/// Both words should be `matching`-normalized. Costs: a confusable letter for another (ت ط،
/// س ص ث، د ض ذ ظ ز، ك ق، ه ح، ج غ ك for a hard g، ف ڤ، ب پ) 0.4; a long-vowel letter
/// (ا و ي) added or dropped 0.3, or exchanged 0.4; a letter doubled or undoubled 0.4; two
/// adjacent letters swapped 0.5; any other letter added, dropped or replaced 1.
public enum NameDistance {
    public struct Result: Sendable, Equatable {
        public let distance: Double
        /// The edits, for a person: "ت and ك swapped", "ن dropped", "ط for ت".
        public let reasons: [String]
    }

    static let confusableSets: [[Character]] = [
        ["ت", "ط"], ["س", "ص", "ث"], ["د", "ض", "ذ", "ظ", "ز"], ["ك", "ق"], ["ه", "ح"], ["ج", "غ", "ك", "گ"],
        ["ف", "ڤ"], ["ب", "پ"], ["ش", "چ"], ["ز", "ژ"],
    ]
    static let vowels: Set<UInt32> = [0x0627, 0x0648, 0x064A]  // ا و ي

    static let confusable: Set<UInt64> = {
        var pairs = Set<UInt64>()
        for set in confusableSets {
            for a in set { for b in set where a != b {
                pairs.insert(UInt64(a.unicodeScalars.first!.value) << 32 | UInt64(b.unicodeScalars.first!.value))
            } }
        }
        return pairs
    }()

    public static let substitutionCost = 1.0
    public static let confusableCost = 0.4
    public static let vowelIndelCost = 0.3
    public static let vowelExchangeCost = 0.4
    public static let doublingCost = 0.4
    public static let transpositionCost = 0.5

    static func substitution(_ a: UInt32, _ b: UInt32) -> Double {
        if a == b { return 0 }
        if vowels.contains(a) && vowels.contains(b) { return vowelExchangeCost }
        if confusable.contains(UInt64(a) << 32 | UInt64(b)) { return confusableCost }
        return substitutionCost
    }

    /// The cost of inserting or deleting `c` between `before` and `after` (neighbours in the
    /// longer word).
    static func indel(_ c: UInt32, before: UInt32?, after: UInt32?) -> Double {
        if c == before || c == after { return doublingCost }
        if vowels.contains(c) { return vowelIndelCost }
        return substitutionCost
    }

    /// The distance from `word` (as written) to `target` (a known name), with the edits.
    public static func compare(_ word: String, _ target: String) -> Result {
        let a = word.unicodeScalars.map(\.value), b = target.unicodeScalars.map(\.value)
        return compare(a, b)
    }

    /// The distance only, without explaining it (for ranking many candidates).
    public static func distance(_ a: [UInt32], _ b: [UInt32], limit: Double = .infinity) -> Double {
        table(a, b).last!.last!
    }

    static func table(_ a: [UInt32], _ b: [UInt32]) -> [[Double]] {
        let n = a.count, m = b.count
        var d = [[Double]](repeating: [Double](repeating: 0, count: m + 1), count: n + 1)
        for i in 1...max(n, 1) where i <= n {
            d[i][0] = d[i - 1][0] + indel(a[i - 1], before: i >= 2 ? a[i - 2] : nil, after: i < n ? a[i] : nil)
        }
        for j in 1...max(m, 1) where j <= m {
            d[0][j] = d[0][j - 1] + indel(b[j - 1], before: j >= 2 ? b[j - 2] : nil, after: j < m ? b[j] : nil)
        }
        if n == 0 || m == 0 { return d }
        for i in 1...n {
            for j in 1...m {
                // Deleting a[i-1] (a letter the word has and the name lacks).
                let del = d[i - 1][j] + indel(a[i - 1], before: i >= 2 ? a[i - 2] : nil, after: i < n ? a[i] : nil)
                // Inserting b[j-1] (a letter the name has and the word lacks).
                let ins = d[i][j - 1] + indel(b[j - 1], before: j >= 2 ? b[j - 2] : nil, after: j < m ? b[j] : nil)
                let sub = d[i - 1][j - 1] + substitution(a[i - 1], b[j - 1])
                var best = min(del, ins, sub)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && a[i - 1] != a[i - 2] {
                    best = min(best, d[i - 2][j - 2] + transpositionCost)
                }
                d[i][j] = best
            }
        }
        return d
    }

    static func compare(_ a: [UInt32], _ b: [UInt32]) -> Result {
        let d = table(a, b)
        // Walk back along one cheapest path to name the edits.
        var reasons: [String] = []
        var i = a.count, j = b.count
        func s(_ v: UInt32) -> String { String(Character(Unicode.Scalar(v)!)) }
        func close(_ x: Double, _ y: Double) -> Bool { abs(x - y) < 1e-9 }
        while i > 0 || j > 0 {
            let here = d[i][j]
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && a[i - 1] != a[i - 2]
                && close(here, d[i - 2][j - 2] + transpositionCost) {
                reasons.append("\(s(b[j - 2])) and \(s(b[j - 1])) swapped")
                i -= 2; j -= 2
                continue
            }
            if i > 0 && j > 0 && close(here, d[i - 1][j - 1] + substitution(a[i - 1], b[j - 1])) {
                if a[i - 1] != b[j - 1] { reasons.append("\(s(a[i - 1])) for \(s(b[j - 1]))") }
                i -= 1; j -= 1
                continue
            }
            if i > 0 && close(here, d[i - 1][j] + indel(a[i - 1], before: i >= 2 ? a[i - 2] : nil, after: i < a.count ? a[i] : nil)) {
                let doubled = a[i - 1] == (i >= 2 ? a[i - 2] : nil) || a[i - 1] == (i < a.count ? a[i] : nil)
                reasons.append(doubled ? "\(s(a[i - 1])) doubled" : "\(s(a[i - 1])) added")
                i -= 1
                continue
            }
            let doubled = j >= 1 && (b[j - 1] == (j >= 2 ? b[j - 2] : nil) || b[j - 1] == (j < b.count ? b[j] : nil))
            reasons.append(doubled ? "\(s(b[j - 1])) undoubled" : "\(s(b[j - 1])) dropped")
            j -= 1
        }
        return Result(distance: (d[a.count][b.count] * 1000).rounded() / 1000, reasons: reasons.reversed())
    }
}
