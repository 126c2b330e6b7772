#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// RedisSeenBench's command line: `[--urls N] [--buckets N] [--batch N]
/// [--seed N]`.
struct Options {
    var urls = 1_000_000
    /// A power of two: a fingerprint's bucket is its low bits.
    var buckets = 4_096
    /// SADDs per pipeline.
    var batch = 10_000
    var seed: UInt64 = 16

    init(_ arguments: ArraySlice<String>) {
        var arguments = arguments
        while let argument = arguments.popFirst() {
            switch argument {
            case "--urls": urls = arguments.popFirst().flatMap { Int($0) } ?? urls
            case "--buckets": buckets = arguments.popFirst().flatMap { Int($0) } ?? buckets
            case "--batch": batch = arguments.popFirst().flatMap { Int($0) } ?? batch
            case "--seed": seed = arguments.popFirst().flatMap { UInt64($0) } ?? seed
            default: print("unknown argument \(argument)"); exit(2)
            }
        }
        guard urls > 0, buckets > 0, buckets & (buckets - 1) == 0 else {
            print("--urls must be positive and --buckets a power of two"); exit(2)
        }
        batch = max(batch, 1)
    }
}
