import Testing
@testable import TrawlCore

/// RFC 9110 §5.6.7's example instant, 1994-11-06T08:49:37Z, in each form.
private let example: Int64 = 784_111_777

@Suite struct HTTPDateTests {
    @Test(arguments: [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
    ])
    func readsEveryFormRFC9110Names(_ text: String) {
        #expect(HTTPDate.parse(Substring(text), nowYear: 2026) == example)
    }

    @Test func readsDatesAcrossCenturiesAndLeapDays() {
        #expect(HTTPDate.parse("Thu, 01 Jan 1970 00:00:00 GMT", nowYear: 2026) == 0)
        #expect(HTTPDate.parse("Thu, 29 Feb 2024 23:59:59 GMT", nowYear: 2026) == 1_709_251_199)
        #expect(HTTPDate.parse("Tue, 29 Feb 2000 00:00:00 GMT", nowYear: 2026) == 951_782_400)
        #expect(HTTPDate.parse("Fri, 31 Dec 9999 23:59:59 GMT", nowYear: 2026) == 253_402_300_799)
        // A leap second reads as the next second.
        #expect(HTTPDate.parse("Sat, 31 Dec 2016 23:59:60 GMT", nowYear: 2026) == 1_483_228_800)
    }

    /// A two-digit year more than 50 years ahead is in the past century.
    @Test func resolvesTwoDigitYearsWithinFiftyYears() {
        #expect(HTTPDate.parse("Thursday, 01-Jan-70 00:00:00 GMT", nowYear: 2026) == 3_155_760_000)
        #expect(HTTPDate.parse("Thursday, 01-Jan-70 00:00:00 GMT", nowYear: 2019) == 0)
        #expect(HTTPDate.parse("Monday, 01-Jan-76 00:00:00 GMT", nowYear: 2026) == 3_345_062_400)
        #expect(HTTPDate.parse("Friday, 01-Jan-77 00:00:00 GMT", nowYear: 2026) == 220_924_800)
    }

    @Test(arguments: [
        "", "784111777", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 06 Nov 1994 08:49:37 gmt",
        "sun, 06 Nov 1994 08:49:37 GMT", "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 94 08:49:37 GMT", "Sun, 06 Nov 1994 8:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT ",
        "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 29 Feb 1900 08:49:37 GMT", "Sun, 00 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:60:00 GMT", "Sun, 06 Nov 1994 08:49:61 GMT",
        "Sunday, 06 Nov 1994 08:49:37 GMT", "Sun, 06-Nov-94 08:49:37 GMT", "Sun Nov 6 08:49:37 1994",
        "Sundae, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT\u{0}",
    ])
    func refusesAnythingElse(_ text: String) {
        #expect(HTTPDate.parse(Substring(text), nowYear: 2026) == nil)
    }

    @Test func retryAfterTakesSecondsOrADateFromNow() {
        #expect(RetryPolicy.parseRetryAfter("120", now: example) == .seconds(120))
        #expect(RetryPolicy.parseRetryAfter(" \t30 ", now: example) == .seconds(30))
        #expect(RetryPolicy.parseRetryAfter("Sun, 06 Nov 1994 08:51:37 GMT", now: example) == .seconds(120))
        // A date already past means now.
        #expect(RetryPolicy.parseRetryAfter("Sun, 06 Nov 1994 08:00:00 GMT", now: example) == .zero)
        #expect(RetryPolicy.parseRetryAfter("-5", now: example) == nil)
        #expect(RetryPolicy.parseRetryAfter("soon", now: example) == nil)
        #expect(RetryPolicy.parseRetryAfter("", now: example) == nil)
    }

    @Test func writesISO8601InUTC() {
        #expect(Timestamp.iso8601UTC(0) == "1970-01-01T00:00:00Z")
        #expect(Timestamp.iso8601UTC(example) == "1994-11-06T08:49:37Z")
        #expect(Timestamp.iso8601UTC(1_709_251_199) == "2024-02-29T23:59:59Z")
        #expect(Timestamp.iso8601UTC(-1) == "1969-12-31T23:59:59Z")
    }

    @Test func civilDatesRoundTripOverFourHundredYears() {
        for days in stride(from: -146_097, through: 146_097, by: 1) {
            let date = CivilDate(daysSinceEpoch: days)
            guard date.daysSinceEpoch == days, (1...12).contains(date.month),
                  (1...CivilDate.days(inMonth: date.month, of: date.year)).contains(date.day) else {
                Issue.record("day \(days) became \(date)")
                return
            }
        }
    }
}
