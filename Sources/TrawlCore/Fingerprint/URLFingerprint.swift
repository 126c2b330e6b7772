/// A URL's 64-bit fingerprint: what a large crawl keeps, instead of the
/// URL's string, for a URL it only needs to recognize again (fetched,
/// refused, already a node). 8 bytes instead of a ~80-byte heap String.
///
/// **False "seen".** Two distinct URLs share a fingerprint with
/// probability 2^-64, so among n URLs some pair does with probability at
/// most n(n−1)/2 / 2^64 < n²/2^65 (the birthday bound): 3.9 × 10^-8 for
/// the 1.2 million URLs of `make bench-million`, 2.7 × 10^-6 for 10
/// million. The cost of one is a URL taken for one seen before: not
/// fetched, or not written as a node of its own.
///
/// The hash is Swift's `Hasher` (SipHash-1-3) under the process's random
/// seed: a site cannot make up URLs that collide, and nothing depends on a
/// fingerprint outliving the process (`--resume` and the worker processes
/// recompute their own). It hashes the UTF-8 bytes; a normalized URL is
/// ASCII (WHATWG serialization percent-encodes the rest), so equal bytes
/// and equal strings are the same thing here.
struct URLFingerprint: Hashable, Sendable {
    /// Never 0: `FingerprintTable` marks an empty slot with 0.
    let rawValue: UInt64

    init(_ url: String) {
        var url = url
        self = url.withUTF8 { URLFingerprint(bytes: UnsafeRawBufferPointer($0)) }
    }

    init(bytes: UnsafeRawBufferPointer) {
        var hasher = Hasher()
        hasher.combine(bytes: bytes)
        self.init(hash: UInt64(truncatingIfNeeded: hasher.finalize()))
    }

    /// Folds the one hash value 0 onto 1 (doubling the chance of that one
    /// value, negligibly).
    init(hash: UInt64) {
        rawValue = hash == 0 ? 1 : hash
    }
}
