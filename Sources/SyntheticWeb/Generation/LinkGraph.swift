/// The precomputed links of every generated page, in compressed-row form:
/// page g (= host × pagesPerHost + index) owns `links[starts[g]..<starts[g+1]]`
/// in document order.
struct LinkGraph: Sendable {
    let pagesPerHost: Int
    let starts: [Int]
    let links: [GeneratedLink]
    /// Whether the page carries `<base href="http://hK.trawl.test/page/">`.
    let hasBase: [Bool]

    func links(host: Int, page: Int) -> ArraySlice<GeneratedLink> {
        let g = host * pagesPerHost + page
        return links[starts[g]..<starts[g + 1]]
    }

    func hasBase(host: Int, page: Int) -> Bool {
        hasBase[host * pagesPerHost + page]
    }

    /// The directory relative hrefs of this page resolve against.
    func directory(host: Int, page: Int) -> PageDirectory {
        page == 0 && !hasBase(host: host, page: page) ? .root : .page
    }
}
