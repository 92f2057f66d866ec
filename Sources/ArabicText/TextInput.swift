#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A place in a text: 1-based line and column (the column counts Unicode scalars) and the
/// 0-based UTF-8 byte offset.
public struct TextPosition: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var byteOffset: Int

    public init(line: Int, column: Int, byteOffset: Int) {
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
    }

    public static let start = TextPosition(line: 1, column: 1, byteOffset: 0)

    /// `line:column`
    public var description: String { "\(line):\(column)" }

    /// The position after some UTF-8 bytes that start at this position.
    public func advanced(over bytes: UnsafeBufferPointer<UInt8>) -> TextPosition {
        var p = self
        for b in bytes {
            if b == 0x0A {
                p.line += 1
                p.column = 1
            } else if b & 0xC0 != 0x80 {
                p.column += 1
            }
        }
        p.byteOffset += bytes.count
        return p
    }
}

/// Why a text could not be read.
public enum TextInputError: Error, Equatable, CustomStringConvertible, Sendable {
    case unreadable(file: String, reason: String)
    case invalidUTF8(file: String, position: TextPosition)
    case binary(file: String, position: TextPosition)

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot read: \(reason)"
        case let .invalidUTF8(file, p):
            return "\(file):\(p.line):\(p.column): invalid UTF-8 (byte offset \(p.byteOffset)); the file must be UTF-8 text"
        case let .binary(file, p):
            return "\(file):\(p.line):\(p.column): binary data (a NUL byte at byte offset \(p.byteOffset)); the file must be UTF-8 text"
        }
    }
}

/// Checks UTF-8 as the Unicode standard defines it (no overlongs, no surrogates, nothing past
/// U+10FFFF) and finds the first bad byte.
public enum UTF8Validation {
    /// The offset of the first byte that does not start a valid sequence, or nil when the
    /// bytes are valid UTF-8. A sequence cut short by the end of the buffer is invalid unless
    /// `allowTruncatedEnd`, when it returns nil and `truncatedTail` gets the tail's length.
    public static func firstInvalidByte(
        in bytes: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool = false, truncatedTail: inout Int
    ) -> Int? {
        truncatedTail = 0
        let n = bytes.count
        var i = 0
        while i < n {
            // Eight ASCII bytes at a time.
            while i + 8 <= n {
                let word = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            if i >= n { break }
            let b0 = bytes[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            let need: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lower = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: need = 2
            case 0xED: need = 2; upper = 0x9F
            case 0xF0: need = 3; lower = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; upper = 0x8F
            default: return i
            }
            for k in 1...need {
                if i + k >= n {
                    if allowTruncatedEnd {
                        truncatedTail = n - i
                        return nil
                    }
                    return i
                }
                let b = bytes[i + k]
                if k == 1 ? (b < lower || b > upper) : (b & 0xC0 != 0x80) { return i }
            }
            i += need + 1
        }
        return nil
    }

    public static func firstInvalidByte(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var tail = 0
        return firstInvalidByte(in: bytes, truncatedTail: &tail)
    }
}

/// A piece of an input: whole lines, except that a very long line may be cut at a space.
public struct TextChunk: Sendable {
    public let text: String
    /// Where the chunk's first character stands in the whole input.
    public let start: TextPosition
}

/// Reads a file or standard input as validated UTF-8, in chunks of whole lines, so that a
/// file of any size streams in bounded memory.
///
/// A chunk ends after a line break; a line longer than `chunkSize` is cut just after a space
/// that precedes a non-space (so runs of white space and letters with their marks stay whole),
/// or grows the chunk when the line has no such space. Invalid UTF-8 or a NUL byte stops the
/// reading with the line and column of the first bad byte.
public final class TextReader {
    public let name: String
    private let fd: Int32
    private let ownsDescriptor: Bool
    private let chunkSize: Int
    private var pending: [UInt8] = []
    private var atEnd = false
    private var position = TextPosition.start

    /// Opens a file; `nil` or "-" reads standard input.
    public init(path: String?, chunkSize: Int = 1 << 20) throws {
        self.chunkSize = max(chunkSize, 64)
        if let path, path != "-" {
            name = path
            var info = stat()
            let opened = open(path, O_RDONLY)
            if opened < 0 {
                throw TextInputError.unreadable(file: path, reason: String(cString: strerror(errno)))
            }
            if fstat(opened, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
                close(opened)
                throw TextInputError.unreadable(file: path, reason: "is a directory")
            }
            fd = opened
            ownsDescriptor = true
        } else {
            name = "<stdin>"
            fd = 0
            ownsDescriptor = false
        }
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    /// The whole input as one string (for small inputs and tests).
    public func readAll() throws -> String {
        var parts: [String] = []
        while let chunk = try next() { parts.append(chunk.text) }
        return parts.joined()
    }

    /// The next chunk, or nil at the end of the input.
    public func next() throws -> TextChunk? {
        while true {
            if let cut = cutPoint() {
                return try take(cut)
            }
            if atEnd {
                if pending.isEmpty { return nil }
                return try take(pending.count)
            }
            try fill()
        }
    }

    private func fill() throws {
        let want = chunkSize
        let old = pending.count
        pending.reserveCapacity(old + want)
        var got = 0
        pending.append(contentsOf: repeatElement(0, count: want))
        while true {
            got = pending.withUnsafeMutableBufferPointer { buffer in
                read(fd, buffer.baseAddress! + old, want)
            }
            if got < 0 && errno == EINTR { continue }
            break
        }
        if got < 0 {
            pending.removeLast(want)
            throw TextInputError.unreadable(file: name, reason: String(cString: strerror(errno)))
        }
        pending.removeLast(want - got)
        if got == 0 { atEnd = true }
    }

    /// Where to cut the pending bytes into a chunk, if a chunk is ready.
    private func cutPoint() -> Int? {
        if pending.isEmpty { return nil }
        return pending.withUnsafeBufferPointer { bytes -> Int? in
            let limit = min(bytes.count, chunkSize)
            // The last line break within the limit.
            if let newline = lastIndex(of: 0x0A, in: bytes, before: limit) {
                return newline + 1
            }
            if bytes.count < chunkSize && !atEnd { return nil }
            if atEnd && bytes.count <= chunkSize { return nil }
            // A long line: cut after a space that precedes a character that starts a word (no
            // white space, no continuation byte, no combining mark), so that runs of white space
            // and letters with their marks stay whole.
            var i = limit - 1
            while i > 0 {
                if bytes[i - 1] == 0x20 && Self.startsWord(bytes, at: i) {
                    return i
                }
                i -= 1
            }
            // No space: a newline further on, or else wait for more (the chunk grows).
            if let newline = firstIndex(of: 0x0A, in: bytes, from: limit) { return newline + 1 }
            return nil
        }
    }

    private static func startsWord(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let b = bytes[i]
        if b < 0x80 { return b > 0x20 }
        if b < 0xC0 { return false }
        let width = b < 0xE0 ? 2 : (b < 0xF0 ? 3 : 4)
        guard i + width <= bytes.count else { return false }
        let (scalar, _) = decodeScalar(bytes, at: i)
        guard let s = Unicode.Scalar(scalar) else { return false }
        return s.properties.generalCategory != .nonspacingMark && !s.properties.isWhitespace
            && s.properties.generalCategory != .format
    }

    private func lastIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, before end: Int) -> Int? {
        var i = end - 1
        while i >= 0 {
            if bytes[i] == byte { return i }
            i -= 1
        }
        return nil
    }

    private func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, start < bytes.count else { return nil }
        guard let found = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    private func take(_ count: Int) throws -> TextChunk {
        let start = position
        let text: String = try pending.withUnsafeBufferPointer { all in
            let bytes = UnsafeBufferPointer(rebasing: all[..<count])
            if let bad = UTF8Validation.firstInvalidByte(in: bytes) {
                throw TextInputError.invalidUTF8(
                    file: name, position: start.advanced(over: UnsafeBufferPointer(rebasing: bytes[..<bad])))
            }
            if let base = bytes.baseAddress, let nul = memchr(base, 0, bytes.count) {
                let at = base.distance(to: nul.assumingMemoryBound(to: UInt8.self))
                throw TextInputError.binary(
                    file: name, position: start.advanced(over: UnsafeBufferPointer(rebasing: bytes[..<at])))
            }
            position = start.advanced(over: bytes)
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                _ = buffer.initialize(from: bytes)
                return bytes.count
            }
        }
        pending.removeFirst(count)
        return TextChunk(text: text, start: start)
    }
}
