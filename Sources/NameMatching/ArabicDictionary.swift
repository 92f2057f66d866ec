import CHunspell
import Foundation

/// Debian's Arabic spelling dictionary (hunspell-ar) through libhunspell: tells an ordinary
/// Arabic word (قصف، بناءة) from a name or a misspelling.
///
///     ArabicDictionary.system?.knows("محادثات")  // true
///     ArabicDictionary.system?.knows("ويكتوف")   // false
///
/// Answers are remembered. Safe to share: calls into hunspell are serialized.
public final class ArabicDictionary: @unchecked Sendable {
    private let handle: OpaquePointer
    private let lock = NSLock()
    private var cache: [String: Bool] = [:]
    public let path: String

    /// The dictionary of the system, or nil when hunspell-ar is not installed. The
    /// environment variable TARJUMAN_HUNSPELL names another `.dic` file (its `.aff` beside it).
    public static let system: ArabicDictionary? = {
        var candidates = ["/usr/share/hunspell/ar.dic", "/usr/local/share/hunspell/ar.dic", "/usr/share/myspell/ar.dic"]
        if let custom = ProcessInfo.processInfo.environment["TARJUMAN_HUNSPELL"] { candidates.insert(custom, at: 0) }
        for dic in candidates where FileManager.default.fileExists(atPath: dic) {
            if let d = ArabicDictionary(dictionary: dic) { return d }
        }
        return nil
    }()

    public init?(dictionary dic: String) {
        let aff = String(dic.dropLast(4)) + ".aff"
        guard FileManager.default.fileExists(atPath: aff), let h = Hunspell_create(aff, dic) else { return nil }
        handle = h
        path = dic
    }

    deinit { Hunspell_destroy(handle) }

    /// Whether the dictionary accepts the word as written (it knows the clitics and article).
    public func knows(_ word: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if let known = cache[word] { return known }
        let result = Hunspell_spell(handle, word) != 0
        if cache.count > 500_000 { cache.removeAll(keepingCapacity: true) }
        cache[word] = result
        return result
    }
}
