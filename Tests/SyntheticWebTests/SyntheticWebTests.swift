import Testing

@testable import SyntheticWeb

struct SyntheticWebTests {
    static func config(seed: UInt64 = 1, hosts: Int = 5, pages: Int = 100) -> SyntheticWebConfig {
        var config = SyntheticWebConfig()
        config.seed = seed
        config.hosts = hosts
        config.pagesPerHost = pages
        return config
    }

    /// `http://h0.trawl.test/page/3` → ("h0.trawl.test", "/page/3").
    static func split(_ url: String) -> (host: String, path: String) {
        let rest = url.dropFirst("http://".count)
        let slash = rest.firstIndex(of: "/")!
        return (String(rest[..<slash]), String(rest[slash...]))
    }

    @Test func namesHostsAndSeeds() {
        let web = SyntheticWeb(Self.config(hosts: 3, pages: 7))
        #expect(web.hostNames == ["h0.trawl.test", "h1.trawl.test", "h2.trawl.test"])
        #expect(web.seedURLs == ["http://h0.trawl.test/", "http://h1.trawl.test/", "http://h2.trawl.test/"])
        #expect(web.pageCount == 21)
        #expect(web.pageURLs().count == 21)
        #expect(web.pageURLs().first == "http://h0.trawl.test/")
        #expect(web.pageURLs().contains("http://h2.trawl.test/page/6"))
    }

    @Test func sameSeedGivesIdenticalTruthAndPages() {
        let a = SyntheticWeb(Self.config(seed: 42)), b = SyntheticWeb(Self.config(seed: 42))
        #expect(a.truthEdges() == b.truthEdges())
        for url in ["http://h0.trawl.test/", "http://h3.trawl.test/page/57"] {
            let (host, path) = Self.split(url)
            #expect(a.response(host: host, path: path).body == b.response(host: host, path: path).body)
        }
    }

    @Test func differentSeedGivesDifferentTruth() {
        let a = SyntheticWeb(Self.config(seed: 1)).truthEdges()
        let b = SyntheticWeb(Self.config(seed: 2)).truthEdges()
        #expect(a != b)
    }

    /// Pins the generator across processes and platforms: the seeded
    /// streams use no per-process hashing, so these values never change
    /// unless the generator itself is changed on purpose.
    @Test func smallWebIsPinned() {
        let edges = SyntheticWeb(Self.config(seed: 7, hosts: 2, pages: 10)).truthEdges()
        #expect(edges.count == 119)
        #expect(edges.prefix(3) == [
            "http://h0.trawl.test/,http://h0.trawl.test/",
            "http://h0.trawl.test/,http://h0.trawl.test/page/1",
            "http://h0.trawl.test/,http://h0.trawl.test/page/3",
        ])
        // FNV-1a 64 of the lines joined by "\n", computed here, not by the module.
        var digest: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in edges.joined(separator: "\n").utf8 { digest = (digest ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        #expect(digest == 2_605_168_585_102_476_466)
    }

    /// 12 hosts and 150 pages: `h1` vs `h10` and `/page/1` vs `/page/10`
    /// are where a sort by source could differ from a sort by line.
    @Test(arguments: [(5, 100), (12, 150)])
    func truthIsSortedByteWiseAndDistinct(hosts: Int, pages: Int) {
        let edges = SyntheticWeb(Self.config(hosts: hosts, pages: pages)).truthEdges()
        #expect(edges == edges.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(Set(edges).count == edges.count)
        #expect(edges.allSatisfy { $0.hasPrefix("http://h") && $0.split(separator: ",").count == 2 })
    }

    @Test(arguments: [(5, 100, 8.0), (3, 2_000, 1.0), (1, 1, 8.0)])
    func everyPageIsReachableFromItsRoot(hosts: Int, pages: Int, degree: Double) {
        var config = Self.config(hosts: hosts, pages: pages)
        config.meanOutDegree = degree
        let web = SyntheticWeb(config)
        var outgoing = [String: [String]]()
        for line in web.truthEdges() {
            let parts = line.split(separator: ",")
            outgoing[String(parts[0]), default: []].append(String(parts[1]))
        }
        // Each root on its own, over same-host edges only: the tree alone
        // must connect every page of a host to its root.
        var reached = 0
        for (host, seed) in zip(web.hostNames, web.seedURLs) {
            var seen: Set = [seed], queue = [seed]
            while let url = queue.popLast() {
                for target in outgoing[url, default: []] where !seen.contains(target) {
                    let (targetHost, path) = Self.split(target)
                    guard targetHost == host, web.response(host: targetHost, path: path).status == 200 else { continue }
                    seen.insert(target)
                    queue.append(target)
                }
            }
            reached += seen.count
        }
        #expect(reached == hosts * pages)
        #expect(web.pageCount == hosts * pages)
    }

    @Test func truthMatchesRenderedHrefs() {
        let web = SyntheticWeb(Self.config())
        let hosts = Set(web.hostNames)
        var edges = Set<String>(), hrefs = [String]()
        for url in web.pageURLs() {
            let (host, path) = Self.split(url)
            let response = web.response(host: host, path: path)
            #expect(response.status == 200)
            let html = response.bodyText
            let base = LinkScanner.base(in: html) ?? url
            for href in LinkScanner.hrefs(in: html) {
                hrefs.append(href)
                let resolved = ReferenceResolver.resolve(ReferenceResolver.cleanHref(href), against: base)
                guard let target = ReferenceResolver.canonicalHTTP(resolved),
                    hosts.contains(Self.split(target).host)
                else { continue }
                edges.insert("\(url),\(target)")
            }
        }
        #expect(edges.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } == web.truthEdges())

        // Every spelling the crawler must handle actually occurs.
        func count(_ predicate: (String) -> Bool) -> Int { hrefs.count(where: predicate) }
        #expect(count { $0.hasPrefix("http://h") && !$0.contains(":80") && !$0.contains("#") } > 100)
        #expect(count { $0.hasPrefix("/page/") } > 100)
        #expect(count { $0.hasPrefix("page/") } > 0)
        #expect(count { $0.first?.isNumber == true } > 0)
        #expect(count { $0.hasPrefix("./") } > 10)
        #expect(count { $0.hasPrefix("../") } > 10)
        #expect(count { $0.hasPrefix("//h") } > 10)
        #expect(count { $0.hasPrefix("HTTP://H") } > 10)
        #expect(count { $0.contains(".trawl.test:80/") } > 10)
        #expect(count { $0.contains("#s") } > 10)
        #expect(count { $0.contains("/%70age/") } > 10)
        #expect(count { $0.first == "\n" || $0.first == " " } > 10)
        #expect(count { $0 == "#top" } > 0)
        #expect(count { $0 == "mailto:a@b.c" } > 0)
        #expect(count { $0 == "javascript:void(0)" } > 0)
        #expect(count { $0 == "http://elsewhere.example/x" } > 0)
        #expect(count { $0.contains("/missing/") } > 0)
        #expect(count { $0.contains("/redirect/") } > 0)
        #expect(count { $0.contains("/error/") } > 0)
        #expect(count { $0.contains("&") } == 0)
        let basePages = web.pageURLs().count { url in
            let (host, path) = Self.split(url)
            return LinkScanner.base(in: web.response(host: host, path: path).bodyText) != nil
        }
        #expect(basePages > 10)
    }

    @Test func pagesHaveTitlesAndApproximateSize() {
        let web = SyntheticWeb(Self.config())
        let root = web.response(host: "h2.trawl.test", path: "/")
        #expect(LinkScanner.title(in: root.bodyText) == "Page 0 of h2")
        #expect(root.header("content-type") == "text/html; charset=utf-8")
        let page = web.response(host: "h4.trawl.test", path: "/page/99")
        #expect(LinkScanner.title(in: page.bodyText) == "Page 99 of h4")
        let sizes = web.pageURLs().map { url in
            let (host, path) = Self.split(url)
            return web.response(host: host, path: path).body.count
        }.sorted()
        let median = sizes[sizes.count / 2]
        #expect(abs(median - 4096) < 100)
    }

    @Test func outDegreeFollowsTheConfiguredMeanWithAHeavyTail() {
        let web = SyntheticWeb(Self.config(hosts: 4, pages: 1_000))
        let degrees = web.pageURLs().map { url in
            let (host, path) = Self.split(url)
            return LinkScanner.hrefs(in: web.response(host: host, path: path).bodyText).count
        }
        let mean = Double(degrees.reduce(0, +)) / Double(degrees.count)
        #expect(abs(mean - 8) < 0.4)
        #expect(degrees.max()! >= 30)
        #expect(degrees.min()! >= 1)
    }

    @Test func specialPathsAnswerWithTheirStatus() {
        let web = SyntheticWeb(Self.config())
        #expect(web.response(host: "h0.trawl.test", path: "/missing/3").status == 404)
        #expect(web.response(host: "h0.trawl.test", path: "/error/3").status == 500)
        let redirect = web.response(host: "h0.trawl.test", path: "/redirect/12")
        #expect(redirect.status == 301)
        #expect(redirect.header("location") == "/page/12")
        #expect(web.response(host: "h0.trawl.test", path: "/redirect/0").header("location") == "/")
        #expect(web.response(host: "h0.trawl.test", path: "/redirect/100").status == 404)
        #expect(web.response(host: "h0.trawl.test", path: "/robots.txt").status == 404)
        #expect(web.response(host: "h0.trawl.test", path: "/page/0").status == 404)
        #expect(web.response(host: "h0.trawl.test", path: "/page/100").status == 404)
        #expect(web.response(host: "h0.trawl.test", path: "/page/007").status == 404)
        #expect(web.response(host: "h5.trawl.test", path: "/").status == 404)
        #expect(web.response(host: "H1.Trawl.TEST:8080", path: "/%70age/%31").status == 200)
        #expect(web.response(host: "h1.trawl.test", path: "/page/1#x").status == 200)
    }

    @Test func uniformLatencyIsDeterministicPerRequest() throws {
        var config = Self.config()
        config.latency = try LatencyDistribution(parsing: "20..200ms")
        let web = SyntheticWeb(config), again = SyntheticWeb(config)
        let latencies = (1..<50).map { web.response(host: "h1.trawl.test", path: "/page/\($0)").latency }
        #expect(latencies == (1..<50).map { again.response(host: "h1.trawl.test", path: "/page/\($0)").latency })
        #expect(latencies.allSatisfy { $0 >= .milliseconds(20) && $0 < .milliseconds(200) })
        #expect(Set(latencies).count == latencies.count)
    }

    @Test func handWrittenWebServesExactlyWhatItIsGiven() {
        let web = SyntheticWeb(handWritten: [
            HandWrittenPage(url: "http://a.test/", links: ["http://a.test/x", "http://b.test/", "http://out.test/", "http://a.test/x"]),
            HandWrittenPage(url: "http://a.test/x", status: 301, location: "/y"),
            HandWrittenPage(url: "http://a.test/y", links: ["http://a.test/", "http://a.test/gone", "mailto:z@a.test"], latency: .milliseconds(5)),
            HandWrittenPage(url: "http://a.test/gone", status: 404),
            HandWrittenPage(url: "http://b.test/", links: ["http://a.test/y"]),
        ])
        #expect(web.hostNames == ["a.test", "b.test"])
        #expect(web.seedURLs == ["http://a.test/", "http://b.test/"])
        #expect(web.pageCount == 3)
        #expect(web.truthEdges() == [
            "http://a.test/,http://a.test/x",
            "http://a.test/,http://b.test/",
            "http://a.test/y,http://a.test/",
            "http://a.test/y,http://a.test/gone",
            "http://b.test/,http://a.test/y",
        ])
        let root = web.response(host: "a.test", path: "/")
        #expect(root.status == 200)
        #expect(LinkScanner.hrefs(in: root.bodyText) == ["http://a.test/x", "http://b.test/", "http://out.test/", "http://a.test/x"])
        let moved = web.response(host: "A.TEST:80", path: "/x")
        #expect(moved.status == 301)
        #expect(moved.header("location") == "/y")
        #expect(web.response(host: "a.test", path: "/y").latency == .milliseconds(5))
        #expect(web.response(host: "a.test", path: "/gone").status == 404)
        #expect(web.response(host: "a.test", path: "/nothing").status == 404)
        #expect(web.response(host: "c.test", path: "/").status == 404)
    }

    @Test func writesTruthFileWithHeader() throws {
        let web = SyntheticWeb(Self.config(hosts: 2, pages: 20))
        let path = "/tmp/trawl-synthetic-truth-\(web.truthEdges().count).csv"
        try web.writeTruth(to: path)
        let text = try String(decoding: readFile(path), as: UTF8.self)
        #expect(text == "source,target\n" + web.truthEdges().map { $0 + "\n" }.joined())
        let error = #expect(throws: SyntheticWebError.self) { try web.writeTruth(to: "/nonexistent-dir/truth.csv") }
        #expect(error?.code == .cannotWriteTruth)
        #expect(error?.description.contains("/nonexistent-dir/truth.csv") == true)
    }

    @Test func referenceResolverFollowsRFC3986Examples() {
        let base = "http://a/b/c/d;p?q"
        let cases = [
            ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"), ("/g", "http://a/g"),
            ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("#s", "http://a/b/c/d;p?q#s"), ("", "http://a/b/c/d;p?q"),
            (".", "http://a/b/c/"), ("..", "http://a/b/"), ("../g", "http://a/b/g"), ("../..", "http://a/"),
            ("../../../g", "http://a/g"), ("/./g", "http://a/g"), ("g/../h", "http://a/b/c/h"),
        ]
        for (reference, expected) in cases {
            #expect(ReferenceResolver.resolve(reference, against: base).text == expected, "\(reference)")
        }
    }
}
