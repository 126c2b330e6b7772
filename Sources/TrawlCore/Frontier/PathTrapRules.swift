/// The path-shape tests behind three of the frontier's trap limits, after
/// Heritrix's decide rules. They look at the path of a normalized URL
/// string only (no parsing: they run on every link discovered), so they
/// are pure functions of the bytes between the authority and the query.
enum PathTrapRules {
    /// The path of a normalized http(s) URL: from the first "/" after
    /// "scheme://authority" up to the query.
    static func path(of url: String) -> Substring {
        let bytes = url.utf8
        guard let schemeEnd = bytes.firstRange(of: "://".utf8) else { return url[url.endIndex...] }
        let authorityStart = schemeEnd.upperBound
        let afterAuthority = bytes[authorityStart...]
        guard let pathStart = afterAuthority.firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }),
              bytes[pathStart] == UInt8(ascii: "/")
        else { return url[url.endIndex...] }
        let pathEnd = bytes[pathStart...].firstIndex(of: UInt8(ascii: "?")) ?? bytes.endIndex
        return url[pathStart..<pathEnd]
    }

    /// Segments of `path` ("/a/b/" has 3: "a", "b", ""), as Heritrix's
    /// TooManyPathSegmentsDecideRule counts them (one per "/").
    static func segmentCount(_ path: Substring) -> Int {
        path.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) }
    }

    /// Whether some run of consecutive segments appears more than
    /// `maxRepeats` times in a row: with 2, `/a/a/a/` and `/a/b/a/b/a/b/`
    /// are refused, `/a/a/` and `/a/b/a/b/c/` are not. Heritrix's
    /// PathologicalPathDecideRule, whose default is also 2. The caller
    /// bounds the segment count first, so the cubic scan stays tiny.
    static func hasRepeatedRun(_ path: Substring, maxRepeats: Int) -> Bool {
        let segments = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst()
        let parts = Array(segments.filter { !$0.isEmpty })
        let times = maxRepeats + 1
        guard parts.count >= times else { return false }
        for length in 1...(parts.count / times) {
            var start = 0
            while start + length * times <= parts.count {
                var repeats = 1
                while repeats < times && runsEqual(parts, start, start + repeats * length, length) { repeats += 1 }
                if repeats == times { return true }
                start += 1
            }
        }
        return false
    }

    private static func runsEqual(_ parts: [Substring.UTF8View.SubSequence], _ a: Int, _ b: Int, _ length: Int) -> Bool {
        for offset in 0..<length where !parts[a + offset].elementsEqual(parts[b + offset]) { return false }
        return true
    }

    /// The path with every run of ASCII digits replaced by "#", or nil when
    /// it has no digit: `/calendar/2031/04` → `/calendar/#/#`. URLs of one
    /// shape are siblings that differ only in numbers (a calendar, a
    /// counter, a session id in the path).
    static func digitShape(_ path: Substring) -> String? {
        var shape: [UInt8] = []
        var sawDigit = false
        var inDigits = false
        for byte in path.utf8 {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                if !inDigits { shape.append(UInt8(ascii: "#")) }
                inDigits = true
                sawDigit = true
            } else {
                inDigits = false
                shape.append(byte)
            }
        }
        return sawDigit ? String(decoding: shape, as: UTF8.self) : nil
    }
}
