import Testing

@testable import SyntheticWeb

/// Serialized: the latency and concurrency tests measure wall time and
/// should not share the two cores with each other.
@Suite(.serialized)
struct SyntheticWebServerTests {
    static let web = SyntheticWeb(SyntheticWebTests.config())

    @Test func answersByHostHeader() async throws {
        try await SyntheticWebServer.withRunning(Self.web) { server in
            try BlockingHTTPConnection.withConnection(port: server.port) { connection in
                let h1 = try connection.get("/", host: "H1.Trawl.Test:8080")
                #expect(h1.status == 200)
                #expect(LinkScanner.title(in: h1.text) == "Page 0 of h1")
                #expect(h1.headers["content-type"] == "text/html; charset=utf-8")
                #expect(h1.body == Self.web.response(host: "h1.trawl.test", path: "/").body)
                let page = try connection.get("/page/42", host: "h3.trawl.test")
                #expect(LinkScanner.title(in: page.text) == "Page 42 of h3")
                #expect(try connection.get("/", host: "nowhere.test").status == 404)
                #expect(try connection.get("/", host: "h5.trawl.test").status == 404)
            }
            let stats = server.stats
            #expect(stats.requestsServed == 4)
            #expect(stats.requestsPerHost["h1.trawl.test"] == 1)
            #expect(stats.requestsPerHost["h3.trawl.test"] == 1)
            #expect(stats.requestTimestamps["h3.trawl.test"]?.count == 1)
        }
    }

    @Test func answersRedirectsMissingAndErrors() async throws {
        try await SyntheticWebServer.withRunning(Self.web) { server in
            try BlockingHTTPConnection.withConnection(port: server.port) { connection in
                let redirect = try connection.get("/redirect/7", host: "h0.trawl.test")
                #expect(redirect.status == 301)
                #expect(redirect.headers["location"] == "/page/7")
                #expect(redirect.headers["content-length"] == "0")
                #expect(try connection.get("/missing/3", host: "h0.trawl.test").status == 404)
                #expect(try connection.get("/error/3", host: "h0.trawl.test").status == 500)
                #expect(try connection.get("/robots.txt", host: "h0.trawl.test").status == 404)
                #expect(try connection.get("/%70age/7", host: "h0.trawl.test").status == 200)
                try connection.sendGet("/page/7", host: "h0.trawl.test", method: "HEAD")
                let head = try connection.readResponse(hasBody: false)
                #expect(head.status == 200)
                #expect(head.headers["content-length"] == String(Self.web.response(host: "h0.trawl.test", path: "/page/7").body.count))
            }
        }
    }

    @Test func keepsOneConnectionAliveFor100Requests() async throws {
        try await SyntheticWebServer.withRunning(Self.web) { server in
            try BlockingHTTPConnection.withConnection(port: server.port) { connection in
                for i in 0..<100 {
                    let response = try connection.get(i == 0 ? "/" : "/page/\(i)", host: "h2.trawl.test")
                    #expect(response.status == 200)
                    #expect(LinkScanner.title(in: response.text) == "Page \(i) of h2")
                }
                let last = try connection.get("/page/1", host: "h2.trawl.test", keepAlive: false)
                #expect(last.headers["connection"] == "close")
                #expect(try connection.isClosedByPeer())
            }
            #expect(server.stats.connectionsAccepted == 1)
            #expect(server.stats.requestsServed == 101)
        }
    }

    @Test func servesPipelinedRequestsInOrder() async throws {
        var config = SyntheticWebTests.config()
        config.latency = try LatencyDistribution(parsing: "1..30ms")
        try await SyntheticWebServer.withRunning(SyntheticWeb(config)) { server in
            try BlockingHTTPConnection.withConnection(port: server.port) { connection in
                for i in 1...20 { try connection.sendGet("/page/\(i)", host: "h0.trawl.test") }
                for i in 1...20 {
                    #expect(LinkScanner.title(in: try connection.readResponse().text) == "Page \(i) of h0")
                }
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func serves1000ConcurrentConnections() async throws {
        var config = SyntheticWebTests.config()
        config.latency = .fixed(.milliseconds(500))
        let web = SyntheticWeb(config)
        let clock = ContinuousClock(), start = clock.now
        try await SyntheticWebServer.withRunning(web) { server in
            try BlockingHTTPConnection.withConnections(count: 1_000, port: server.port) { connections in
                for (i, connection) in connections.enumerated() {
                    try connection.sendGet("/page/\(1 + i % 99)", host: "h\(i % 5).trawl.test")
                }
                for (i, connection) in connections.enumerated() {
                    let response = try connection.readResponse()
                    #expect(response.status == 200)
                    #expect(LinkScanner.title(in: response.text) == "Page \(1 + i % 99) of h\(i % 5)")
                }
            }
            let stats = server.stats
            #expect(stats.connectionsAccepted == 1_000)
            #expect(stats.requestsServed == 1_000)
            // Served side by side, not one after another (that would take 500 s).
            #expect(stats.peakConcurrentRequests > 100)
            #expect(stats.peakConcurrentRequestsPerHost.values.allSatisfy { $0 > 20 })
        }
        #expect(clock.now - start < .seconds(30))
    }

    @Test func fixedLatencyDelaysEveryResponse() async throws {
        var config = SyntheticWebTests.config()
        config.latency = .fixed(.milliseconds(100))
        let clock = ContinuousClock()
        try await SyntheticWebServer.withRunning(SyntheticWeb(config)) { server in
            try BlockingHTTPConnection.withConnection(port: server.port) { connection in
                for path in ["/", "/page/5", "/missing/1", "/redirect/2"] {
                    let start = clock.now
                    _ = try connection.get(path, host: "h4.trawl.test")
                    #expect(clock.now - start >= .milliseconds(100), "\(path)")
                }
            }
        }
    }

    @Test func servesHandWrittenWeb() async throws {
        let web = SyntheticWeb(handWritten: [
            HandWrittenPage(url: "http://a.test/", links: ["http://a.test/old", "http://b.test/?q=1&r=2"]),
            HandWrittenPage(url: "http://a.test/old", status: 302, location: "http://b.test/"),
            HandWrittenPage(url: "http://b.test/", links: []),
        ])
        try await SyntheticWebServer.withRunning(web) { server in
            try BlockingHTTPConnection.withConnection(port: server.port) { connection in
                let root = try connection.get("/", host: "a.test")
                #expect(LinkScanner.hrefs(in: root.text) == ["http://a.test/old", "http://b.test/?q=1&amp;r=2"])
                let old = try connection.get("/old", host: "a.test")
                #expect(old.status == 302)
                #expect(old.headers["location"] == "http://b.test/")
                #expect(try connection.get("/", host: "b.test").status == 200)
                #expect(try connection.get("/", host: "h0.trawl.test").status == 404)
            }
        }
    }

    @Test func serveRunsUntilCancelled() async throws {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task {
            try await SyntheticWebServer.serve(Self.web) { continuation.yield($0) }
        }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let response = try BlockingHTTPConnection.withConnection(port: port) { try $0.get("/", host: "h0.trawl.test") }
        #expect(response.status == 200)
        task.cancel()
        try await task.value
    }
}
