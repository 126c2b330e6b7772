import Testing

@testable import SyntheticWeb

/// The hostile profile as a whole: the same generated web plus traps, its
/// redirects, retry statuses and robots.txt files, and its ground truth.
@Suite(.serialized)
struct HostileWebTests {
    static let normal = SyntheticWeb(SyntheticWebTests.config(hosts: 5, pages: 20))

    @Test func keepsEveryGeneratedPageAndEdge() {
        let hostile = Hostile.web
        #expect(hostile.pageURLs() == Self.normal.pageURLs())
        for url in Self.normal.pageURLs() where !url.hasSuffix(".test/") {
            let (host, path) = SyntheticWebTests.split(url)
            #expect(hostile.response(host: host, path: path).body == Self.normal.response(host: host, path: path).body)
        }
        let added = Set(hostile.truthEdges()).subtracting(Self.normal.truthEdges())
        #expect(Set(Self.normal.truthEdges()).isSubset(of: hostile.truthEdges()))
        #expect(added.allSatisfy { $0.contains("/trap/") || $0.contains("/private/") })
        #expect(Self.normal.hostileTraps().isEmpty)
        #expect(Self.normal.response(host: "h0.trawl.test", path: "/trap/body/huge").status == 404)
        #expect(Self.normal.robotsVariant(host: "h0.trawl.test") == nil)
    }

    @Test func truthIsSortedDistinctAndMatchesTheRootLinks() {
        let edges = Hostile.web.truthEdges()
        #expect(edges == edges.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(Set(edges).count == edges.count)
        let root = Hostile.web.response(host: "h3.trawl.test", path: "/").bodyText
        let trapLinks = LinkScanner.hrefs(in: root).filter { $0.hasPrefix("/trap/") || $0.hasPrefix("/private/") }
        #expect(trapLinks.count == 33)
        for link in trapLinks {
            #expect(edges.contains("http://h3.trawl.test/,http://h3.trawl.test\(link)"), "\(link)")
        }
    }

    @Test func everyTrapIsLinkedFromTheRootAndDescribed() {
        let traps = Hostile.web.hostileTraps()
        let classes: Set = [
            "dns", "connect", "timeout", "tls", "reset", "too-large", "too-many-redirects", "redirect-loop",
            "out-of-scope-redirect", "unsupported-scheme", "bad-response", "http-4xx", "http-5xx", "robots-disallowed",
            "robots-unavailable", "bad-encoding", "refused-redirect",
        ]
        #expect(traps.count == 5 * 33)
        for trap in traps {
            #expect(trap.outcome.map(classes.contains) ?? true, "\(trap)")
            #expect(trap.alternatives.allSatisfy { $0.map(classes.contains) ?? true }, "\(trap)")
            #expect(!trap.note.isEmpty)
        }
        let root = Hostile.web.response(host: "h2.trawl.test", path: "/").bodyText
        let linked = LinkScanner.hrefs(in: root).map { "http://h2.trawl.test\($0)" }
        for trap in traps where trap.url.hasPrefix("http://h2.trawl.test/") {
            #expect(linked.contains { trap.covers($0) }, "\(trap)")
        }
        let outcomes = Dictionary(traps.filter { $0.url.hasPrefix("http://h0.") }.map { ($0.url, $0.outcome) }) {
            a, _ in a
        }
        #expect(outcomes["http://h0.trawl.test/trap/redirect/chain/3"] == .some(nil))
        #expect(outcomes["http://h0.trawl.test/trap/redirect/chain/15"] == "too-many-redirects")
        #expect(outcomes["http://h0.trawl.test/trap/redirect/long-location"] == "refused-redirect")
        // h0 robots.txt disallows /private/.
        #expect(outcomes["http://h0.trawl.test/trap/redirect/to-private"] == "robots-disallowed")
        #expect(outcomes["http://h0.trawl.test/trap/body/short"] == "bad-response")
        #expect(outcomes["http://h0.trawl.test/private/"] == "robots-disallowed")
    }

    @Test func redirectChainsLoopsAndSchemes() async throws {
        try await Hostile.withServer { _, connection in
            func hops(from path: String) throws -> (count: Int, last: WireResponse) {
                var response = try connection.get(path, host: "h0.trawl.test")
                var count = 0
                while (300..<400).contains(response.status), let location = response.headers["location"], count < 20 {
                    response = try connection.get(location, host: "h0.trawl.test")
                    count += 1
                }
                return (count, response)
            }
            let short = try hops(from: "/trap/redirect/chain/3")
            #expect(short.count == 3)
            #expect(short.last.status == 200)
            #expect(LinkScanner.title(in: short.last.text) == "Page 0 of h0")
            #expect(try hops(from: "/trap/redirect/chain/15").count == 15)
            let a = try connection.get("/trap/redirect/loop/a", host: "h0.trawl.test")
            #expect(a.status == 301 && a.headers["location"] == "/trap/redirect/loop/b")
            let b = try connection.get("/trap/redirect/loop/b", host: "h0.trawl.test")
            #expect(b.status == 301 && b.headers["location"] == "/trap/redirect/loop/a")
            let locations = try ["to-ftp", "to-javascript", "out-of-scope"].map {
                try connection.get("/trap/redirect/\($0)", host: "h0.trawl.test").headers["location"]
            }
            #expect(
                locations == [
                    "ftp://h0.trawl.test/trap/file.txt", "javascript:void(0)", "http://elsewhere.example/trap",
                ])
        }
    }

    @Test func retryStatusesAnswerOnceThen200() async throws {
        try await Hostile.withServer { server, connection in
            for (path, status) in [("/trap/status/429", 429), ("/trap/status/503", 503)] {
                for host in ["h0.trawl.test", "h1.trawl.test"] {
                    let first = try connection.get(path, host: host)
                    #expect(first.status == status)
                    #expect(first.headers["retry-after"] == "1")
                    let again = try connection.get(path, host: host)
                    #expect(again.status == 200)
                    #expect(again.headers["retry-after"] == nil)
                    #expect(LinkScanner.hrefs(in: again.text).isEmpty)
                }
            }
            for _ in 0..<3 { #expect(try connection.get("/trap/status/500", host: "h0.trawl.test").status == 500) }
            #expect(server.stats.trapRequests["http://h0.trawl.test/trap/status/429"] == 2)
            #expect(server.stats.trapRequests["http://h1.trawl.test/trap/status/503"] == 2)
            #expect(server.stats.trapRequests["http://h0.trawl.test/trap/status/500"] == 3)
        }
    }

    /// The count is taken under the server's lock: of simultaneous first
    /// requests exactly one gets the 429.
    @Test func concurrentFirstRequestsGetOne429() async throws {
        try await SyntheticWebServer.withRunning(Hostile.web) { server in
            try BlockingHTTPConnection.withConnections(count: 16, port: server.port) { connections in
                for connection in connections { try connection.sendGet("/trap/status/429", host: "h4.trawl.test") }
                let statuses = try connections.map { try $0.readResponse().status }
                #expect(statuses.count { $0 == 429 } == 1)
                #expect(statuses.count { $0 == 200 } == 15)
            }
        }
    }

    @Test func robotsVariantsFollowTheHostIndex() async throws {
        let expected: [(RobotsVariant, Int, String)] = [
            (.disallowPrivate, 200, "User-agent: *\nDisallow: /private/\nSitemap: http://sitemaps.trawl.test/sitemap.xml\n"), (.notFound, 404, "not found\n"),
            (.serverError, 500, "internal server error\n"), (.disallowAll, 200, "User-agent: *\nDisallow: /\n"),
            (.crawlDelay, 200, "User-agent: *\nCrawl-delay: 1\nDisallow: /private/\n"),
        ]
        try await Hostile.withServer { server, connection in
            for (index, (variant, status, text)) in expected.enumerated() {
                let host = "h\(index).trawl.test"
                #expect(Hostile.web.robotsVariant(host: host) == variant)
                let robots = try connection.get("/robots.txt", host: host)
                #expect(robots.status == status, "\(host)")
                #expect(robots.text == text, "\(host)")
                let page = try connection.get("/private/1", host: host)
                #expect(page.status == 200)
                #expect(LinkScanner.hrefs(in: page.text) == ["/"])
            }
            #expect(server.stats.trapRequests["http://h2.trawl.test/robots.txt"] == 1)
        }
        #expect(RobotsVariant.forHost(5, of: 6) == .costly)
        #expect(RobotsVariant.forHost(6, of: 7) == .disallowPrivate)
        let small = SyntheticWeb(Hostile.config(hosts: 4, pages: 5))
        #expect((0..<4).allSatisfy { small.robotsVariant(host: "h\($0).trawl.test") == .disallowPrivate })
    }

    @Test func truthObeyingRobotsDropsDisallowedSources() {
        let all = Hostile.web.truthEdges()
        let obeying = Hostile.web.truthEdges(obeyingRobots: true)
        func sources(_ host: String, _ edges: [String]) -> Int { edges.count { $0.hasPrefix("http://\(host)/") } }
        #expect(sources("h2.trawl.test", obeying) == 0)  // robots.txt 500
        #expect(sources("h3.trawl.test", obeying) == 0)  // Disallow: /
        #expect(sources("h1.trawl.test", obeying) == sources("h1.trawl.test", all))  // 404
        #expect(all.contains("http://h0.trawl.test/private/1,http://h0.trawl.test/"))
        #expect(!obeying.contains("http://h0.trawl.test/private/1,http://h0.trawl.test/"))
        #expect(obeying.contains("http://h1.trawl.test/private/1,http://h1.trawl.test/"))
        #expect(Hostile.web.truthEdges(obeyingRobots: false) == all)
    }
}
