import CICUBridge

/// ICU collation for a locale: Arabic alphabetical order by default.
///
///     let ar = try Collator(locale: "ar")
///     ["موسكو", "أوديسا", "بوتين"].sorted { ar.compare($0, $1) < 0 }  // ["أوديسا", "بوتين", "موسكو"]
///
/// Not thread-safe: give each concurrent user its own `clone()`.
public final class Collator {
    private let handle: OpaquePointer
    public let locale: String

    public init(locale: String = "ar") throws {
        var status: Int32 = 0
        // A fallback to the root collation is a warning (status < 0), not a failure.
        guard let opened = tj_collator_open(locale, &status), status <= 0 else {
            throw ICUError.failure(operation: "open a collator for '\(locale)'", code: ICU.errorName(status))
        }
        handle = opened
        self.locale = locale
    }

    private init(handle: OpaquePointer, locale: String) {
        self.handle = handle
        self.locale = locale
    }

    deinit { tj_collator_close(handle) }

    public func clone() throws -> Collator {
        var status: Int32 = 0
        guard let copy = tj_collator_clone(handle, &status), status <= 0 else {
            throw ICUError.failure(operation: "clone a collator", code: ICU.errorName(status))
        }
        return Collator(handle: copy, locale: locale)
    }

    /// -1, 0 or 1 as `a` sorts before, with or after `b`.
    public func compare(_ a: String, _ b: String) -> Int {
        var status: Int32 = 0
        let handle = self.handle
        return Int(a.withUTF8Pointer { pa, la in
            b.withUTF8Pointer { pb, lb in tj_collator_compare(handle, pa, la, pb, lb, &status) }
        })
    }

    /// The sort key: byte-wise comparison of keys orders strings as `compare` does.
    public func sortKey(_ text: String) -> [UInt8] {
        var status: Int32 = 0
        let handle = self.handle
        return text.withUTF8Pointer { pointer, length in
            var capacity = Int(length) * 4 + 16
            while true {
                var key = [UInt8](repeating: 0, count: capacity)
                let needed = Int(key.withUnsafeMutableBufferPointer {
                    tj_collator_sort_key(handle, pointer, length, $0.baseAddress!, Int32(capacity), &status)
                })
                if needed <= capacity {
                    key.removeLast(capacity - needed)
                    return key
                }
                capacity = needed
            }
        }
    }
}
