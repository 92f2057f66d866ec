import Foundation
@testable import NameMatching

/// `body` given `model` written to a temporary file, its lines first changed by `edit` (what
/// `edit` returns, such as the index of the line it damaged, goes to `body` too); the file is
/// removed afterwards.
func withModelFile<T>(_ model: BackTransliterationModel, edited edit: (inout [String]) throws -> T,
                      _ body: (URL, T) throws -> Void) throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tarjuman-\(UUID().uuidString).model")
    defer { try? FileManager.default.removeItem(at: url) }
    try model.write(to: url)
    var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let edited = try edit(&lines)
    try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    try body(url, edited)
}

/// `body` given `model` written to a temporary file as it is; the file is removed afterwards.
func withModelFile(_ model: BackTransliterationModel, _ body: (URL) throws -> Void) throws {
    try withModelFile(model, edited: { _ in }) { url, _ in try body(url) }
}
