#if canImport(Glibc)
import Glibc
#endif

/// RedisSeenBench's command line: `[--urls N] [--buckets N] [--batch N]`,
/// each a positive integer.
struct Options {
    var urls = 1_000_000
    /// A power of two: a fingerprint's bucket is its low bits.
    var buckets = 4_096
    /// SADDs per pipeline.
    var batch = 10_000

    init(_ arguments: ArraySlice<String>) {
        var given: [String: Int] = [:]
        var arguments = arguments
        while let name = arguments.popFirst() {
            guard ["--urls", "--buckets", "--batch"].contains(name),
                  let value = arguments.popFirst().flatMap({ Int($0) }), value > 0 else {
                Self.refuse("bad argument \(name)")
            }
            given[name] = value
        }
        urls = given["--urls"] ?? urls
        buckets = given["--buckets"] ?? buckets
        batch = given["--batch"] ?? batch
        if buckets & (buckets - 1) != 0 { Self.refuse("--buckets must be a power of two") }
    }

    private static func refuse(_ why: String) -> Never {
        print("\(why); usage: RedisSeenBench [--urls N] [--buckets N] [--batch N]")
        exit(2)
    }
}
