// swift-tools-version: 6.0
import PackageDescription

// Module layout (see ../shared/STYLE.md): dependencies point one way and only
// TrawlFetch (libcurl) and TrawlExtract (libxml2) ever see C. TrawlURL is the
// WHATWG URL parser, pure Swift with no dependencies, so `trawl links`, the
// frontier and the tests share one definition of "the same URL".
let package = Package(
    name: "trawl",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "trawl", targets: ["trawl"]),
        // For the libFuzzer package in Fuzz/, which links these by path.
        .library(name: "TrawlCore", targets: ["TrawlCore"]),
        .library(name: "TrawlExtract", targets: ["TrawlExtract"]),
        .library(name: "TrawlURL", targets: ["TrawlURL"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // C: curl.h plus typed shims for curl's variadic calls, and the
        // epoll/timerfd/eventfd helpers the event loop needs; libpsl.h too,
        // the Public Suffix List that libcurl itself links (cookie domains).
        .target(
            name: "CCurl",
            linkerSettings: [.linkedLibrary("curl"), .linkedLibrary("psl")]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // C: sqlite3.h plus typed shims for what Swift cannot call (binds
        // that need the SQLITE_TRANSIENT macro). Debian's libsqlite3-dev
        // installs the header in /usr/include, so no pkg-config is needed.
        .target(name: "CSQLite", linkerSettings: [.linkedLibrary("sqlite3")]),
        // C: hiredis.h (0.14: no RESP3, TLS or cluster) plus typed shims for
        // what Swift cannot call cleanly: byte-vector commands, timeouts as
        // milliseconds, errno copied out at the failing call.
        .target(name: "CHiredis", linkerSettings: [.linkedLibrary("hiredis")]),
        .target(name: "TrawlURL"),
        // `trawl graph`: degrees, PageRank, strongly connected components and
        // broken links of a finished crawl's output; pure Swift, no trawl module.
        .target(name: "TrawlGraph"),
        .target(name: "TrawlExtract", dependencies: ["CLibXML2"]),
        .target(name: "TrawlFetch", dependencies: ["CCurl"]),
        // The durable crawl journal's store (OUT/state.db): SQLite in WAL
        // mode behind a small Swift API; no C type in its public API.
        .target(name: "TrawlStore", dependencies: ["CSQLite"]),
        // The Redis client under `--frontier redis://`: endpoints, blocking
        // connections, pipelines, Lua scripts by SHA, reconnection with
        // backoff, and a private redis-server for tests; no C type in its API.
        .target(name: "TrawlRedis", dependencies: ["CHiredis"]),
        .target(
            name: "TrawlCore",
            dependencies: [
                "TrawlURL", "TrawlFetch", "TrawlExtract",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Logging", package: "swift-log"),
                "TrawlStore", "TrawlRedis",
            ]
        ),
        // `trawl compare`: plans interleaved runs of every strategy, runs each
        // in its own child process, and writes the tables and charts.
        .target(name: "TrawlCompare", dependencies: ["TrawlCore", "TrawlFetch", "TrawlExtract"]),
        // Imports no trawl module, so it can serve as the ground truth.
        .target(
            name: "SyntheticWeb",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "trawl",
            dependencies: [
                "TrawlCore", "TrawlCompare", "TrawlURL", "TrawlExtract", "TrawlFetch", "SyntheticWeb", "TrawlGraph",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `swift run -c release RobotsBench`: µs per robots.txt check for
        // hostile and realistic files (scripts/bench-robots.sh).
        .executableTarget(name: "RobotsBench", dependencies: ["TrawlCore", "SyntheticWeb"]),
        // `swift run -c release StoreBench`: rows/s, bytes per URL and peak
        // RSS of 1,000,000 journal inserts in group commits (scripts/bench-store.sh).
        .executableTarget(name: "StoreBench", dependencies: ["TrawlStore"]),
        // `swift run -c release RedisSeenBench`: bytes per URL of the seen set
        // as int64 fingerprints in intset buckets (scripts/bench-redis-seen.sh).
        .executableTarget(name: "RedisSeenBench", dependencies: ["TrawlRedis"]),
        .testTarget(name: "TrawlURLTests", dependencies: ["TrawlURL"], exclude: ["Resources"]),
        .testTarget(name: "TrawlExtractTests", dependencies: ["TrawlExtract"]),
        .testTarget(
            name: "TrawlFetchTests",
            dependencies: [
                "TrawlFetch",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "TrawlCoreTests", dependencies: ["TrawlCore", "SyntheticWeb"]),
        .testTarget(
            name: "SyntheticWebTests",
            dependencies: ["SyntheticWeb", .product(name: "NIOCore", package: "swift-nio")]
        ),
        .testTarget(name: "TrawlCompareTests", dependencies: ["TrawlCompare", "TrawlCore"]),
        .testTarget(name: "TrawlGraphTests", dependencies: ["TrawlGraph"]),
        .testTarget(name: "TrawlStoreTests", dependencies: ["TrawlStore"]),
        // Against real redis-server processes each test starts itself.
        .testTarget(name: "TrawlRedisTests", dependencies: ["TrawlRedis"]),
        // Runs the built `trawl` executable as a user would.
        .testTarget(
            name: "TrawlCLITests",
            dependencies: [
                "trawl", "TrawlCore", "TrawlCompare", "SyntheticWeb", "TrawlRedis",
                // SiteServer: a small site that records what each request carried.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
    ]
)
