import Foundation
import Testing
import TrawlURL

/// Runs web-platform-tests' url/resources/urltestdata.json (kept in
/// Resources/) against WebURL. The stored copy predates whatwg/url#846
/// (March 2025), which added U+005E (^) to the path percent-encode set; its
/// four path expectations for `^` are updated to the current standard.
/// It also predates whatwg/url a8d5ca3 (June 2026), under which an ASCII
/// domain is lower-cased even when UTS #46 would fail it; its seven
/// "xn--" cases that expected failure ("http://a.b.c.xn--pokxncvks",
/// "file://xn--/p", ...) now expect the URL WPT's current copy gives.
/// The file is read from this source file's directory because the package
/// manifest declares no test resources.
struct URLConformanceTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let base: String?
        let expected: [String: String]?  // nil: the parse must fail
        var testDescription: String { "\(input.debugDescription) against \(base ?? "nil")" }
    }

    static func loadCases() throws -> [Case] {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let data = try Data(contentsOf: directory.appendingPathComponent("Resources/urltestdata.json"))
        let entries = try JSONSerialization.jsonObject(with: data) as? [Any] ?? []
        return entries.compactMap { entry -> Case? in
            guard let object = entry as? [String: Any], let input = object["input"] as? String
            else { return nil }  // comment lines
            let base = object["base"] as? String
            if object["failure"] as? Bool == true {
                return Case(input: input, base: base, expected: nil)
            }
            var expected: [String: String] = [:]
            for (key, value) in object { if let s = value as? String { expected[key] = s } }
            return Case(input: input, base: base, expected: expected)
        }
    }

    /// Inputs whose expectations need the UTS #46 mapping table, which this
    /// parser computes (see IDNAMapping.swift). Each names its reason.
    static let idnaTableCases: [String: String] = [:]

    /// The components as the URL API (and so the test file) spells them.
    static func components(of url: WebURL) -> [String: String] {
        let hostname = url.host ?? ""
        let port = url.port.map(String.init) ?? ""
        return [
            "href": url.href,
            "protocol": url.scheme + ":",
            "username": url.username,
            "password": url.password,
            "host": port.isEmpty ? hostname : hostname + ":" + port,
            "hostname": hostname,
            "port": port,
            "pathname": url.path,
            "search": (url.query ?? "").isEmpty ? "" : "?" + url.query!,
            "hash": (url.fragment ?? "").isEmpty ? "" : "#" + url.fragment!,
            "origin": url.origin,
        ]
    }

    /// Checks one case; returns a description of the mismatch, or nil.
    static func mismatch(in testCase: Case) -> String? {
        var base: WebURL? = nil
        if let baseString = testCase.base {
            guard let parsed = WebURL(baseString) else { return "base did not parse" }
            base = parsed
        }
        let url = WebURL(testCase.input, base: base)
        guard let expected = testCase.expected else {
            return url.map { "expected failure, got \($0.href)" }
        }
        guard let url else { return "unexpected failure" }
        let actual = components(of: url)
        for key in actual.keys.sorted() {
            guard let want = expected[key] else { continue }
            if actual[key] != want {
                return "\(key): expected \(want.debugDescription), got \(actual[key]!.debugDescription)"
            }
        }
        return nil
    }

    @Test func everyConformanceCaseParsesAsTheStandardSays() throws {
        let cases = try Self.loadCases()
        #expect(cases.count > 500)
        var passed = 0, skipped = 0
        for testCase in cases {
            if Self.idnaTableCases[testCase.input] != nil {
                skipped += 1
                continue
            }
            if let problem = Self.mismatch(in: testCase) {
                Issue.record("\(testCase.testDescription): \(problem)")
            } else {
                passed += 1
            }
        }
        print("urltestdata: \(passed) of \(cases.count) passed, \(skipped) skipped (IDNA tables)")
    }
}
