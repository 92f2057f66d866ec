import CICUBridge

/// An error reported by ICU, with enough context for a person to act on it.
public enum ICUError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Transliteration rules that ICU could not compile. `line` and `offset` (the column, in
    /// characters) are 1-based and point at the start of the failing rule.
    case ruleSyntax(id: String, code: String, line: Int?, offset: Int?)
    /// An id that names no transliterator ICU knows.
    case unknownTransliterator(id: String, code: String)
    /// Any other failure of an ICU call.
    case failure(operation: String, code: String)

    public var description: String {
        switch self {
        case let .ruleSyntax(id, code, line, offset):
            var place = ""
            if let line { place += " at line \(line)" }
            if let offset { place += line == nil ? " at offset \(offset)" : ", offset \(offset)" }
            return "transliteration rules '\(id)' do not compile\(place) (\(code))"
        case let .unknownTransliterator(id, code):
            return "ICU has no transliterator '\(id)' (\(code))"
        case let .failure(operation, code):
            return "ICU failed to \(operation) (\(code))"
        }
    }
}

/// Facts about the ICU library the process is linked with.
public enum ICU {
    /// ICU's version, such as "72.1".
    public static let version: String = {
        var buffer = [CChar](repeating: 0, count: 32)
        tj_icu_version(&buffer, Int32(buffer.count))
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    static func errorName(_ status: Int32) -> String {
        String(cString: tj_error_name(status))
    }

    /// The display name of a region (ISO 3166 code) in a language, from ICU's CLDR data.
    ///
    ///     ICU.regionName("UA", in: "en")  // "Ukraine"
    public static func regionName(_ region: String, in displayLocale: String) -> String? {
        var status: Int32 = 0
        let name = withUTF8Output { out, capacity in
            tj_display_region(region, displayLocale, out, capacity, &status)
        }
        return status > 0 || name.isEmpty ? nil : name
    }

    /// Calls a C function that writes UTF-8 into a buffer and returns the length it needed,
    /// growing the buffer once when the first try was too small.
    static func withUTF8Output(
        initialCapacity: Int = 256,
        _ body: (UnsafeMutablePointer<CChar>, Int32) -> Int32
    ) -> String {
        var capacity = max(initialCapacity, 16)
        while true {
            var result: String?
            var needed = 0
            withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
                let n = Int(body(buffer.baseAddress!, Int32(capacity)))
                needed = n
                if n <= capacity {
                    result = buffer.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: n) {
                        String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self)
                    }
                }
            }
            if let result { return result }
            capacity = needed + 1
        }
    }
}

extension String {
    /// Runs `body` with the string's UTF-8 bytes, without copying when the string is native.
    @inlinable
    func withUTF8Pointer<R>(_ body: (UnsafePointer<CChar>, Int32) throws -> R) rethrows -> R {
        var copy = self
        return try copy.withUTF8 { bytes in
            try bytes.withMemoryRebound(to: CChar.self) { chars in
                // An empty buffer may have a nil base address; ICU wants a valid pointer.
                if let base = chars.baseAddress {
                    return try body(base, Int32(chars.count))
                }
                var zero: CChar = 0
                return try body(&zero, 0)
            }
        }
    }
}
