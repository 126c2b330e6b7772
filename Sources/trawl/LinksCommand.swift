import ArgumentParser
import TrawlCore
import TrawlExtract
import TrawlURL

struct LinksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links",
        abstract: "Print the absolute, normalized http(s) links of an HTML file, one per line.",
        discussion: """
            Uses the crawler's own extraction and normalization, so it shows exactly what a crawl \
            would follow. Relative links resolve against the page's <base href>, else --base; \
            without either they cannot be made absolute and are left out. Use - to read stdin.
            """
    )

    @Option(help: "The page's URL, for resolving relative links.")
    var base: String?

    @Option(name: .customLong("content-type"), help: "Content-Type header to assume, e.g. 'text/html; charset=iso-8859-1'.")
    var contentType: String?

    @Flag(help: "Also print each link's rel=nofollow / meta-robots status as a second column.")
    var showFollow = false

    @Argument(help: "HTML file to read (- for stdin).")
    var file: String

    func validate() throws {
        if let base, WebURL(base) == nil {
            throw ValidationError("--base '\(base)' is not a valid absolute URL")
        }
    }

    func run() throws {
        let bytes = try InputFile.bytes(file, kind: "HTML")
        let page = HTMLExtractor.extract(bytes, contentType: contentType)
        let documentURL = base.flatMap { WebURL($0) }
            ?? page.baseHref.flatMap { WebURL($0) }
        guard let documentURL else {
            // No base: only links that are absolute by themselves can print.
            var printed = Set<String>()
            for link in page.links {
                guard let url = WebURL(link.href)?.normalizedForCrawl(), url.isHTTP,
                      printed.insert(url.href).inserted else { continue }
                print(line(url.href, follow: !link.nofollow && !page.robots.contains(.nofollow)))
            }
            return
        }
        for link in ResolvedLinks(page: page, documentURL: documentURL, limits: LinkFilter().resolutionLimits).links {
            print(line(link.url.href, follow: link.follow))
        }
    }

    private func line(_ url: String, follow: Bool) -> String {
        showFollow ? "\(url)\t\(follow ? "follow" : "nofollow")" : url
    }
}
