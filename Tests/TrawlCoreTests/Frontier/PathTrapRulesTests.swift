import Testing
@testable import TrawlCore

struct PathTrapRulesTests {
    @Test(arguments: [
        ("http://a.test/x/y?q=1", "/x/y"),
        ("http://a.test:8080/", "/"),
        ("https://a.test", ""),
        ("http://a.test?q", ""),
        ("http://[::1]:8/p/", "/p/"),
    ])
    func thePathIsBetweenTheAuthorityAndTheQuery(url: String, path: String) {
        #expect(PathTrapRules.path(of: url) == Substring(path))
    }

    @Test func segmentsAreCountedAsSlashesAsHeritrixDoes() {
        #expect(PathTrapRules.segmentCount("/") == 1)
        #expect(PathTrapRules.segmentCount("/a/b/") == 3)
        #expect(PathTrapRules.segmentCount("/a/b/c") == 3)
    }

    @Test(arguments: [
        ("/a/a/", false),
        ("/a/a/a/", true),
        ("/a/a/a", true),
        ("/a/b/a/b/", false),
        ("/a/b/a/b/a/b/", true),
        ("/x/a/b/c/a/b/c/a/b/c/y", true),
        ("/a/b/a/b/c/", false),
        ("/2024/01/01/", false),
        ("/docs/docs/api/docs/", false),
        ("/", false),
    ])
    func aRunRepeatedThreeTimesInARowIsATrap(path: String, trap: Bool) {
        #expect(PathTrapRules.hasRepeatedRun(Substring(path), maxRepeats: 2) == trap)
    }

    @Test func theRepeatLimitIsTheNumberOfRepeatsAllowed() {
        #expect(!PathTrapRules.hasRepeatedRun("/a/a/a/", maxRepeats: 3))
        #expect(PathTrapRules.hasRepeatedRun("/a/a/a/a/", maxRepeats: 3))
        #expect(PathTrapRules.hasRepeatedRun("/a/a/", maxRepeats: 1))
    }

    @Test func digitRunsFoldIntoOneShape() {
        #expect(PathTrapRules.digitShape("/trap/calendar/2031/04") == "/trap/calendar/#/#")
        #expect(PathTrapRules.digitShape("/trap/calendar/999999999/12") == "/trap/calendar/#/#")
        #expect(PathTrapRules.digitShape("/page/7.html") == "/page/#.html")
        #expect(PathTrapRules.digitShape("/about/") == nil)
    }
}
