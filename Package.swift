// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// Every data file of Glossaries/, and the folder of the model made from them, so that adding a
/// file needs no change here.
let glossaryFiles: [Resource] = {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Glossaries")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".tsv") }.sorted().map { Resource.copy($0) } + [.copy("model")]
}()

let package = Package(
    name: "Tarjuman",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tarjuman", targets: ["tarjuman"]),
        .library(name: "ArabicText", targets: ["ArabicText"]),
        .library(name: "ICUBridge", targets: ["ICUBridge"]),
        .library(name: "Transliteration", targets: ["Transliteration"]),
        .library(name: "NameMatching", targets: ["NameMatching"]),
        .library(name: "Glossary", targets: ["Glossary"]),
        .library(name: "GlossaryFormats", targets: ["GlossaryFormats"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System ICU, found through pkg-config. Only carries the compiler and linker flags.
        .systemLibrary(
            name: "CICU",
            pkgConfig: "icu-i18n",
            providers: [.apt(["libicu-dev"])]
        ),
        // The only code that includes ICU headers. Its public header has opaque handles and
        // stdint types only, so Swift never sees ICU's declarations (they clash with Foundation's).
        .target(
            name: "CICUBridge",
            dependencies: ["CICU"]
        ),
        // Swift owners of the ICU handles: transliterators, normalizers, word breaks, collation.
        .target(
            name: "ICUBridge",
            dependencies: ["CICUBridge"]
        ),
        .target(
            name: "ArabicText",
            dependencies: ["ICUBridge"]
        ),
        // Romanization schemes: ICU rule files and their manifest, as data.
        .target(
            name: "Transliteration",
            dependencies: ["ArabicText", "ICUBridge"],
            resources: [.copy("Resources/Schemes")]
        ),
        // libhunspell (Debian: libhunspell-dev, with the hunspell-ar dictionary), to tell
        // ordinary Arabic words from misspelt names.
        .systemLibrary(
            name: "CHunspell",
            pkgConfig: "hunspell",
            providers: [.apt(["libhunspell-dev", "hunspell-ar"])]
        ),
        // The curated name data, shipped as resources; its one Swift file gives access to them.
        .target(
            name: "GlossaryData",
            path: "Glossaries",
            exclude: ["README.md"],
            sources: ["GlossaryData.swift"],
            resources: glossaryFiles
        ),
        // The name knowledge base and the lookup over it.
        .target(
            name: "NameMatching",
            dependencies: ["ArabicText", "GlossaryData", "CHunspell"]
        ),
        // Articles in, glossary entries out.
        .target(
            name: "Glossary",
            dependencies: ["ArabicText", "ICUBridge", "NameMatching"]
        ),
        // The formats translators' tools import: TSV, CSV, JSON, TBX, Markdown, OmegaT.
        .target(
            name: "GlossaryFormats",
            dependencies: ["Glossary"]
        ),
        .executableTarget(
            name: "tarjuman",
            dependencies: [
                "ArabicText",
                "ICUBridge",
                "Transliteration",
                "NameMatching",
                "Glossary",
                "GlossaryFormats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ICUBridgeTests", dependencies: ["ICUBridge"]),
        .testTarget(name: "ArabicTextTests", dependencies: ["ArabicText"]),
        .testTarget(name: "TransliterationTests", dependencies: ["Transliteration"], exclude: ["Fixtures"]),
        .testTarget(name: "NameMatchingTests", dependencies: ["NameMatching", "ICUBridge", "ArabicText", "GlossaryData"], exclude: ["Fixtures"]),
        .testTarget(
            name: "GlossaryTests", dependencies: ["Glossary", "GlossaryFormats", "NameMatching"],
            exclude: ["Fixtures", "Golden"]
        ),
        .testTarget(name: "TarjumanCLITests", dependencies: ["tarjuman"]),
    ]
)
