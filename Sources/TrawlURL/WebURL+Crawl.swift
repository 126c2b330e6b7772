/// What the crawler derives from a URL: its origin (the politeness key),
/// its dedup key and its approximate registrable domain.
extension WebURL {
    /// The ASCII serialization of the URL's origin: "scheme://host[:port]"
    /// for http(s), ws(s) and ftp; the inner URL's origin for blob: URLs;
    /// "null" (an opaque origin) for everything else, file: included.
    public var origin: String {
        switch layout.kind {
        case .http, .https, .ws, .wss, .ftp:
            return slice(0, layout.schemeEnd) + "://" + slice(layout.hostStart, layout.hostEnd)
                + (layout.port < 0 ? "" : ":" + String(layout.port))
        case .file:
            return "null"
        case .other:
            guard scheme == "blob", let inner = WebURL(path), inner.isHTTP else { return "null" }
            return inner.origin
        }
    }

    /// The crawler's dedup key: fragment dropped and percent-encoding
    /// normalized (escapes of unreserved ALPHA / DIGIT / "-" "." "_" "~"
    /// decoded, all other escapes' hex upper-cased) in path and query; WHATWG
    /// serialization already lower-cases scheme/host, drops default ports and
    /// removes dot segments. Idempotent.
    public func normalizedForCrawl() -> WebURL {
        let utf8 = Array(href.utf8)
        let pathStart = Int(layout.pathStart)
        let queryStart = Int(layout.queryStart)
        let fragmentStart = Int(layout.fragmentStart)
        let tail = utf8[pathStart..<fragmentStart]
        if !layout.hasFragment && !tail.contains(ASCII.percent) { return self }

        var out = [UInt8]()
        out.reserveCapacity(fragmentStart)
        out.append(contentsOf: utf8[0..<pathStart])
        Self.normalizeEscapes(utf8[pathStart..<queryStart], into: &out)
        var newLayout = layout
        newLayout.queryStart = UInt32(out.count)
        if layout.hasQuery {
            out.append(ASCII.question)
            Self.normalizeEscapes(utf8[(queryStart + 1)..<fragmentStart], into: &out)
        }
        newLayout.fragmentStart = UInt32(out.count)
        newLayout.hasFragment = false
        return WebURL(href: String(decoding: out, as: UTF8.self), layout: newLayout)
    }

    /// Decodes escapes of unreserved characters and upper-cases the others.
    ///
    /// A stray "%" (one not starting an escape) is never allowed to grow
    /// into an escape by decoding a hex digit right after it ("%%34%31"
    /// must not become "%41"): such escapes are kept, which is what makes
    /// the function idempotent.
    static func normalizeEscapes(_ input: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var strayPercent = -1  // index in `out` of the last stray "%"
        var i = input.startIndex
        let end = input.endIndex
        while i < end {
            let b = input[i]
            guard b == ASCII.percent, i + 2 < end,
                  input[i + 1].isASCIIHexDigit, input[i + 2].isASCIIHexDigit
            else {
                if b == ASCII.percent { strayPercent = out.count }
                out.append(b)
                i += 1
                continue
            }
            let value = input[i + 1].hexValue << 4 | input[i + 2].hexValue
            let wouldFormEscape = value.isASCIIHexDigit
                && (strayPercent == out.count - 1
                    || (strayPercent == out.count - 2 && out[out.count - 1].isASCIIHexDigit))
            if isUnreserved(value) && !wouldFormEscape {
                out.append(value)
            } else {
                out.append(ASCII.percent)
                out.append(input[i + 1].asciiUppercased)
                out.append(input[i + 2].asciiUppercased)
            }
            i += 3
        }
    }

    private static func isUnreserved(_ b: UInt8) -> Bool {
        b.isASCIIAlphanumeric || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E
    }

    /// Whether the host is a domain name (not an IP address, an opaque
    /// host or none): only a domain has a registrable domain.
    public var hasDomainHost: Bool { layout.hostKind == .domain }
}

extension WebURL {
    /// Whether the URL carries a user name or a password.
    public var hasCredentials: Bool {
        layout.usernameEnd > layout.usernameStart || layout.passwordEnd > layout.usernameEnd
    }

    /// The URL without its user name and password (and their "@"). A page
    /// must not choose credentials for trawl to send, nor get them written
    /// into the exports.
    public func withoutCredentials() -> WebURL {
        guard hasCredentials else { return self }
        // Re-parsing the serialization without the userinfo is exact: the
        // rest of it is already in the parser's output form.
        return WebURL(slice(0, layout.usernameStart) + slice(layout.hostStart, endOffset)) ?? self
    }
}

extension WebURL {
    /// `href` with the password, if any, shown as "****": safe for a log
    /// line or a report (the user name stays, to say whose it was).
    public var hrefMaskingPassword: String {
        guard layout.passwordEnd > layout.usernameEnd else { return href }
        return slice(0, layout.usernameEnd + 1) + "****" + slice(layout.passwordEnd, endOffset)
    }
}
