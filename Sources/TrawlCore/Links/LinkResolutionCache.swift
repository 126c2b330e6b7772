import Synchronization
import TrawlURL

/// A memo of (base directory, href) → resolved, normalized URL. Pages of one
/// site repeat the same relative hrefs (navigation, footers), and resolution
/// plus normalization is the crawl's largest CPU cost after parsing: a C
/// crawler on the same libraries skipped ~90 % of resolutions this way
/// (NOTES.md). Shared by the workers of one crawl, so it is locked; a page
/// takes the lock twice (look up all, then insert the misses), not per link.
public final class LinkResolutionCache: Sendable {
    /// A resolution: the normalized http(s) URL, or nil when the href does
    /// not resolve to one (unparsable, mailto:, javascript:, …).
    typealias Entry = WebURL?

    private struct Key: Hashable {
        var directory: Substring
        var href: String
    }

    private let capacity: Int
    private let table: Mutex<[Key: Entry]>

    /// At `capacity` entries the memo starts over: a crawl moves from site
    /// to site, and the hrefs worth keeping come back within a few pages.
    public init(capacity: Int = 32_768) {
        self.capacity = capacity
        table = Mutex([:])
    }

    /// Resolves every href of one page against `base`, memoized where the
    /// result depends on the base's directory alone.
    func resolve(_ hrefs: [String], base: WebURL) -> [Entry] {
        guard base.isHTTP, let directory = base.pathDirectoryPrefix else {
            return hrefs.map { Self.resolve($0, base: base) }
        }
        let keys = hrefs.map { Self.isPathIndependent($0) ? Key(directory: directory, href: $0) : nil }
        var results: [Entry?] = table.withLock { table in keys.map { $0.flatMap { table[$0] } } }
        var misses: [(Key, Entry)] = []
        for index in hrefs.indices where results[index] == nil {
            let entry = Self.resolve(hrefs[index], base: base)
            results[index] = entry
            if let key = keys[index] { misses.append((key, entry)) }
        }
        if !misses.isEmpty {
            table.withLock { table in
                if table.count + misses.count > capacity { table.removeAll(keepingCapacity: true) }
                for (key, entry) in misses { table[key] = entry }
            }
        }
        return results.map { $0! }
    }

    static func resolve(_ href: String, base: WebURL) -> Entry {
        guard let url = WebURL(href, base: base), url.isHTTP else { return nil }
        return url.normalizedForCrawl()
    }

    /// Whether `href` resolves the same against every base with the same
    /// directory: anything but an empty reference, a query or a fragment
    /// (which keep the base's path or query), nor "http:?q", which a base
    /// of the same scheme reads as the relative "?q", so a scheme followed by
    /// anything but "/" is left out too. The URL parser strips leading C0
    /// controls and spaces and removes tabs and newlines, so those are
    /// skipped before the first significant character is looked at.
    static func isPathIndependent(_ href: String) -> Bool {
        let significant = href.utf8.lazy.filter { $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }.drop { $0 <= 0x20 }
        guard let first = significant.first, first != UInt8(ascii: "?"), first != UInt8(ascii: "#") else { return false }
        guard first.isASCIILetter else { return true }
        for byte in significant.dropFirst() {
            if byte == UInt8(ascii: ":") {
                return significant.drop { $0 != UInt8(ascii: ":") }.dropFirst().first == UInt8(ascii: "/")
            }
            if !(byte.isASCIILetter || (0x30...0x39).contains(byte) || byte == 0x2B || byte == 0x2D || byte == 0x2E) { return true }
        }
        return true
    }
}

private extension UInt8 {
    var isASCIILetter: Bool { (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) }
}
