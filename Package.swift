// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Tarjuman",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tarjuman", targets: ["tarjuman"]),
        .library(name: "ArabicText", targets: ["ArabicText"]),
        .library(name: "ICUBridge", targets: ["ICUBridge"]),
        .library(name: "Transliteration", targets: ["Transliteration"]),
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
        .executableTarget(
            name: "tarjuman",
            dependencies: [
                "ArabicText",
                "ICUBridge",
                "Transliteration",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ICUBridgeTests", dependencies: ["ICUBridge"]),
        .testTarget(name: "ArabicTextTests", dependencies: ["ArabicText"]),
        .testTarget(name: "TransliterationTests", dependencies: ["Transliteration"], exclude: ["Fixtures"]),
        .testTarget(name: "TarjumanCLITests", dependencies: ["tarjuman"]),
    ]
)
