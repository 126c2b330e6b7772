import Foundation
import Testing
import TrawlURL

/// Runs web-platform-tests' IDNA data against the host parser:
/// url/resources/toascii.json and url/resources/IdnaTestV2.json, kept
/// verbatim in Resources/ as WPT had them in July 2026, that is after
/// whatwg/url a8d5ca3 ("Add Unicode ToASCII fallback for ASCII domains"),
/// under which an all-ASCII domain is lower-cased whatever UTS #46 says of
/// it (so "xn--a" is a host), and IdnaTestV2.json is Unicode 17.0's.
///
/// Each case goes through `https://{input}/x` as WPT's runners do
/// (url/toascii.any.js, url/IdnaTestV2.any.js). Those runners also assign
/// toascii.json's inputs to the `host` and `hostname` setters; WebURL has
/// no setters, so that half has nothing to run against here.
struct IDNAConformanceTests {
    /// IdnaTestV2.any.js percent-encodes the code points that would end the
    /// host in a URL string, so that they reach the host parser instead.
    static func encodingHostEndingCodePoints(_ input: String) -> String {
        var output = ""
        for scalar in input.unicodeScalars {
            switch scalar {
            case ":": output += "%3A"
            case "/": output += "%2F"
            case "?": output += "%3F"
            case "#": output += "%23"
            case "\\": output += "%5C"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// Checks `https://{host}/x` against the expected host; returns a
    /// description of the mismatch, or nil.
    static func mismatch(host: String, expected: String?) -> String? {
        let url = WebURL("https://\(host)/x")
        guard let expected else {
            return url.map { "expected failure, got host \($0.host ?? "nil")" }
        }
        guard let url else { return "unexpected failure, expected \(expected)" }
        if url.host != expected { return "host: expected \(expected), got \(url.host ?? "nil")" }
        if url.path != "/x" { return "pathname: got \(url.path)" }
        if url.href != "https://\(expected)/x" { return "href: got \(url.href)" }
        return nil
    }

    /// Runs the cases and returns the inputs that failed, with why.
    static func failures(
        in cases: [WPTHostCase], host: (String) -> String
    ) -> [(testCase: WPTHostCase, problem: String)] {
        cases.compactMap { testCase in
            mismatch(host: host(testCase.input), expected: testCase.expected)
                .map { (testCase, $0) }
        }
    }

    /// Asserts that exactly `known` fail: a new failure is a regression, and
    /// a known failure that passes means the list should shrink.
    static func expectFailures(
        _ failed: [(testCase: WPTHostCase, problem: String)], toBe known: [String: String],
        file: String, total: Int, skipped: Int
    ) {
        var unexpected: [String] = []
        for (testCase, problem) in failed where known[testCase.input] == nil {
            unexpected.append(testCase.input)
            Issue.record("\(file): \(testCase.testDescription): \(problem)")
        }
        let failedInputs = Set(failed.map(\.testCase.input))
        for input in known.keys.sorted() where !failedInputs.contains(input) {
            Issue.record("\(file): \(input.debugDescription) now passes: remove it from the known failures")
        }
        print("\(file): \(total - failed.count) of \(total) passed, \(failed.count) failed "
            + "(\(failed.count - unexpected.count) known), \(skipped) skipped as WPT's runner does")
    }

    @Test func everyToASCIICaseParsesAsTheStandardSays() throws {
        let cases = try WPTHostCase.load("toascii.json")
        #expect(cases.count > 80)
        let failed = Self.failures(in: cases) { $0 }
        Self.expectFailures(
            failed, toBe: Self.knownToASCIIFailures, file: "toascii.json",
            total: cases.count, skipped: 0)
    }

    @Test func everyIdnaTestV2CaseParsesAsTheStandardSays() throws {
        let all = try WPTHostCase.load("IdnaTestV2.json")
        #expect(all.count > 2500)
        // IdnaTestV2.any.js: an empty input cannot be put in a URL's host.
        let cases = all.filter { !$0.input.isEmpty }
        let failed = Self.failures(in: cases, host: Self.encodingHostEndingCodePoints)
        Self.expectFailures(
            failed, toBe: Self.knownIdnaTestV2Failures, file: "IdnaTestV2.json",
            total: cases.count, skipped: all.count - cases.count)
    }

    // MARK: Known failures

    // None today: every case passes. After new data or a new toolchain, a
    // case that cannot pass goes here, input to reason, so that both its
    // failing and its passing again are noticed.

    static let knownToASCIIFailures: [String: String] = [:]

    static let knownIdnaTestV2Failures: [String: String] = [:]
}
