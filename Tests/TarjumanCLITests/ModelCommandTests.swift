import Foundation
import Testing

@Suite("tarjuman model")
struct ModelCommandTests {
    @Test("bad input to model commands exits 65 with a message naming it", arguments: [
        (["model", "train", "PAIRS", "-o", "/dev/null"], [UInt8]("بافلوف\tpav".utf8) + [0xFF] + [UInt8]("lov\n".utf8), ":1:11: invalid UTF-8"),
        (["model", "train", "PAIRS", "-o", "/dev/null"], [UInt8]("بافلوف\n".utf8), ":1: expected arabic<TAB>english"),
        (["model", "train", "PAIRS", "-o", "/dev/null"], [], "no name pairs to learn from"),
        (["model", "propose", "--model", "PAIRS", "بافلوف"], [UInt8]("not a model\n".utf8), "not a Tarjuman model"),
        (["lookup", "--model", "PAIRS", "بافلوف"], [UInt8]("not a model\n".utf8), "not a Tarjuman model"),
    ] as [([String], [UInt8], String)])
    func badInput(arguments: [String], bytes: [UInt8], message: String) throws {
        let path = try temporaryFile(bytes, suffix: ".tsv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try CLI.run(arguments.map { $0 == "PAIRS" ? path : $0 })
        #expect(r.status == 65)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test("propose names what has no Arabic letters and still answers the rest")
    func notArabic() throws {
        let r = try CLI.run(["model", "propose", "hello", "كوفالينكو"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("hello: no Arabic letters"))
        #expect(r.stdout.hasPrefix("كوفالينكو\tKovalenko\t"))
    }

    @Test("a model trained from a pair file is written whole and proposes")
    func trainAndPropose() throws {
        var pairs = ""
        for (a, e) in [("بافلوف", "pavlov"), ("إيفانوف", "ivanov"), ("سميرنوف", "smirnov"), ("بوبوف", "popov"), ("كوزلوف", "kozlov"),
                       ("سوكولوف", "sokolov"), ("موروزوف", "morozov"), ("فولكوف", "volkov"), ("شيفتشينكو", "shevchenko")] {
            pairs += "\(a)\t\(e)\n"
        }
        let input = try temporaryFile(Array(pairs.utf8), suffix: ".tsv")
        let output = input + ".model"
        defer { try? FileManager.default.removeItem(atPath: input); try? FileManager.default.removeItem(atPath: output) }
        let trained = try CLI.run(["model", "train", "--no-known-names", input, "-o", output])
        #expect(trained.status == 0)
        #expect(trained.stderr.contains("trained on 9 pairs"))
        let proposed = try CLI.run(["model", "propose", "--model", output, "--limit", "1", "بوبوف"])
        #expect(proposed.stdout.hasPrefix("بوبوف\tPopov\t"))
    }
}
