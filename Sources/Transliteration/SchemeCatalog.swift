import ArabicText
import Foundation
import ICUBridge
import Synchronization

/// The romanization schemes Tarjuman knows, read from a manifest, with their rules compiled
/// once and cached.
///
///     let t = try SchemeCatalog.bundled.transliterator(for: "ar-Latn-alalc")
///     t.transliterate("القاهِرَة")  // "al-qāhirah"
///
/// The manifest (`manifest.tsv`) has one row a scheme: id, name, standard, directions
/// (`forward` or `both`), reversible (`yes`/`no`), the rule file (or `icu:ID` for one of ICU's
/// own transliterators) and notes. Adding a scheme is adding a rule file and a manifest row.
public final class SchemeCatalog: Sendable {
    public let schemes: [TransliterationScheme]
    private let directory: URL
    /// Compiled prototypes by scheme id and direction; callers get clones.
    private let compiled = Mutex<[String: Compiled]>([:])

    struct Compiled {
        let rules: Transliterator
        let context: WordContext
    }

    /// The schemes shipped with Tarjuman.
    public static let bundled: SchemeCatalog = {
        guard let directory = Bundle.module.url(forResource: "Schemes", withExtension: nil) else {
            preconditionFailure("the Transliteration resources are missing from the installation")
        }
        do {
            return try SchemeCatalog(directory: directory)
        } catch {
            preconditionFailure("the bundled scheme manifest is broken: \(error)")
        }
    }()

    /// Reads `manifest.tsv` in a folder of rule files.
    public init(directory: URL) throws {
        self.directory = directory
        let manifest = directory.appendingPathComponent("manifest.tsv")
        let text: String
        do {
            text = try String(contentsOf: manifest, encoding: .utf8)
        } catch {
            throw TransliterationError.manifest(file: manifest.path, line: 0, reason: "cannot read the manifest")
        }
        var schemes: [TransliterationScheme] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cells.count == 7 else {
                throw TransliterationError.manifest(
                    file: manifest.path, line: index + 1, reason: "expected 7 tab-separated columns, found \(cells.count)")
            }
            let source: TransliterationScheme.Source = cells[5].hasPrefix("icu:")
                ? .icu(id: String(cells[5].dropFirst(4))) : .rules(file: cells[5])
            guard cells[4] == "yes" || cells[4] == "no" else {
                throw TransliterationError.manifest(
                    file: manifest.path, line: index + 1, reason: "reversible must be yes or no, not '\(cells[4])'")
            }
            schemes.append(TransliterationScheme(
                id: cells[0], name: cells[1], standard: cells[2], reversible: cells[4] == "yes",
                source: source, notes: cells[6]))
        }
        self.schemes = schemes
    }

    public var ids: [String] { schemes.map(\.id) }

    public func scheme(_ id: String) throws -> TransliterationScheme {
        guard let scheme = schemes.first(where: { $0.id == id }) else {
            throw TransliterationError.unknownScheme(id: id, valid: ids)
        }
        return scheme
    }

    /// A transliterator of its own for the caller (one thread at a time).
    public func transliterator(for id: String, reverse: Bool = false) throws -> SchemeTransliterator {
        let scheme = try self.scheme(id)
        if reverse && !scheme.reversible {
            throw TransliterationError.notReversible(id: id, reversible: schemes.filter(\.reversible).map(\.id))
        }
        let key = id + (reverse ? "/reverse" : "/forward")
        // The prototypes never leave the lock; each caller gets a clone of its own.
        let (clone, context) = try compiled.withLock { cache -> (Owned<Transliterator>, WordContext) in
            if let cached = cache[key] { return (Owned(try cached.rules.clone()), cached.context) }
            let made = try compile(scheme, reverse: reverse)
            let context = reverse ? WordContext.none : WordContext(probing: made)
            cache[key] = Compiled(rules: made, context: context)
            return (Owned(try made.clone()), context)
        }
        return SchemeTransliterator(scheme: scheme, reverse: reverse, rules: clone.value, context: context)
    }

    /// The rule text of a scheme, or nil for ICU's own.
    public func rules(of scheme: TransliterationScheme) throws -> String? {
        guard case let .rules(file) = scheme.source else { return nil }
        let url = directory.appendingPathComponent(file)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw TransliterationError.missingRules(id: scheme.id, file: url.path)
        }
        return text
    }

    private func compile(_ scheme: TransliterationScheme, reverse: Bool) throws -> Transliterator {
        switch scheme.source {
        case let .icu(id):
            do {
                return try Transliterator(id: id, reverse: reverse)
            } catch let error as ICUError {
                throw TransliterationError.rules(id: scheme.id, file: "icu:\(id)", error: error)
            }
        case let .rules(file):
            let text = try rules(of: scheme) ?? ""
            do {
                return try Transliterator(id: scheme.id, rules: text, reverse: reverse)
            } catch let error as ICUError {
                throw TransliterationError.rules(id: scheme.id, file: directory.appendingPathComponent(file).path, error: error)
            }
        }
    }
}

/// Where a scheme's rules look across a word boundary, found by probing the rules once: the
/// word-final letters whose romanization depends on the next word (tāʾ marbūṭa before the
/// article, in the construct state) and the word-initial letters that depend on the previous one.
struct WordContext: Sendable {
    let sensitiveFinal: Set<UInt32>
    let sensitiveInitial: Set<UInt32>

    /// Letters to probe, and common word starts and ends to probe them with.
    private static let letters: [UInt32] = Array(0x0621...0x063A) + Array(0x0641...0x064A)
        + [0x0671, 0x067E, 0x0686, 0x0698, 0x06A4, 0x06AF]
    private static let followers = ["ال", "ا", "ب", "و", "ف", "ل", "م", "ي", "ت", "ن", "ع", "إ", "أ", "ٱل"]
    private static let predecessors = ["في", "من", "على", "الى", "إلى", "و", "ما", "كتاب", "مدينة", "هو", "ذو", "أبو", "ابن", "بن"]

    static let none = WordContext(sensitiveFinal: [], sensitiveInitial: [])

    init(sensitiveFinal: Set<UInt32>, sensitiveInitial: Set<UInt32>) {
        self.sensitiveFinal = sensitiveFinal
        self.sensitiveInitial = sensitiveInitial
    }

    init(probing rules: Transliterator) {
        func out(_ text: String) -> String { rules.transliterate(text) }
        var finals = Set<UInt32>()
        var initials = Set<UInt32>()
        for letter in Self.letters {
            let l = String(Character(Unicode.Scalar(letter)!))
            let asFinal = "كت" + l
            let alone = out(" " + asFinal + " ")
            if Self.followers.contains(where: { !out(" " + asFinal + " " + $0 + "ب ").hasPrefix(alone) }) {
                finals.insert(letter)
            }
            let asInitial = l + "كت"
            let single = out(" " + asInitial + " ")
            if Self.predecessors.contains(where: { !out(" " + $0 + " " + asInitial + " ").hasSuffix(single) }) {
                initials.insert(letter)
            }
        }
        sensitiveFinal = finals
        sensitiveInitial = initials
    }
}

/// Transliterates with one scheme in one direction. Not thread-safe: get one per thread from
/// the catalog (compiling is shared; this holds a clone and a cache of its own).
///
/// Every input first goes through the `display` steps that matter here (bidi and zero-width
/// controls dropped, NFC). Forward, the text is cut into phrases: runs of Arabic-script
/// characters, joined with their neighbours only where the scheme's rules look across the
/// word boundary (see `WordContext`). Each phrase is transliterated between spaces and
/// remembered: news text repeats its words, and ICU's rule-based engine is slow, so the cache
/// is what makes the schemes fast. Characters outside the Arabic script (Latin, digits,
/// punctuation, white space) pass through as they are. Reverse, the text goes through ICU whole.
public final class SchemeTransliterator {
    public let scheme: TransliterationScheme
    public let reverse: Bool
    private let rules: Transliterator
    private let context: WordContext
    private var cache: [String: String] = [:]
    /// Beyond this many remembered phrases, the cache starts again.
    public var cacheLimit = 200_000

    private static let preStep = ArabicNormalizer(steps: [.removeControls, .canonicalComposition])

    init(scheme: TransliterationScheme, reverse: Bool, rules: Transliterator, context: WordContext) {
        self.scheme = scheme
        self.reverse = reverse
        self.rules = rules
        self.context = context
    }

    /// The text in the scheme.
    public func transliterate(_ text: String) -> String {
        let clean = Self.preStep.normalize(text)
        if reverse { return rules.transliterate(clean) }
        var output = ""
        output.reserveCapacity(clean.utf8.count + clean.utf8.count / 2)
        var copy = clean
        copy.withUTF8 { bytes in
            // The pending phrase: from its first Arabic byte to the end of its last run.
            var phraseStart = -1
            var phraseEnd = -1
            var plainStart = 0  // start of the pass-through text after the phrase
            var runStart = -1
            var lastScalar: UInt32 = 0  // the last scalar of the run that just ended
            var phraseLastScalar: UInt32 = 0  // the last scalar of the pending phrase
            func emitPhrase() {
                guard phraseStart >= 0 else { return }
                output += phrase(UnsafeBufferPointer(rebasing: bytes[phraseStart..<phraseEnd]))
                phraseStart = -1
            }
            func endRun(at end: Int) {
                // A run ends: it extends the pending phrase or starts a new one.
                let first = decode(bytes, at: runStart)
                defer { phraseLastScalar = lastScalar }
                if phraseStart >= 0
                    && (context.sensitiveFinal.contains(phraseLastScalar) || context.sensitiveInitial.contains(first)) {
                    phraseEnd = end  // the gap between stays inside the phrase
                } else {
                    emitPhrase()
                    if runStart > plainStart {
                        output += String(decoding: UnsafeBufferPointer(rebasing: bytes[plainStart..<runStart]), as: UTF8.self)
                    }
                    phraseStart = runStart
                    phraseEnd = end
                }
                plainStart = end
                runStart = -1
            }
            var i = 0
            var previous: UInt32 = 0
            while i < bytes.count {
                let lead = bytes[i]
                let width = lead < 0x80 ? 1 : (lead < 0xE0 ? 2 : (lead < 0xF0 ? 3 : 4))
                let arabic = Self.isArabicScript(bytes, at: i, lead: lead)
                if arabic && runStart < 0 {
                    runStart = i
                } else if !arabic && runStart >= 0 {
                    lastScalar = previous
                    endRun(at: i)
                }
                if arabic { previous = decode(bytes, at: i) }
                i += width
            }
            if runStart >= 0 {
                lastScalar = previous
                endRun(at: bytes.count)
            }
            emitPhrase()
            if plainStart < bytes.count {
                output += String(decoding: UnsafeBufferPointer(rebasing: bytes[plainStart..<bytes.count]), as: UTF8.self)
            }
        }
        return output
    }

    /// Transliterates directly through ICU, without phrases or cache: the reference the fast
    /// path must agree with.
    public func transliterateWithoutCache(_ text: String) -> String {
        rules.transliterate(Self.preStep.normalize(text))
    }

    private func phrase(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let key = String(decoding: bytes, as: UTF8.self)
        if let known = cache[key] { return known }
        // Between spaces, as in running text, so that rules for word ends and starts apply.
        let padded = rules.transliterate(" " + key + " ")
        let result: String
        if padded.hasPrefix(" ") && padded.hasSuffix(" ") && padded.utf8.count >= 2 {
            result = String(padded.dropFirst().dropLast())
        } else {
            result = rules.transliterate(key)
        }
        if cache.count >= cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[key] = result
        return result
    }

    @inline(__always)
    private func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt32 {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return b0 }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6) | (UInt32(bytes[i + 1]) & 0x3F) }
        if b0 < 0xF0 { return ((b0 & 0x0F) << 12) | ((UInt32(bytes[i + 1]) & 0x3F) << 6) | (UInt32(bytes[i + 2]) & 0x3F) }
        return ((b0 & 0x07) << 18) | ((UInt32(bytes[i + 1]) & 0x3F) << 12) | ((UInt32(bytes[i + 2]) & 0x3F) << 6)
            | (UInt32(bytes[i + 3]) & 0x3F)
    }

    /// Arabic letters, marks, digits and punctuation, and presentation forms.
    @inline(__always)
    private static func isArabicScript(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, lead: UInt8) -> Bool {
        if lead >= 0xD8 && lead <= 0xDD { return true }  // U+0600..U+077F
        if lead == 0xE0, i + 1 < bytes.count {
            let b1 = bytes[i + 1]
            return b1 >= 0xA2 && b1 <= 0xA3  // U+0880..U+08FF
        }
        if lead == 0xEF, i + 1 < bytes.count {
            let b1 = bytes[i + 1]
            // U+FB50..U+FDFF and U+FE70..U+FEFE (not the BOM, dropped already)
            return (b1 >= 0xAD && b1 <= 0xB7) || (b1 >= 0xB9 && b1 <= 0xBB)
        }
        return false
    }
}

/// A value handed from one owner to the next, never shared: a fresh clone leaving the lock.
struct Owned<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
