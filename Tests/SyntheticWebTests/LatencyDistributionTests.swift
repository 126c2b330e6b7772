import Testing

@testable import SyntheticWeb

struct LatencyDistributionTests {
    @Test(arguments: [
        ("0", LatencyDistribution.fixed(.zero)),
        ("50ms", .fixed(.milliseconds(50))),
        ("1s", .fixed(.seconds(1))),
        ("1.5s", .fixed(.milliseconds(1_500))),
        ("250us", .fixed(.microseconds(250))),
        (" 20..200ms ", .uniform(.milliseconds(20), .milliseconds(200))),
        ("20ms..1s", .uniform(.milliseconds(20), .seconds(1))),
        ("0..100ms", .uniform(.zero, .milliseconds(100))),
        ("5ms..5ms", .fixed(.milliseconds(5))),
    ])
    func parses(text: String, expected: LatencyDistribution) throws {
        #expect(try LatencyDistribution(parsing: text) == expected)
    }

    @Test(arguments: ["", "fast", "50", "50 ms", "-5ms", "5m", "1.s", "200..20ms", "1..2..3ms", "..5ms"])
    func rejectsAndNamesBadInput(text: String) {
        let error = #expect(throws: SyntheticWebError.self) { try LatencyDistribution(parsing: text) }
        #expect(error?.code == .invalidLatency)
        #expect(error?.description.contains("\"\(text)\"") == true)
    }

    @Test func descriptionRoundTrips() throws {
        for text in ["0", "50ms", "1s", "250us", "20ms..200ms", "1500ms"] {
            #expect(try LatencyDistribution(parsing: text).description == text)
        }
    }
}
