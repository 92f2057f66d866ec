// swift-tools-version: 6.0
// Tarjuman's benchmarks: a package of its own, so the default build and the tests never build
// them. Run from the project root: swift run -c release --package-path Benchmarks tarjuman-bench
import PackageDescription

let package = Package(
    name: "TarjumanBenchmarks",
    dependencies: [.package(name: "Tarjuman", path: "..")],
    targets: [
        .executableTarget(
            name: "tarjuman-bench",
            dependencies: [
                .product(name: "ArabicText", package: "Tarjuman"),
                .product(name: "ICUBridge", package: "Tarjuman"),
                .product(name: "Transliteration", package: "Tarjuman"),
                .product(name: "NameMatching", package: "Tarjuman"),
                .product(name: "Glossary", package: "Tarjuman"),
            ],
            swiftSettings: [.unsafeFlags(["-Ounchecked"])]
        ),
    ]
)
