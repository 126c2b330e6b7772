import Testing
import TrawlFetch

/// `--header` lines: what is sent, and what is refused and why.
struct RequestHeaderTests {
    @Test(arguments: [
        ("X-Trawl: 1", "X-Trawl", "1"),
        ("Accept-Language:de", "Accept-Language", "de"),
        ("X-Spaces: \t a b \t", "X-Spaces", "a b"),
        ("X-Colon: a:b", "X-Colon", "a:b"),
    ])
    func aHeaderLineIsSplitAndTrimmed(line: String, name: String, value: String) throws {
        let header = try RequestHeader(parsing: line)
        #expect(header.name == name && header.value == value)
        #expect(header.line == "\(name): \(value)")
    }

    @Test(arguments: [
        ("no colon", "is not 'Name: value' (no colon)"),
        (": value", "has no valid name before the colon (letters, digits and !#$%&'*+-.^_`|~ only, no spaces)"),
        ("Bad Name: x", "has no valid name before the colon (letters, digits and !#$%&'*+-.^_`|~ only, no spaces)"),
        ("X-Split: a\r\nInjected: b", "has a line break or NUL in its value"),
        ("X-Empty:   ", "has an empty value"),
        ("Host: example.com", "sets Host, which trawl does not let a header replace: the URL's host sets it for each request (--connect-to reroutes a host and keeps its Host)"),
        ("user-agent: me", "sets user-agent, which trawl does not let a header replace: use --user-agent, which robots.txt rules are matched against"),
    ])
    func aBadHeaderLineIsRefusedWithItsReason(line: String, reason: String) {
        #expect(throws: FetchError.self) { try RequestHeader(parsing: line) }
        do {
            _ = try RequestHeader(parsing: line)
        } catch {
            #expect(error.message == reason)
        }
    }

    @Test func aLongHeaderLineIsRefused() {
        let line = "X-Long: " + String(repeating: "a", count: RequestHeader.maxLineBytes)
        #expect(throws: FetchError.self) { try RequestHeader(parsing: line) }
    }

    @Test(arguments: [("Authorization", true), ("X-Api-Key", true), ("Cookie", true), ("X-Auth-Token", true),
                      ("Accept-Language", false), ("X-Trawl", false)])
    func credentialLikeNamesAreMasked(name: String, credential: Bool) throws {
        #expect(try RequestHeader(parsing: "\(name): v").isCredential == credential)
    }
}
