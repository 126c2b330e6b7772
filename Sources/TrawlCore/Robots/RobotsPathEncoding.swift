/// The one form in which robots.txt patterns and URL paths are compared.
///
/// RFC 9309 §2.2.2 wants both sides percent-encoded before comparison, with
/// escapes of unreserved characters decoded. Bringing the rule and the path
/// to the same canonical bytes makes every spelling of one path compare
/// equal, so matching itself can stay a plain byte comparison:
///
/// - an escape of an unreserved character (ALPHA DIGIT - . _ ~) is decoded:
///   `/%62%61%7A` is `/baz` (the RFC's table);
/// - every other escape keeps its "%" with upper-case hex: `%3c` is `%3C`;
/// - a "%" that starts no escape becomes `%25`, so decoding can never make
///   a new escape out of it (and the form is idempotent);
/// - bytes a URL cannot carry raw (controls, space, non-ASCII UTF-8, and
///   `"<>\^`{|}`) are encoded: a rule written `/ツ` is `/%E3%83%84`;
/// - in the query, `:` `/` `?` `@` stand for themselves and so do their
///   escapes (`https%3A%2F%2Ffoo.bar` is `https://foo.bar`, the RFC's
///   table): those delimiters mean nothing there. `&`, `=` and the other
///   sub-delimiters do structure a query, so their escapes stay distinct.
///   `'` is encoded in the query because the URL Standard encodes it there;
/// - in a path, `*` and `$` are data and so are encoded (`%2A`, `%24`): a
///   rule that spells them as escapes matches them literally (§2.2.3). In a
///   pattern `*` is the wildcard and a final `$` the end anchor; a `$`
///   anywhere else is data.
enum RobotsPathEncoding {
    enum Mode {
        /// A URL's path and query. A leading "/" is supplied when missing;
        /// a "#" starts the fragment, which is not part of what is matched.
        case path
        /// An allow/disallow value, keeping `*` and a final `$` special.
        case pattern
    }

    /// The most bytes `canonicalize` writes for `count` input bytes.
    static func capacity(for count: Int) -> Int { count * 3 + 1 }

    /// Writes the canonical form of `input` into `out`, which must hold
    /// `capacity(for: input.count)` bytes, and returns how many it wrote.
    static func canonicalize(_ input: UnsafeBufferPointer<UInt8>, mode: Mode,
                             into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var written = 0
        func put(_ byte: UInt8) {
            out[written] = byte
            written += 1
        }
        func putEscaped(_ byte: UInt8) {
            put(RobotsByte.percent)
            put(RobotsByte.upperHex(byte >> 4))
            put(RobotsByte.upperHex(byte & 0xF))
        }

        if mode == .path && input.first != RobotsByte.slash { put(RobotsByte.slash) }
        var inQuery = false
        var i = 0
        let end = input.count
        while i < end {
            let byte = input[i]
            i += 1
            if RobotsByte.isUnreserved(byte) || byte == RobotsByte.slash {
                put(byte)  // most bytes of most paths: skip the switch
                continue
            }
            switch byte {
            case RobotsByte.percent:
                guard i + 1 < end, let high = RobotsByte.hexValue(input[i]), let low = RobotsByte.hexValue(input[i + 1]) else {
                    putEscaped(byte)
                    continue
                }
                i += 2
                let decoded = high << 4 | low
                if RobotsByte.isUnreserved(decoded) || (inQuery && RobotsByte.isQueryData(decoded)) {
                    put(decoded)
                } else {
                    putEscaped(decoded)
                }
            case RobotsByte.question:
                inQuery = true
                put(byte)
            case RobotsByte.star:
                if mode == .pattern { put(byte) } else { putEscaped(byte) }
            case RobotsByte.dollar:
                if mode == .pattern && i == end { put(byte) } else { putEscaped(byte) }
            case RobotsByte.hash:
                if mode == .path { return written }
                putEscaped(byte)
            case RobotsByte.apostrophe:
                if inQuery { putEscaped(byte) } else { put(byte) }
            default:
                if RobotsByte.mustBeEncoded(byte) { putEscaped(byte) } else { put(byte) }
            }
        }
        return written
    }

    /// The canonical form of a pattern, as a new array (parse time only).
    static func canonicalPattern(_ value: some Collection<UInt8>) -> [UInt8] {
        let input = Array(value)
        return input.withUnsafeBufferPointer { input in
            [UInt8](unsafeUninitializedCapacity: capacity(for: input.count)) { out, count in
                count = canonicalize(input, mode: .pattern, into: out)
            }
        }
    }

    /// Runs `body` on the canonical form of `path` without allocating on
    /// the heap for ordinary path lengths: the crawler's hot path.
    static func withCanonicalPath<R>(_ path: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var path = path
        return path.withUTF8 { input in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity(for: input.count)) { out in
                let count = canonicalize(input, mode: .path, into: out)
                return body(UnsafeBufferPointer(rebasing: out[..<count]))
            }
        }
    }
}
