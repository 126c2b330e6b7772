import Testing
@testable import TrawlRedis

struct RedisEndpointTests {
    @Test(arguments: [
        ("redis://127.0.0.1/crawl1", RedisEndpoint.Transport.tcp(host: "127.0.0.1", port: 6379), "crawl1", "redis://127.0.0.1:6379/crawl1"),
        ("redis://redis.internal:7000/news_2024.v1-a", .tcp(host: "redis.internal", port: 7000), "news_2024.v1-a",
         "redis://redis.internal:7000/news_2024.v1-a"),
        ("REDIS://h/x", .tcp(host: "h", port: 6379), "x", "redis://h:6379/x"),
        ("redis://[::1]:6380/x", .tcp(host: "::1", port: 6380), "x", "redis://[::1]:6380/x"),
        ("redis://h:65535/x", .tcp(host: "h", port: 65535), "x", "redis://h:65535/x"),
        ("unix:///tmp/trawl/redis.sock?crawl=web", .unixSocket(path: "/tmp/trawl/redis.sock"), "web",
         "unix:///tmp/trawl/redis.sock?crawl=web"),
    ])
    func goodAddressesParseAndPrintBack(text: String, transport: RedisEndpoint.Transport, crawl: String, printed: String) throws {
        let endpoint = try RedisEndpoint(parsing: text)
        #expect(endpoint.transport == transport)
        #expect(endpoint.crawl == crawl)
        #expect(endpoint.description == printed)
        #expect(try RedisEndpoint(parsing: printed) == endpoint)
    }

    @Test func crawlNamesOfSixtyFourCharactersAreAccepted() throws {
        let name = String(repeating: "a", count: 64)
        #expect(try RedisEndpoint(parsing: "redis://h/\(name)").crawl == name)
    }

    @Test func serverNamesTheHostAndPortOrTheSocket() throws {
        #expect(try RedisEndpoint(parsing: "redis://h/x").server == "h:6379")
        #expect(try RedisEndpoint(parsing: "redis://[::1]/x").server == "[::1]:6379")
        #expect(try RedisEndpoint(parsing: "unix:///run/r.sock?crawl=x").server == "/run/r.sock")
    }

    static let forms = "expected redis://HOST[:PORT]/NAME or unix:///PATH?crawl=NAME"
    static let longPath = "/tmp/" + String(repeating: "d", count: 103)

    @Test(arguments: [
        ("", forms),
        ("localhost:6379", forms),
        ("http://h/x", "unknown scheme \"http://\": \(forms)"),
        ("rediss://h/x", "TLS (rediss://) is not supported: hiredis 0.14 has no TLS"),
        ("redis://h", "crawl name is missing: expected redis://HOST[:PORT]/NAME"),
        ("redis://h/", "crawl name is missing"),
        ("redis:///x", "host is missing"),
        ("redis://h:99999/x", "port must be 1–65535"),
        ("redis://h:0/x", "port must be 1–65535"),
        ("redis://h:123456789012345678901234/x", "port must be 1–65535"),
        ("redis://h:/x", "port is missing after \":\""),
        ("redis://h:abc/x", "port \"abc\" is not a number"),
        ("redis://u:pw@h/x", "a user or password in the address is not supported"),
        ("redis://::1/x", "an IPv6 address needs brackets, as in redis://[::1]:6379/NAME"),
        ("redis://[::1/x", "IPv6 address lacks its closing \"]\""),
        ("redis://[::1]6379/x", "unexpected \"6379\" after the IPv6 address"),
        ("redis://[xyz]/x", "\"xyz\" is not an IPv6 address"),
        ("redis://h h/x", "host \"h h\" may hold only letters, digits, '.', '-' and '_'"),
        ("redis://h/a/b", "crawl name \"a/b\" may hold only A–Z, a–z, 0–9, '_', '.' and '-'"),
        ("redis://h/café", "crawl name \"café\" may hold only A–Z, a–z, 0–9, '_', '.' and '-'"),
        ("redis://h/x?db=2", "unexpected \"?db=2\" after the crawl name"),
        ("redis://h/" + String(repeating: "a", count: 65), "crawl name is 65 characters long; at most 64"),
        ("unix://tmp/redis.sock?crawl=x", "the socket path must be absolute: unix:///PATH?crawl=NAME"),
        ("unix:///tmp/redis.sock", "crawl name is missing: add ?crawl=NAME"),
        ("unix:///tmp/redis.sock?crawl=", "crawl name is missing"),
        ("unix:///tmp/redis.sock?name=x", "unknown parameter \"name=x\" (the only one is crawl=NAME)"),
        ("unix:///tmp/redis.sock?crawl=a&crawl=b", "crawl= is given twice"),
        ("unix:///tmp/?crawl=x", "the socket path names a folder, not a socket file"),
        ("unix://\(longPath)?crawl=x", "the socket path is 108 bytes long; unix sockets allow at most 107"),
    ])
    func badAddressesAreRefusedNamingTheInputAndTheFault(text: String, fault: String) throws {
        let error = try #require(throws: RedisError.self) {
            try RedisEndpoint(parsing: text)
        }
        #expect(error.code == .badEndpoint)
        #expect(error.endpoint == text)
        #expect(error.message == "bad --frontier \"\(text)\": \(fault)")
    }

    @Test func messagesNameTheCallersOption() throws {
        let error = try #require(throws: RedisError.self) {
            _ = try RedisEndpoint(parsing: "redis://h:0/x", option: "--redis")
        }
        #expect(error.message == "bad --redis \"redis://h:0/x\": port must be 1–65535")
    }
}
