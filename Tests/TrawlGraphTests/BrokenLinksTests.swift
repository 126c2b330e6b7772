import Testing
@testable import TrawlGraph

struct BrokenLinksTests {
    /// 7 (404) has four referrers; 12 (503) and 11 (dns) one each, in URL
    /// order. 14 was linked but never attempted, 5 and 16 redirected: none
    /// of them is broken.
    @Test func failedTargetsWithTheirReferrersMostReferredFirst() throws {
        let broken = BrokenLinks.find(nodes: try FixtureCrawl.nodes(), graph: FixtureCrawl.graph())
        #expect(broken == [
            BrokenLink(url: "http://a.test/missing", status: 404, errorClass: "http-4xx", referrers: [
                "http://a.test/blog/1", "http://a.test/blog/2", "http://a.test/new", "http://b.test/x",
            ]),
            BrokenLink(url: "http://a.test/down", status: 503, errorClass: nil, referrers: ["http://a.test/about"]),
            BrokenLink(url: "http://c.test/", status: nil, errorClass: "dns", referrers: ["http://b.test/y"]),
        ])
        #expect(broken.map(\.reason) == ["404", "503", "dns"])
    }

    /// A failed URL nothing links to (a seed that answered 404) is not a
    /// broken link; a redirect hop into a failure is a referral.
    @Test func unreferencedFailuresAreLeftOutAndRedirectsRefer() {
        var nodes = CrawlNodes()
        nodes.append(url: "http://s/", status: 404, errorClass: nil)
        nodes.append(url: "http://s/moved", status: 301, errorClass: nil)
        nodes.append(url: "http://s/gone", status: 410, errorClass: nil)
        nodes.append(url: "http://s/robots-only", status: nil, errorClass: "robots-disallowed")
        nodes.append(url: "http://s/fine", status: 200, errorClass: nil)
        let graph = LinkGraph(nodeCount: 5, links: EdgeList([(4, 1), (4, 3)]), redirects: EdgeList([(1, 2)]))
        let broken = BrokenLinks.find(nodes: nodes, graph: graph)
        #expect(broken.map(\.url) == ["http://s/gone", "http://s/robots-only"])
        #expect(broken.map(\.referrers) == [["http://s/moved"], ["http://s/fine"]])
    }
}
