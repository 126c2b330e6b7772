/// HTML of a generated page, rendered per request (a 4 KB page renders in a
/// few microseconds; caching a million of them would cost gigabytes).
extension GeneratedWeb {
    static let navLinks = 3
    static let listLinks = 5

    func renderPage(host: Int, page: Int) -> [UInt8] {
        let hostName = hostNames[host]
        let shortName = hostName.prefix { $0 != "." }
        let title = "Page \(page) of \(shortName)"
        let links = graph.links(host: host, page: page)
        let directory = graph.directory(host: host, page: page)
        var body = [UInt8]()
        body.reserveCapacity(max(config.pageSize, 512 + links.count * 96) + 64)

        func put(_ text: String) { body.append(contentsOf: text.utf8) }
        func anchor(_ link: GeneratedLink, _ n: Int) {
            put("<a href=\"")
            put(link.href(sourceHost: host, directory: directory, hostNames: hostNames))
            put("\">link \(n)</a>")
        }

        put("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>\(title)</title>\n")
        if graph.hasBase(host: host, page: page) {
            put("<base href=\"http://\(hostName)/page/\">\n")
        }
        put("</head>\n<body>\n<h1 id=\"top\">\(title)</h1>\n")
        if config.nesting > 0 {
            for _ in 0..<config.nesting { put("<div>") }
            put("\n")
        }

        // The paragraph choice is a pure function of the page, like the links.
        var rng = SplitMix64(seed: StableHash.combine(config.seed, 3, UInt64(host), UInt64(page)))
        var n = 0
        if !links.isEmpty {
            put("<nav>\n")
            for link in links.prefix(Self.navLinks) {
                anchor(link, n)
                put("\n")
                n += 1
            }
            put("</nav>\n")
        }
        let listed = links.dropFirst(Self.navLinks).prefix(Self.listLinks)
        if !listed.isEmpty {
            put("<ul>\n")
            for link in listed {
                put("<li>")
                anchor(link, n)
                put("</li>\n")
                n += 1
            }
            put("</ul>\n")
        }
        for link in links.dropFirst(Self.navLinks + Self.listLinks) {
            put("<p>")
            PaddingText.append(paragraph: rng.below(1 << 20), limit: 40 + rng.below(80), to: &body)
            put(" ")
            anchor(link, n)
            put(".</p>\n")
            n += 1
        }
        if page == 0, hostile != nil {
            // Root-relative: a <base href> cannot change where they lead.
            put("<ul id=\"traps\">\n")
            for path in HostileWeb.rootLinks { put("<li><a href=\"\(path)\">trap</a></li>\n") }
            put("</ul>\n")
        }
        let closing = String(repeating: "</div>", count: config.nesting) + "</body>\n</html>\n"
        // Pad with whole paragraphs, the last one cut to land near pageSize.
        while config.pageSize - body.count - closing.utf8.count > 16 {
            put("<p>")
            PaddingText.append(
                paragraph: rng.below(1 << 20), limit: config.pageSize - body.count - closing.utf8.count - 9, to: &body)
            put("</p>\n")
        }
        put(closing)
        return body
    }
}
