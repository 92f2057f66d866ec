import CICUBridge

/// One of the four Unicode normalization forms, computed by ICU.
///
///     UnicodeNormalizer.nfkc.normalize("ﻻ")  // "لا"
///
/// The underlying ICU instances are immutable singletons, so a value is safe to share.
public struct UnicodeNormalizer: Sendable {
    public enum Form: Int32, Sendable { case nfc = 0, nfd = 1, nfkc = 2, nfkd = 3 }

    public let form: Form
    // ICU's instances live as long as the process; store the address to stay Sendable.
    private let address: UInt

    public static let nfc = UnicodeNormalizer(.nfc)
    public static let nfd = UnicodeNormalizer(.nfd)
    public static let nfkc = UnicodeNormalizer(.nfkc)
    public static let nfkd = UnicodeNormalizer(.nfkd)

    private init(_ form: Form) {
        var status: Int32 = 0
        // ICU's own data is compiled into libicudata; these instances cannot fail to load
        // short of a broken installation, which no caller could recover from.
        guard let instance = tj_normalizer(form.rawValue, &status), status <= 0 else {
            preconditionFailure("ICU normalizer \(form) unavailable: \(ICU.errorName(status))")
        }
        self.form = form
        self.address = UInt(bitPattern: instance)
    }

    private var handle: OpaquePointer { OpaquePointer(bitPattern: address)! }

    /// The text in this normalization form.
    public func normalize(_ text: String) -> String {
        if text.isEmpty { return text }
        var status: Int32 = 0
        let handle = self.handle
        let result = text.withUTF8Pointer { pointer, length in
            ICU.withUTF8Output(initialCapacity: Int(length) + Int(length) / 2 + 16) { out, capacity in
                tj_normalize_utf8(handle, pointer, length, out, capacity, &status)
            }
        }
        return status > 0 ? text : result
    }

    /// Normalizes UTF-8 bytes into a reusable output array (cleared first), for hot loops.
    public func normalize(utf8 input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        guard let base = input.baseAddress, !input.isEmpty else { return }
        var status: Int32 = 0
        let handle = self.handle
        var capacity = input.count + input.count / 2 + 16
        while true {
            output.reserveCapacity(capacity)
            var needed = 0
            let cap = capacity
            output = [UInt8](unsafeUninitializedCapacity: cap) { buffer, count in
                let n = buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: cap) { out in
                    base.withMemoryRebound(to: CChar.self, capacity: input.count) { source in
                        tj_normalize_utf8(handle, source, Int32(input.count), out, Int32(cap), &status)
                    }
                }
                needed = Int(n)
                count = n <= cap ? Int(n) : 0
            }
            if needed <= capacity || status > 0 { return }
            capacity = needed + 1
        }
    }

    /// Combining class and quick-check answer of every BMP code point, for fast scans:
    /// `table[c] & 0xFF` is the canonical combining class, `table[c] >> 8` is 0 (no), 1 (yes)
    /// or 2 (maybe).
    public func quickCheckTable() -> [UInt16] {
        var table = [UInt16](repeating: 0, count: 0x10000)
        var status: Int32 = 0
        let handle = self.handle
        table.withUnsafeMutableBufferPointer { buffer in
            tj_normalizer_table(handle, buffer.baseAddress!, Int32(buffer.count), &status)
        }
        return table
    }
}
