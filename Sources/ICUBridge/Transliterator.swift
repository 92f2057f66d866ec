import CICUBridge

/// An ICU transliterator, opened by id or compiled from rule text.
///
///     let t = try Transliterator(id: "Arabic-Latin")
///     t.transliterate("بوتين")  // "bwtyn"
///
/// An ICU transliterator is not thread-safe: a value of this class belongs to one thread at a
/// time. Give each concurrent user its own `clone()`.
public final class Transliterator {
    private let handle: OpaquePointer
    /// The id it was opened with (for rule text, the name given by the caller).
    public let id: String

    /// Opens one of ICU's own transliterators ("Arabic-Latin", "Any-Latin; Latin-ASCII").
    public convenience init(id: String, reverse: Bool = false) throws {
        try self.init(id: id, rules: nil, reverse: reverse)
    }

    /// Compiles custom rules. `id` names them in error messages.
    public convenience init(id: String, rules: String, reverse: Bool = false) throws {
        try self.init(id: id, rules: Optional(rules), reverse: reverse)
    }

    private init(id: String, rules: String?, reverse: Bool) throws {
        var status: Int32 = 0
        var line: Int32 = -1
        var offset: Int32 = -1
        let opened: OpaquePointer? = id.withUTF8Pointer { idPointer, idLength in
            if let rules {
                return rules.withUTF8Pointer { rulesPointer, rulesLength in
                    tj_translit_open(idPointer, idLength, rulesPointer, rulesLength, reverse ? 1 : 0,
                                     &line, &offset, &status)
                }
            }
            return tj_translit_open(idPointer, idLength, nil, 0, reverse ? 1 : 0, &line, &offset, &status)
        }
        guard let opened, status <= 0 else {
            let code = ICU.errorName(status)
            if let rules {
                // ICU reports the start of the failing rule as a UTF-16 offset into the whole
                // text (and no useful line), so the line and column are computed here.
                let place = offset >= 0 ? Self.lineAndColumn(ofUTF16Offset: Int(offset), in: rules) : nil
                throw ICUError.ruleSyntax(id: id, code: code, line: place?.line, offset: place?.column)
            }
            throw ICUError.unknownTransliterator(id: id, code: code)
        }
        handle = opened
        self.id = id
    }

    /// 1-based line and column (in characters) of a UTF-16 offset.
    static func lineAndColumn(ofUTF16Offset offset: Int, in text: String) -> (line: Int, column: Int) {
        let utf16 = text.utf16
        let index = utf16.index(utf16.startIndex, offsetBy: min(offset, utf16.count))
        var line = 1
        var lineStart = text.startIndex
        var i = text.startIndex
        while i < index {
            if text[i] == "\n" {
                line += 1
                lineStart = text.index(after: i)
            }
            i = text.index(after: i)
        }
        return (line, text[lineStart..<index].count + 1)
    }

    private init(handle: OpaquePointer, id: String) {
        self.handle = handle
        self.id = id
    }

    deinit { tj_translit_close(handle) }

    /// A new transliterator with the same rules, for use on another thread.
    public func clone() throws -> Transliterator {
        var status: Int32 = 0
        guard let copy = tj_translit_clone(handle, &status), status <= 0 else {
            throw ICUError.failure(operation: "clone transliterator '\(id)'", code: ICU.errorName(status))
        }
        return Transliterator(handle: copy, id: id)
    }

    /// Transliterates text. Invalid input cannot occur (Swift strings are valid Unicode), so the
    /// only failure is running out of memory, which ICU reports and this turns into a trap-free
    /// empty result.
    public func transliterate(_ text: String) -> String {
        if text.isEmpty { return text }
        var status: Int32 = 0
        let handle = self.handle
        let result = text.withUTF8Pointer { pointer, length in
            ICU.withUTF8Output(initialCapacity: Int(length) * 3 + 16) { out, capacity in
                tj_translit_utf8(handle, pointer, length, out, capacity, &status)
            }
        }
        return status > 0 ? "" : result
    }

    /// The ids of every transliterator the linked ICU provides.
    public static var availableIDs: [String] {
        var status: Int32 = 0
        let joined = ICU.withUTF8Output(initialCapacity: 1 << 16) { out, capacity in
            tj_translit_available_ids(out, capacity, &status)
        }
        return joined.split(separator: "\n").map(String.init)
    }
}
