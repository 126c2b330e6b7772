// swift-tools-version: 6.0
import PackageDescription

// libFuzzer targets for trawl's parsers of hostile input. A package of its
// own so that `swift build` and `make test` of trawl never compile it: its
// products only link with `-sanitize=fuzzer`, which supplies libFuzzer.
// Build and run them with scripts/fuzz.sh.
let package = Package(
    name: "trawl-fuzz",
    products: [
        .executable(name: "FuzzLinkExtractor", targets: ["FuzzLinkExtractor"]),
        .executable(name: "FuzzRobots", targets: ["FuzzRobots"]),
    ],
    dependencies: [
        .package(name: "trawl", path: ".."),
    ],
    targets: [
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"]),
        .executableTarget(
            name: "FuzzLinkExtractor",
            dependencies: [
                "FuzzSupport",
                .product(name: "TrawlExtract", package: "trawl"),
                .product(name: "TrawlCore", package: "trawl"),
                .product(name: "TrawlURL", package: "trawl"),
            ]
        ),
        .executableTarget(
            name: "FuzzRobots",
            dependencies: ["FuzzSupport", .product(name: "TrawlCore", package: "trawl")]
        ),
    ]
)
