// Throughput of Tarjuman's text layer, as ratios against raw ICU measured in the same run.
//
//     swift run -c release --package-path Benchmarks tarjuman-bench [--mb 20] [--only NAME]
//
// The corpus is the project's own Examples/ (and ../shared/corpus when present), repeated up
// to the size asked for, in lines as they come. Every figure is the best of three runs.
import ArabicText
import Foundation
import ICUBridge
import Transliteration

struct Options {
    var megabytes = 20
    var only: String?
    init(_ arguments: [String]) {
        var it = arguments.dropFirst().makeIterator()
        while let a = it.next() {
            switch a {
            case "--mb": megabytes = Int(it.next() ?? "") ?? megabytes
            case "--only": only = it.next()
            default: FileHandle.standardError.write("unknown argument \(a)\n".data(using: .utf8)!)
            }
        }
    }
}

let options = Options(CommandLine.arguments)
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func corpusLines() -> [String] {
    var texts: [String] = []
    let fm = FileManager.default
    for folder in ["Examples", "../shared/corpus"] {
        let dir = root.appendingPathComponent(folder)
        guard let names = try? fm.contentsOfDirectory(atPath: dir.path) else { continue }
        for name in names.sorted() where name.hasSuffix(".txt") {
            if let text = try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) {
                texts.append(text)
            }
        }
    }
    return texts.flatMap { $0.split(separator: "\n").map(String.init) }.filter { !$0.isEmpty }
}

let lines = corpusLines()
guard !lines.isEmpty else { fatalError("no corpus: Examples/ is empty") }
var chunks: [String] = []  // about 64 KB each, whole lines
var total = 0
var current = ""
while total < options.megabytes << 20 {
    for line in lines {
        current += line
        current += "\n"
        if current.utf8.count >= 1 << 16 {
            total += current.utf8.count
            chunks.append(current)
            current = ""
        }
    }
}
let megabytes = Double(total) / 1_048_576

func measure(_ name: String, _ body: () -> Int) -> Double {
    var best = Double.infinity
    var sink = 0
    for _ in 0..<3 {
        let start = DispatchTime.now().uptimeNanoseconds
        sink &+= body()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        best = min(best, seconds)
    }
    let rate = megabytes / best
    print(String(format: "%-44@ %9.1f MB/s  (%.3f s for %.1f MB)", name as NSString, rate, best, megabytes),
          sink == 42 ? "" : "")
    return rate
}

print("Tarjuman benchmarks: ICU \(ICU.version), \(String(format: "%.1f", megabytes)) MB of Arabic news text, one thread")
func wanted(_ name: String) -> Bool { options.only.map { name.contains($0) } ?? true }

var icu = 0.0
if wanted("normalize") {
    icu = measure("baseline: raw ICU NFKC") {
        chunks.reduce(0) { $0 &+ UnicodeNormalizer.nfkc.normalize($1).utf8.count }
    }
    let matching = measure("ArabicNormalizer matching") {
        chunks.reduce(0) { $0 &+ ArabicNormalizer.matching.normalize($1).utf8.count }
    }
    let mapped = measure("ArabicNormalizer matching, with offset map") {
        chunks.reduce(0) { $0 &+ ArabicNormalizer.matching.normalizeWithOffsets($1).originOffsets.count }
    }
    let display = measure("ArabicNormalizer display") {
        chunks.reduce(0) { $0 &+ ArabicNormalizer.display.normalize($1).utf8.count }
    }
    print(String(format: "  ratios to ICU NFKC: matching %.2f, with map %.2f, display %.2f",
                 matching / icu, mapped / icu, display / icu))
}
if wanted("token") {
    let words = try WordBreakIterator()
    let breaks = measure("baseline: raw ICU word breaks") {
        var n = 0
        for chunk in chunks {
            var c = chunk
            c.withUTF8 { bytes in words.forEachSegment(in: bytes) { _, _ in n += 1 } }
        }
        return n
    }
    let tokenizer = try Tokenizer()
    let tokens = measure("Tokenizer with clitic analyses") {
        var n = 0
        for chunk in chunks {
            tokenizer.forEachToken(in: chunk) { token in n &+= token.analyses.count }
        }
        return n
    }
    print(String(format: "  ratio to raw ICU word breaks: %.2f", tokens / breaks))
}

if wanted("translit") {
    // Line by line, as `tarjuman translit` works; the baseline is ICU's built-in Arabic-Latin
    // on the same lines, uncached, as `uconv -x Arabic-Latin` does.
    let lines = chunks.flatMap { $0.split(separator: "\n").map(String.init) }
    let icuLatin = try Transliterator(id: "Arabic-Latin")
    let baseline = measure("baseline: ICU Arabic-Latin, line by line") {
        lines.reduce(0) { $0 &+ icuLatin.transliterate($1).utf8.count }
    }
    for id in SchemeCatalog.bundled.ids {
        let t = try SchemeCatalog.bundled.transliterator(for: id)
        let rate = measure("translit \(id)") {
            lines.reduce(0) { $0 &+ t.transliterate($1).utf8.count }
        }
        print(String(format: "  %.2f x ICU Arabic-Latin", rate / baseline))
    }
    // Cold: every phrase new (the cache off), on a tenth of the text.
    let sample = Array(lines.prefix(lines.count / 10))
    let sampleMB = Double(sample.reduce(0) { $0 + $1.utf8.count }) / 1_048_576
    for id in ["ar-Latn-buckwalter", "ar-Latn-alalc"] {
        let t = try SchemeCatalog.bundled.transliterator(for: id)
        t.cacheLimit = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let n = sample.reduce(0) { $0 &+ t.transliterate($1).utf8.count }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print(String(format: "translit \(id), cache off (every word new) %9.1f MB/s", sampleMB / seconds), n == 42 ? "" : "")
    }
}
