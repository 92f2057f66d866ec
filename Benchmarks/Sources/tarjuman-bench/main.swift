// Throughput of Tarjuman's text layer, as ratios against raw ICU measured in the same run.
//
//     swift run -c release --package-path Benchmarks tarjuman-bench [--mb 20] [--only NAME]
//
// The corpus is the project's own Examples/ (and ../shared/corpus when present), repeated up
// to the size asked for, in lines as they come. Every figure is the best of three runs.
import ArabicText
import Foundation
import ICUBridge
import Glossary
import NameMatching
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

/// Peak resident memory of this process, from /proc (Linux), in MB.
func peakMemoryMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
    let kb = Double(line.split(separator: " ").dropFirst().first.map(String.init) ?? "") ?? 0
    return kb / 1024
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

if wanted("kb") && options.only != "kb-million" {
    // The bundled knowledge base: load time (best of five), then lookups a second.
    var kb: NameKnowledgeBase!
    var best = Double.infinity
    for _ in 0..<5 { best = min(best, try seconds { kb = try NameKnowledgeBase.load(environment: [:]) }) }
    print(String(format: "load the bundled knowledge base (%d entries) %8.1f ms", kb.entries.count, best * 1000))
    // Baseline: a plain dictionary lookup of the same keys.
    let exact = kb.entries.filter { $0.type == .place || $0.type == .organization }.map(\.arabic)
    let clitic = exact.flatMap { ["و" + $0, "ل" + $0, "ب" + $0] }
    let people = kb.entries.filter { $0.type == .person }.compactMap { $0.arabic.split(separator: " ").last.map(String.init) }
    func rate(_ name: String, _ queries: [String]) {
        var n = 0
        let rounds = max(1, 400_000 / queries.count)
        let t = seconds { for _ in 0..<rounds { for q in queries { n &+= kb.lookup(q, limit: 3).count } } }
        print(String(format: "%-44@ %10.0f lookups/s", name as NSString, Double(rounds * queries.count) / t), n == 42 ? "" : "")
    }
    let dictionary = Dictionary(exact.map { ($0, 1) }, uniquingKeysWith: +)
    var hits = 0
    let tDict = seconds { for _ in 0..<100 { for q in exact { hits &+= dictionary[q] ?? 0 } } }
    print(String(format: "%-44@ %10.0f lookups/s", "baseline: Swift dictionary, same keys" as NSString, Double(100 * exact.count) / tDict), hits == 42 ? "" : "")
    rate("lookup exact (places, organizations)", exact)
    rate("lookup with clitics (و ل ب + name)", clitic)
    rate("lookup partial (surnames of people)", people)
}

if options.only == "kb-million" {
    // A generated one-million-entry user knowledge base: load time and peak memory.
    let letters = Array("ابتثجحخدذرزسشصضطظعغفقكلمنهوي")
    let latin = Array("abtthjhkdzrzsssdtzagfqklmnhwy")
    var rng = SystemRandomNumberGenerator()
    func word(_ n: Int) -> (String, String) {
        var a = "", e = ""
        for _ in 0..<n { let k = Int.random(in: 0..<letters.count, using: &rng); a.append(letters[k]); e.append(latin[k]) }
        return (a, e.prefix(1).uppercased() + e.dropFirst())
    }
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tarjuman-1m.tsv")
    if !FileManager.default.fileExists(atPath: path.path) {
    var text = GlossaryColumns.header + "\n"
    text.reserveCapacity(120 << 20)
    for i in 0..<1_000_000 {
        let (g, ge) = word(5), (s, se) = word(7)
        let variant = i % 3 == 0 ? word(7).0 : ""
        text += "person.gen-\(i)\tperson\tofficial\t\(g) \(s)\t\(variant.isEmpty ? "" : g + " " + variant)\t\(ge) \(se)\t\t\t\t\t\(i % 100)\tgenerated\t\n"
    }
    try text.write(to: path, atomically: true, encoding: .utf8)
    text = ""
    }
    let before = peakMemoryMB()
    if CommandLine.arguments.contains("--phases") {
        var parsed: [NameEntry] = []
        let tp = try seconds { parsed = try GlossaryFile.read(path).entries }
        let ti = seconds { _ = NameKnowledgeBase(entries: parsed) }
        print(String(format: "phases: parse %.2f s, index %.2f s", tp, ti))
        let forms = parsed.flatMap { [$0.arabic] + $0.arabicVariants }
        var keys: [String] = []
        let tn = seconds { keys = forms.map { ArabicNormalizer.matching.normalize($0) } }
        let tf = seconds { _ = parsed.map { EnglishFolding.fold($0.english) } }
        var d: [String: Int32] = [:]
        let td = seconds { for (i, k) in keys.enumerated() { d[k] = Int32(i) } }
        let ts = seconds { _ = keys.map { $0.split(separator: " ") } }
        print(String(format: "normalize %d forms %.2f s, fold English %.2f s, dictionary %.2f s, split %.2f s", forms.count, tn, tf, td, ts))
        var h = 0
        let th = seconds { for k in keys { var c = k; c.withUTF8 { var hasher = Hasher(); hasher.combine(bytes: UnsafeRawBufferPointer($0)); h &+= hasher.finalize() } } }
        var dI: [Int: Int32] = [:]
        dI.reserveCapacity(keys.count)
        let tdi = seconds { for (i, k) in keys.enumerated() { var c = k; c.withUTF8 { var hasher = Hasher(); hasher.combine(bytes: UnsafeRawBufferPointer($0)); dI[hasher.finalize()] = Int32(i) } } }
        print(String(format: "byte hashing %.2f s, Int-keyed dictionary of byte hashes %.2f s", th, tdi), h == 42 ? "" : "")
    }
    var kb: NameKnowledgeBase!
    let t = try seconds { kb = try NameKnowledgeBase.load(paths: [path.path], environment: [:]) }
    print(String(format: "load a generated 1,000,000-entry knowledge base (+ bundled, %d entries): %.2f s, peak memory %.0f MB (%.0f MB before loading)",
                 kb.entries.count, t, peakMemoryMB(), before))
    let queries = kb.entries.suffix(100_000).map(\.arabic)
    var n = 0
    let tq = seconds { for q in queries { n &+= kb.lookup(q, limit: 3).count } }
    var index: VariantIndex!
    let tIndex = seconds { index = VariantIndex(kb) }
    let misspelt = kb.entries.suffix(20_000).compactMap { e -> String? in
        guard let last = e.arabic.split(separator: " ").last, last.count >= 5 else { return nil }
        var w = Array(last); w.swapAt(1, 2); return String(w)
    }
    var found = 0
    let tv = seconds { for q in misspelt { if index.nearest(q, limit: 1).first != nil { found += 1 } } }
    print(String(format: "variant index over it: built in %.2f s; %.0f variant queries/s (%d of %d found)", tIndex, Double(misspelt.count) / tv, found, misspelt.count))
    print(String(format: "exact lookups against it %10.0f lookups/s", Double(queries.count) / tq), n == 42 ? "" : "")
}

/// One-edit misspellings of a word, of the kinds real spellings of names make, each with its kind.
func misspellings(of word: [Character]) -> [(String, String)] {
    let confusable: [Character: [Character]] = [
        "ت": ["ط"], "ط": ["ت"], "س": ["ص", "ث"], "ص": ["س"], "ث": ["س"], "د": ["ض", "ذ"], "ض": ["د"], "ذ": ["د", "ز"],
        "ظ": ["ض"], "ز": ["ذ"], "ك": ["ق"], "ق": ["ك"], "ه": ["ح"], "ح": ["ه"], "ج": ["غ"], "غ": ["ج"], "ف": ["ڤ"], "ب": ["پ"],
    ]
    let vowels: [Character] = ["ا", "و", "ي"]
    var out: [(String, String)] = []
    for i in word.indices {
        for c in confusable[word[i]] ?? [] { var w = word; w[i] = c; out.append((String(w), "confusable letter")) }
        if vowels.contains(word[i]) {
            var w = word; w.remove(at: i); out.append((String(w), "long vowel dropped"))
            for v in vowels where v != word[i] { var x = word; x[i] = v; out.append((String(x), "long vowel exchanged")) }
        }
        if i > 0 && i < word.count - 1 {
            var w = word; w.insert(word[i], at: i); out.append((String(w), "letter doubled"))
        }
        if i + 1 < word.count && word[i] != word[i + 1] {
            var w = word; w.swapAt(i, i + 1); out.append((String(w), "adjacent letters swapped"))
        }
    }
    for i in 1..<word.count where !vowels.contains(word[i - 1]) && !vowels.contains(word[i]) {
        var w = word; w.insert("ي", at: i); out.append((String(w), "long vowel added"))
    }
    return out
}

if wanted("variants") {
    let kb = try NameKnowledgeBase.load(environment: [:])
    var index: VariantIndex!
    let tBuild = try seconds { index = VariantIndex(kb) }
    print(String(format: "build the variant index over the bundled knowledge base %.1f ms", tBuild * 1000))
    // Recall: every distinct word of five letters or more of the names of people, places and
    // organisations, misspelt once in each way; the intended word must come first.
    var words = Set<String>()
    for entry in kb.entries where [.person, .place, .organization].contains(entry.type) {
        for form in [entry.arabic] + entry.arabicVariants {
            for w in ArabicNormalizer.matching.normalize(form).split(separator: " ") where w.count >= 5 { words.insert(String(w)) }
        }
    }
    var total = 0, right = 0
    var byKind: [String: (Int, Int)] = [:]
    var queries: [String] = []
    for word in words.sorted() {
        for (wrong, kind) in misspellings(of: Array(word)) where !index.isKnownWord(wrong) {
            let top = index.nearest(wrong, limit: 1).first?.word
            total += 1
            let ok = top == word
            if ok { right += 1 }
            byKind[kind, default: (0, 0)].0 += ok ? 1 : 0
            byKind[kind, default: (0, 0)].1 += 1
            queries.append(wrong)
        }
    }
    print(String(format: "recall at top 1 on %d one-edit misspellings of %d name words (5+ letters): %.1f%%", total, words.count, 100.0 * Double(right) / Double(total)))
    for (kind, (ok, n)) in byKind.sorted(by: { $0.key < $1.key }) {
        print(String(format: "  %-26@ %5.1f%% of %d", kind as NSString, 100.0 * Double(ok) / Double(n), n))
    }
    // False alarms on clean news text: the example articles, and the seed article less its two
    // real misspellings.
    let checker = try MisspellingChecker(variants: index)
    var wordsSeen = 0, falseAlarms = 0, seedFindings: [String] = []
    let tokenizer = try Tokenizer()
    for folder in ["Examples", "../shared/corpus"] {
        let dir = root.appendingPathComponent(folder)
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted() where name.hasSuffix(".txt") {
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            tokenizer.forEachToken(in: text) { if $0.kind == .word { wordsSeen += 1 } }
            let findings = checker.check(text, file: name)
            let real: Set<String> = name == "seed-article.txt" ? ["ويكتوف", "واشطن"] : []
            falseAlarms += findings.filter { !real.contains($0.text) }.count
            if name == "seed-article.txt" { seedFindings = findings.map { "\($0.text) → \($0.suggestion)" } }
        }
    }
    print(String(format: "false alarms on clean news: %d in %d words (%.2f per 10,000 words); seed article: %@",
                 falseAlarms, wordsSeen, 10_000.0 * Double(falseAlarms) / Double(max(wordsSeen, 1)), seedFindings.joined(separator: ", ") as NSString))
    // Queries a second: the misspellings above, one thread, beside exact lookups of the same count.
    var n = 0
    let sample = Array(queries.prefix(50_000))
    let tq = seconds { for q in sample { n &+= index.nearest(q, limit: 1).count } }
    print(String(format: "variant queries against the bundled knowledge base %10.0f queries/s", Double(sample.count) / tq), n == 42 ? "" : "")
}

if wanted("build") {
    // End to end: articles (files of the example articles and the seed article, each repeated
    // forty times, to the size asked for) through the glossary builder, with one job and two,
    // beside ICU's Arabic-Latin transliterating the same text line by line (what
    // `uconv -x Arabic-Latin` does), in the same run.
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tarjuman-bench-articles")
    try? FileManager.default.removeItem(at: dir)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    var texts: [String] = []
    for folder in ["Examples", "../shared/corpus"] {
        let d = root.appendingPathComponent(folder)
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: d.path)) ?? []).sorted() where name.hasSuffix(".txt") {
            texts.append(try String(contentsOf: d.appendingPathComponent(name), encoding: .utf8))
        }
    }
    var written = 0, n = 0
    while written < options.megabytes << 20 {
        let body = Array(repeating: texts[n % texts.count], count: 40).joined(separator: "\n\n")
        try body.write(to: dir.appendingPathComponent(String(format: "a%05d.txt", n)), atomically: false, encoding: .utf8)
        written += body.utf8.count
        n += 1
    }
    let mb = Double(written) / 1_048_576
    let latin = try Transliterator(id: "Arabic-Latin")
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    let tICU = try seconds {
        for f in files {
            let text = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
            for line in text.split(separator: "\n") { _ = latin.transliterate(String(line)) }
        }
    }
    print(String(format: "baseline: ICU Arabic-Latin on the same text %8.1f MB/s (%.2f s for %.1f MB)", mb / tICU, tICU, mb))
    let kb = try NameKnowledgeBase.load(environment: [:])
    var rates: [Double] = []
    for jobs in [1, 2] {
        let t = try seconds {
            let builder = try GlossaryBuilder(knowledgeBase: kb)
            _ = try builder.build(inputs: [dir.path], options: .init(jobs: jobs))
        }
        rates.append(mb / t)
        print(String(format: "glossary build, %d job%@ %22.1f MB/s (%.2f s), %.2f x ICU Arabic-Latin", jobs, jobs == 1 ? "" : "s", mb / t, t, (mb / t) / (mb / tICU)))
    }
    print(String(format: "  two jobs are %.2f x faster than one", rates[1] / rates[0]))
    print(String(format: "peak memory of this process %.0f MB", peakMemoryMB()))
    try? FileManager.default.removeItem(at: dir)
}

if wanted("model-dev") {
    // Development figures: a model of nine tenths of the Google train split, tried on the tenth
    // held out (never on eval or test): the weights `model train` would choose, then others.
    let trainPath = root.appendingPathComponent("../shared/data/google-ar2en-train.txt").path
    if !FileManager.default.fileExists(atPath: trainPath) {
        print("skipping the model development figures: ../shared/data is absent")
    } else {
        let all = try BackTransliterationModel.readPairs(trainPath)
        let heldOut = all.enumerated().filter { $0.offset % 10 == 0 }.map(\.element)
        let rest = all.enumerated().filter { $0.offset % 10 != 0 }.map(\.element)
        let known = try GlossaryPairs.knownNames()
        let origins = try GlossaryPairs.origins()
        var model: BackTransliterationModel!
        let t = seconds { model = BackTransliterationModel.trainAndTune(rest, knownNames: known, origins: origins) }
        print(String(format: "trained and tuned on %d pairs in %.1f s", rest.count, t))
        var settings = [model.weights]
        // More weights to try: TARJUMAN_BENCH_WEIGHTS="letters,context,known[,beam[,length[,spelling[,origin]]]];..."
        // (the rest as tuned).
        for g in (ProcessInfo.processInfo.environment["TARJUMAN_BENCH_WEIGHTS"] ?? "").split(separator: ";") {
            let v = g.split(separator: ",").map { Float($0)! }
            var w = model.weights
            (w.letters, w.context, w.lexicon) = (v[0], v[1], v[2])
            if v.count > 3 { w.beam = Int(v[3]) }
            if v.count > 4 { w.length = v[4] }
            if v.count > 5 { w.spelling = v[5] }
            if v.count > 6 { w.origin = v[6] }
            settings.append(w)
        }
        for w in settings {
            let m = model.with(w)
            var right = (top1: 0.0, top5: 0.0)
            let te = seconds { right = accuracy(heldOut) { m.candidates(for: $0).map(\.text) } }
            print(String(format: "letters %.2f context %.2f known %.1f beam %d length %.2f spelling %.2f origin %.2f: top-1 %5.1f%%  top-5 %5.1f%%  %6.0f names/s",
                         w.letters, w.context, w.lexicon, w.beam, w.length, w.spelling, w.origin, right.top1, right.top5,
                         Double(heldOut.count) / te))
        }
    }
}

/// Top-1 and top-5 accuracy (percent, case-insensitive exact match) of proposed spellings.
func accuracy(_ pairs: [NamePair], _ propose: (String) -> [String]) -> (top1: Double, top5: Double) {
    var top1 = 0, top5 = 0
    for pair in pairs {
        let got = propose(pair.arabic).prefix(5).map { $0.lowercased() }
        let want = pair.english.lowercased()
        if got.first == want { top1 += 1 }
        if got.contains(want) { top5 += 1 }
    }
    return (100.0 * Double(top1) / Double(pairs.count), 100.0 * Double(top5) / Double(pairs.count))
}

if wanted("model") {
    // Back-transliteration on the Google ar2en test split (../shared/data): a model trained on its
    // train split, the shipped model (trained on Glossaries/ only), and ICU's Arabic-Latin as a
    // floor; top-1 and top-5, case-insensitive exact match; names a second.
    let data = root.appendingPathComponent("../shared/data")
    let trainPath = data.appendingPathComponent("google-ar2en-train.txt").path
    let testPath = data.appendingPathComponent("google-ar2en-test.txt").path
    if !FileManager.default.fileExists(atPath: testPath) {
        print("skipping the model figures: ../shared/data is absent")
    } else {
        let test = try BackTransliterationModel.readPairs(testPath)
        // Accuracy from one pass; the rate from the fastest of three (this machine's timings
        // wander by a fifth from run to run).
        func evaluate(_ name: String, _ propose: (String) -> [String]) {
            var right = (top1: 0.0, top5: 0.0)
            var times = [seconds { right = accuracy(test, propose) }]
            for _ in 0..<2 { times.append(seconds { for pair in test { _ = propose(pair.arabic) } }) }
            print(String(format: "%-52@ top-1 %5.1f%%  top-5 %5.1f%%  %6.0f names/s (slowest pass %.0f)", name as NSString,
                         right.top1, right.top5, Double(test.count) / times.min()!, Double(test.count) / times.max()!))
        }
        let icu = try Transliterator(id: "Arabic-Latin; Latin-ASCII")
        evaluate("floor: ICU Arabic-Latin") { [icu.transliterate($0)] }
        // As `tarjuman model train` makes it: weights tuned on two tenths of the train split held
        // out (never on eval or test); with the names of the bundled Glossaries as known names
        // (the default) and without.
        let all = try BackTransliterationModel.readPairs(trainPath)
        let known = try GlossaryPairs.knownNames()
        let origins = try GlossaryPairs.origins()
        var plain: BackTransliterationModel!
        let tPlain = seconds { plain = BackTransliterationModel.trainAndTune(all) }
        func describe(_ w: BackTransliterationModel.Weights) -> String {
            String(format: "letters %.2f, context %.2f, known names %.1f, beam %d, length %.2f, spelling %.2f, origin %.2f, temperature %.1f",
                   w.letters, w.context, w.lexicon, w.beam, w.length, w.spelling, w.origin, w.temperature)
        }
        print(String(format: "trained and tuned on the Google train split (%d pairs) in %.1f s (%@)", all.count, tPlain, describe(plain.weights)))
        evaluate("trained on the Google train split alone") { plain.candidates(for: $0).map(\.text) }
        var trained: BackTransliterationModel!
        let tTrained = seconds { trained = BackTransliterationModel.trainAndTune(all, knownNames: known, origins: origins) }
        print(String(format: "trained and tuned, with %d known names and %d names of known origin from Glossaries/, in %.1f s (%@)",
                     known.count, origins.english.count, tTrained, describe(trained.weights)))
        evaluate("trained on the Google split + Glossaries/ names") { trained.candidates(for: $0).map(\.text) }
        // The issue asks for 15,000 pairs in under 60 s: the Google train split topped up with
        // the project's own pairs.
        let fifteen = all + (try GlossaryPairs.load()).prefix(15_000 - all.count)
        let tFifteen = seconds { _ = BackTransliterationModel.trainAndTune(fifteen, knownNames: known, origins: origins) }
        print(String(format: "`model train` on %d pairs (with %d known names): %.1f s", fifteen.count, known.count, tFifteen))
        let shipped = try NameProposer.load()
        print("shipped model: \(describe(shipped.model.weights))")
        evaluate("shipped model (Glossaries/ only)") { shipped.model.candidates(for: $0).map(\.text) }
    }
}

if wanted("search-speed") {
    // The search's speed alone, for work on it: the shipped model (or the model file in
    // TARJUMAN_BENCH_MODEL) over the Google test split's names, fastest of five passes, beside
    // ICU's Arabic-Latin over the same names in the same run.
    let testPath = root.appendingPathComponent("../shared/data/google-ar2en-test.txt").path
    if !FileManager.default.fileExists(atPath: testPath) {
        print("skipping the search speed: ../shared/data is absent")
    } else {
        let names = try BackTransliterationModel.readPairs(testPath).map(\.arabic)
        let model = try ProcessInfo.processInfo.environment["TARJUMAN_BENCH_MODEL"].map {
            try BackTransliterationModel(contentsOf: URL(fileURLWithPath: $0))
        } ?? NameProposer.load().model
        let icu = try Transliterator(id: "Arabic-Latin; Latin-ASCII")
        var n = 0
        let tICU = (0..<5).map { _ in seconds { for name in names { n &+= icu.transliterate(name).utf8.count } } }.min()!
        let times = (0..<5).map { _ in seconds { for name in names { n &+= model.candidates(for: name).count } } }
        print(String(format: "search: %.0f names/s (fastest of five; slowest %.0f), ICU Arabic-Latin %.0f names/s", Double(names.count) / times.min()!,
                     Double(names.count) / times.max()!, Double(names.count) / tICU), n == 42 ? "" : "")
    }
}

if wanted("surnames") {
    // Issue 7's check, the shipped model's first five for each name:
    // - Benchmarks/Surnames: foreign surnames in no Glossaries file (each file's comment says
    //   how its names were picked);
    // - Benchmarks/Surnames/press: surnames of people in the news not in the knowledge base
    //   (its README says how), the pool also by where its names are in the project's data;
    // - Benchmarks/Surnames/drawn: a hundred surnames drawn from lists, in no Glossaries file.
    let model = try NameProposer.load().model
    let folder = root.appendingPathComponent("Benchmarks/Surnames")
    let glossaries = root.appendingPathComponent("Glossaries")
    var taught: [String: Set<String>] = [:]
    for pair in try BackTransliterationModel.readPairs(glossaries.appendingPathComponent("name-pairs.tsv").path) {
        taught[pair.english.lowercased(), default: []].insert(pair.arabic)
    }
    let known = Set(try String(contentsOf: glossaries.appendingPathComponent("known-names.tsv"), encoding: .utf8)
        .split(separator: "\n").map { $0.split(separator: "\t").first.map { $0.lowercased() } ?? "" })
    func place(_ pair: NamePair) -> String {
        let english = pair.english.lowercased()
        if let arabic = taught[english] { return arabic.contains(pair.arabic) ? "name pair, same Arabic" : "name pair, other Arabic" }
        return known.contains(english) ? "known name only" : "in no pair or known name"
    }
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().filter { $0.hasSuffix(".tsv") }
        + ["press/press-kb-1.tsv", "press/press-pool.tsv", "drawn/drawn-100.tsv"]
    for file in files {
        let pairs = try BackTransliterationModel.readPairs(folder.appendingPathComponent(file).path)
        var right = 0, lines: [String] = [], byPlace: [String: (right: Int, all: Int)] = [:]
        for pair in pairs {
            let top = model.candidates(for: pair.arabic).map(\.text)
            let at = top.firstIndex(of: pair.english.lowercased())
            if at != nil { right += 1 }
            byPlace[place(pair), default: (0, 0)].right += at != nil ? 1 : 0
            byPlace[place(pair), default: (0, 0)].all += 1
            if pairs.count <= 10 || at == nil {
                lines.append("  \(at.map { "\($0 + 1)" } ?? "-") \(pair.english): \(top.joined(separator: " "))")
            }
        }
        print(String(format: "surnames, %@: %d of %d (%.1f%%) in the shipped model's first five", file, right, pairs.count,
                     100 * Double(right) / Double(pairs.count)))
        if file.hasPrefix("press/") {
            for (where_, count) in byPlace.sorted(by: { $0.key < $1.key }) { print("  \(where_): \(count.right) of \(count.all)") }
            if pairs.count > 10 { print("  missed:") }
        }
        print(lines.joined(separator: "\n"))
    }
}
