import ArabicText
import Foundation
import ICUBridge
import Testing
@testable import NameMatching

@Suite("Countries against CLDR")
struct CLDRTests {
    /// The codes the Glossaries README lists as deliberate differences from CLDR.
    static func documentedCodes() throws -> Set<String> {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Glossaries/README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        guard let section = text.range(of: "## Countries and CLDR") else { return [] }
        var codes = Set<String>()
        for line in text[section.upperBound...].split(separator: "\n") where line.hasPrefix("| ") {
            let first = line.dropFirst(2).prefix { $0 != "|" }
            for code in first.split(separator: ",") {
                let c = code.trimmingCharacters(in: .whitespaces)
                if c.count == 2 && c.uppercased() == c { codes.insert(c) }
            }
        }
        return codes
    }

    @Test("every country's canonical forms equal ICU's CLDR names, or the difference is documented")
    func countries() throws {
        let documented = try Self.documentedCodes()
        #expect(documented.count >= 20)
        let normalize = { (s: String) in ArabicNormalizer.matching.normalize(s) }
        var undocumented: [String] = []
        for entry in Bundled.kb.entries where ["country", "observer-state"].contains(entry.subtype) && !entry.country.isEmpty {
            guard let ar = ICU.regionName(entry.country, in: "ar"), let en = ICU.regionName(entry.country, in: "en") else { continue }
            let sameArabic = normalize(ar) == normalize(entry.arabic)
            let sameEnglish = en == entry.english
            if !(sameArabic && sameEnglish) && !documented.contains(entry.country) {
                undocumented.append("\(entry.country): CLDR \(ar) / \(en), file \(entry.arabic) / \(entry.english)")
            }
        }
        #expect(undocumented.isEmpty, "\(undocumented)")
    }

    @Test("every UN member state is there")
    func memberStates() {
        let countries = Bundled.kb.entries.filter { $0.subtype == "country" }
        #expect(countries.count == 193)
        #expect(Bundled.kb.entries.filter { $0.subtype == "observer-state" }.count == 2)
    }
}
