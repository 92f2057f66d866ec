import ArabicText
import ArgumentParser
import GlossaryFormats

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Exit codes of the sysexits convention, as the README documents them.
enum ExitStatus {
    /// Bad input data: unreadable file, invalid UTF-8, binary file.
    static let dataError = ExitCode(65)
}

/// Messages for people, on standard error.
enum Diagnostics {
    static func error(_ message: String) {
        write(2, "tarjuman: error: \(message)\n")
    }

    static func warning(_ message: String) {
        write(2, "tarjuman: warning: \(message)\n")
    }

    private static func write(_ fd: Int32, _ text: String) {
        var copy = text
        copy.withUTF8 { bytes in
            var done = 0
            while done < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n <= 0 { return }
                done += n
            }
        }
    }
}

/// Buffered standard output.
struct StandardOutput {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func write(_ text: Substring) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        buffer.withUnsafeBufferPointer { bytes in
            var done = 0
            while done < bytes.count {
                let n = Glibc.write(1, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                done += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Reads each input in turn (standard input when there is none or for "-"), reporting an
/// unreadable or invalid input with its file, line and column and exit code 65.
func forEachChunk(of inputs: [String], _ body: (String, TextChunk) throws -> Void) throws {
    let paths = inputs.isEmpty ? ["-"] : inputs
    for path in paths {
        do {
            let reader = try TextReader(path: path)
            while let chunk = try reader.next() {
                try body(reader.name, chunk)
            }
        } catch let error as TextInputError {
            Diagnostics.error(error.description)
            throw ExitStatus.dataError
        }
    }
}

/// A JSON string literal.
func jsonString(_ text: some StringProtocol) -> String {
    JSONWriter.string(text)
}
