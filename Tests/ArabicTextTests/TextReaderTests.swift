import Foundation
import Testing
@testable import ArabicText

@Suite("TextReader")
struct TextReaderTests {
    func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("tarjuman-\(UUID().uuidString).txt").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("invalid UTF-8 is reported at its line and column", arguments: [
        (Array("abc".utf8) + [0xFF, 0x0A], 1, 4),
        (Array("موسكو\nكييف ".utf8) + [0xC3, 0x28], 2, 6),
        (Array("a\nb\n".utf8) + [0xED, 0xA0, 0x80], 3, 1),  // an encoded surrogate
        (Array("ok".utf8) + [0xE2, 0x82], 1, 3),  // cut short at the end
    ])
    func invalidUTF8(bytes: [UInt8], line: Int, column: Int) throws {
        let path = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try TextReader(path: path)
        #expect {
            _ = try reader.readAll()
        } throws: { error in
            guard case let .invalidUTF8(_, position) = error as? TextInputError else { return false }
            return position.line == line && position.column == column
        }
    }

    @Test("a NUL byte marks a binary file")
    func binary() throws {
        let path = try temporaryFile([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: TextInputError.self) { try TextReader(path: path).readAll() }
    }

    @Test("an empty file has no chunk")
    func empty() throws {
        let path = try temporaryFile([])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try TextReader(path: path).next() == nil)
    }

    @Test("a missing file is unreadable")
    func missing() {
        #expect(throws: TextInputError.self) { try TextReader(path: "/nonexistent/tarjuman.txt") }
    }

    @Test("chunks join back to the input and cut long lines after a space")
    func chunking() throws {
        let line = String(repeating: "بوتين  في موسكو ", count: 200)
        let text = line + "\nكييف\n" + line
        let path = try temporaryFile(Array(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try TextReader(path: path, chunkSize: 256)
        var parts: [TextChunk] = []
        while let chunk = try reader.next() { parts.append(chunk) }
        #expect(parts.map(\.text).joined() == text)
        #expect(parts.count > 10)
        for (a, b) in zip(parts, parts.dropFirst()) {
            #expect(a.text.hasSuffix(" ") || a.text.hasSuffix("\n"))
            #expect(!b.text.hasPrefix(" "))
            #expect(b.start.byteOffset == a.start.byteOffset + a.text.utf8.count)
        }
        // Normalizing chunk by chunk equals normalizing the whole.
        let whole = ArabicNormalizer.matching.normalize(text)
        #expect(parts.map { ArabicNormalizer.matching.normalize($0.text) }.joined() == whole)
    }
}
