import Foundation
import Testing
@testable import TrawlExtract

/// What the limits cost, opt in (it only prints): set TRAWL_BENCH_EXTRACT
/// to a file listing HTML pages, one path a line, or to `generated` for a
/// 100 KB page of 300 links, and run in release for real numbers:
///
///     TRAWL_BENCH_EXTRACT=generated swift test -c release --filter ExtractionBenchmark
struct ExtractionBenchmarkTests {
    @Test func limitsCostPerPage() throws {
        guard let source = ProcessInfo.processInfo.environment["TRAWL_BENCH_EXTRACT"] else { return }
        let pages: [[UInt8]]
        if source == "generated" {
            pages = [Self.generatedPage()]
        } else {
            pages = try String(contentsOfFile: source, encoding: .utf8).split(separator: "\n")
                .compactMap { FileManager.default.contents(atPath: String($0)).map { [UInt8]($0) } }
        }
        let rounds = max(1, 2_000 / pages.count)
        let clock = ContinuousClock()
        func perPage(_ body: ([UInt8]) -> Void) -> Double {
            let elapsed = clock.measure { for _ in 0..<rounds { for page in pages { body(page) } } }
            return Double(elapsed.components.attoseconds / 1_000_000_000 + elapsed.components.seconds * 1_000_000_000)
                / 1e6 / Double(rounds * pages.count)
        }
        for _ in 0..<3 {
            let unbounded = perPage { _ = HTMLExtractor.extract($0, contentType: "text/html; charset=utf-8", limits: .unbounded) }
            let bounded = perPage { _ = HTMLExtractor.extract($0, contentType: "text/html; charset=utf-8") }
            let scan = perPage { page in
                page.withUnsafeBufferPointer { _ = StartTagGuard(scanning: $0, maxAttributes: 128) }
            }
            print(String(format: "extract %.3f ms/page with limits, %.3f without (%+.1f %%); guard scan alone %.3f ms",
                         bounded, unbounded, 100 * (bounded / unbounded - 1), scan))
        }
    }

    /// ~100 KB: navigation, paragraphs, 300 relative links with classes.
    static func generatedPage() -> [UInt8] {
        var html = "<!DOCTYPE html><html><head><title>A page</title><meta charset=utf-8>"
        html += "<script>var x = '<a href=/no>'; if (a < b) {}</script></head><body><nav>"
        for index in 0..<300 {
            html += "<div class=\"item level-\(index % 4)\"><a class=\"reference internal\" href=\"../section/\(index).html#part-\(index)\""
            html += " title=\"Section \(index) &amp; more\">Section \(index)</a></div>\n"
            html += "<p>" + String(repeating: "Some ordinary text of the page, with <em>emphasis</em>. ", count: 4) + "</p>\n"
        }
        return Array((html + "</nav></body></html>").utf8)
    }
}
