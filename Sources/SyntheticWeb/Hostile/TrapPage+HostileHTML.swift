/// Pages whose markup is the trap: their links must still be found, and
/// only those.
extension TrapPage {
    static let nestingDepth = 10_000
    /// The query of the long link makes its href longer than 8 KiB.
    static let longQueryLength = 8_400

    /// 10,000 nested `<div>`s, with a link before, at the bottom of and
    /// after the nesting.
    static let deep: TrapPage = {
        var html = "<p><a href=\"/trap/found/deep-before\">before the nesting</a></p>\n"
        html += String(repeating: "<div>", count: nestingDepth)
        html += "<a href=\"/trap/found/deep-innermost\">at the bottom, 10,000 levels down</a>"
        html += String(repeating: "</div>", count: nestingDepth)
        html += "\n<p><a href=\"/trap/found/deep-after\">after the nesting</a></p>"
        return TrapPage(
            body: document(title: "Deep nesting", html),
            targets: ["/trap/found/deep-before", "/trap/found/deep-innermost", "/trap/found/deep-after"])
    }()

    /// Tag soup an HTML parser must recover from: unclosed elements,
    /// unquoted and single-quoted attributes, upper-case markup, no
    /// `</body>` or `</html>`. The hrefs in the comment and the script are
    /// text, not links.
    static let unclosed = TrapPage(
        body: Array(
            """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Unclosed tags</title>
            <body>
            <div class=outer>
            <p>An unquoted href: <a href=/trap/found/unclosed-unquoted>here</a>
            <p>A single-quoted one, never closed: <a href='/trap/found/unclosed-single-quoted'>here
            <ul>
            <li><a href="/trap/found/unclosed-item-1">an open anchor in an open item
            <li><a href="/trap/found/unclosed-item-2">another
            </ul>
            <P>Upper case: <A HREF="/trap/found/unclosed-upper-case">HERE</A>
            <table><tr><td><a href="/trap/found/unclosed-table-cell">in a cell</table>
            <!-- <a href="/trap/found/in-comment">a comment, not a link</a> -->
            <script>var markup = '<a href="/trap/found/in-script">';</script>
            <p><b><i><a href="/trap/found/unclosed-last">the last link, and nothing is closed

            """.utf8),
        targets: [
            "/trap/found/unclosed-unquoted", "/trap/found/unclosed-single-quoted", "/trap/found/unclosed-item-1",
            "/trap/found/unclosed-item-2", "/trap/found/unclosed-upper-case", "/trap/found/unclosed-table-cell",
            "/trap/found/unclosed-last",
        ])

    /// `0123456789abcdef` repeated to `longQueryLength` characters.
    static let longQuery = String(
        String(repeating: "0123456789abcdef", count: longQueryLength / 16 + 1).prefix(longQueryLength))

    /// hrefs as the URL standard reads them: surrounding whitespace
    /// stripped, tabs and newlines inside removed, a space escaped, an
    /// entity decoded, an empty href naming the page itself; links to other
    /// schemes and hosts are not edges.
    static let oddLinks = TrapPage(
        body: document(
            title: "Odd links",
            """
            <ul>
            <li><a href="/trap/found/with space">a space inside</a></li>
            <li><a href="/trap/found/tab\tbed">a tab inside</a></li>
            <li><a href="
                /trap/found/new
            line
              ">newlines around and inside</a></li>
            <li><a href="/trap/found/amp?a=1&amp;b=2">an entity in the query</a></li>
            <li><a href="">an empty href: this page</a></li>
            <li><a href="mailto:webmaster@h0.trawl.test">mailto</a></li>
            <li><a href="javascript:void(location='/trap/found/by-script')">javascript</a></li>
            <li><a href="data:text/html;base64,PGEgaHJlZj0iLyI+">data</a></li>
            <li><a href="tel:+1-555-0100">tel</a></li>
            <li><a href="ftp://h0.trawl.test/trap/file.txt">ftp</a></li>
            <li><a href="//elsewhere.example/x">another web</a></li>
            <li><a name="no-href">no href at all</a></li>
            <li><a href="/trap/found/long?q=\(longQuery)">a URL longer than 8 KiB</a></li>
            </ul>
            """),
        targets: [
            "/trap/found/with%20space", "/trap/found/tabbed", "/trap/found/newline", "/trap/found/amp?a=1&b=2",
            Trap.oddLinks.path, "/trap/found/long?q=\(longQuery)",
        ])
}
