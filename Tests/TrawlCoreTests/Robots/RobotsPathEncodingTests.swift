import Testing
@testable import TrawlCore

struct RobotsPathEncodingTests {
    private func path(_ text: String) -> String {
        RobotsPathEncoding.withCanonicalPath(text) { String(decoding: $0, as: UTF8.self) }
    }

    private func pattern(_ text: String) -> String {
        String(decoding: RobotsPathEncoding.canonicalPattern(Array(text.utf8)), as: UTF8.self)
    }

    @Test(arguments: [
        ("/foo/bar/%62%61%7A", "/foo/bar/baz"),
        ("/a%3cd", "/a%3Cd"),
        ("/ツ", "/%E3%83%84"),
        ("/a b\"<>\\^`{|}", "/a%20b%22%3C%3E%5C%5E%60%7B%7C%7D"),
        ("/100%", "/100%25"),
        ("/%%34%31", "/%2541"),
        ("/%zz%4", "/%25zz%254"),
        ("/a*b$", "/a%2Ab%24"),
        ("/it's?q='x'", "/it's?q=%27x%27"),
        ("/a%2Fb%3A?u=https%3A%2F%2Fx%3Fy%40z%26w", "/a%2Fb%3A?u=https://x?y@z%26w"),
        ("/p#frag", "/p"),
        ("", "/"),
        ("?q", "/?q"),
    ])
    func pathsTakeTheirCanonicalForm(input: String, canonical: String) {
        #expect(path(input) == canonical)
    }

    @Test func canonicalPathsAreStable() {
        for input in ["/%%34%31", "/a%2fb?c%2fd", "/ツ?ツ", "/%25%2525", "/a*$'?'*$"] {
            #expect(path(path(input)) == path(input), "\(input)")
        }
    }

    @Test func patternsKeepStarAndAFinalDollarSpecial() {
        #expect(pattern("/a*b$") == "/a*b$")
        #expect(pattern("/a$b") == "/a%24b")
        #expect(pattern("/a%2A%24") == "/a%2A%24")
        #expect(pattern("/x#y") == "/x%23y")
        #expect(pattern("*.gif$") == "*.gif$")
    }
}
