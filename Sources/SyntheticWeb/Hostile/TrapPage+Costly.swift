/// Pages that cost a careless crawler memory, output or CPU out of all
/// proportion to their size: each is small to serve and has a few links a
/// correct crawler keeps.
extension TrapPage {
    /// A `<base href>` this long makes every relative link at least this long.
    static let longBaseLength = 64 * 1024
    static let longBaseLinkCount = 8_000
    static let attributeBombCount = 60_000
    static let hugeTitleLength = 1 << 20
    /// A path segment that makes a backtracking regex such as `(a+)+$`
    /// explode: 70 `a`s and a character that is not one.
    static let backtrackingBait = String(repeating: "a", count: 70) + "!"

    /// A 64 KiB `<base href>` and 8,000 relative links under it: 512 MB of
    /// URLs for a crawler that keeps them. Only the two root-relative
    /// links resolve to URLs of ordinary length.
    static let longBase: TrapPage = {
        var html = "<p><a href=\"/trap/found/long-base-first\">first</a></p>\n<p>"
        html.reserveCapacity(longBaseLength + longBaseLinkCount * 24)
        for index in 0..<longBaseLinkCount { html += "<a href=\"p\(index)\">\(index)</a> " }
        html += "</p>\n<p><a href=\"/trap/found/long-base-last\">last</a></p>"
        let base = "/trap/base/" + String(repeating: "b", count: longBaseLength) + "/"
        return TrapPage(
            body: Array(TrapPage.html(
                head: "<meta charset=\"utf-8\">\n<title>Long base</title>\n<base href=\"\(base)\">", html).utf8),
            targets: ["/trap/found/long-base-first", "/trap/found/long-base-last"])
    }()

    /// One `<a>` with 60,000 attributes after its href: libxml2 2.9.14
    /// compares each attribute of a tag with every earlier one, seconds of
    /// CPU for this one tag. The links around it, and its own href, count.
    static let attributeBomb: TrapPage = {
        var tag = "<a href=\"/trap/found/attribute-bomb-tag\""
        tag.reserveCapacity(attributeBombCount * 10)
        for index in 0..<attributeBombCount { tag += " x\(index)=\"\"" }
        tag += ">the bomb</a>"
        let html = "<p><a href=\"/trap/found/attribute-bomb-before\">before</a></p>\n<p>\(tag)</p>\n"
            + "<p><a href=\"/trap/found/attribute-bomb-after\">after</a></p>"
        return TrapPage(
            body: document(title: "Attribute bomb", html),
            targets: ["/trap/found/attribute-bomb-before", "/trap/found/attribute-bomb-tag", "/trap/found/attribute-bomb-after"])
    }()

    /// Links a page controls, made to make a backtracking `--deny` or
    /// `--allow` pattern such as `(a+)+$` run for minutes.
    static let backtracking = TrapPage(
        body: document(
            title: "Backtracking bait",
            "<p><a href=\"/trap/found/\(backtrackingBait)\">bait</a></p>\n<p><a href=\"/trap/found/plain\">plain</a></p>"),
        targets: ["/trap/found/\(backtrackingBait)", "/trap/found/plain"])

    /// A 1 MiB `<title>`: a crawler that keeps titles whole keeps
    /// megabytes per page, in memory and in every export.
    static let hugeTitle: TrapPage = {
        let title = String(repeating: "Title ", count: hugeTitleLength / 6)
        return TrapPage(
            body: document(title: title, "<p><a href=\"/trap/found/huge-title\">the only link</a></p>"),
            targets: ["/trap/found/huge-title"])
    }()
}
