/// An HTTP-date (RFC 9110 §5.6.7) as seconds since the Unix epoch. A
/// recipient must accept all three forms a sender may have used:
///
///     Sun, 06 Nov 1994 08:49:37 GMT    IMF-fixdate (what servers send)
///     Sunday, 06-Nov-94 08:49:37 GMT   obsolete RFC 850
///     Sun Nov  6 08:49:37 1994         obsolete asctime
///
/// Names are matched case-sensitively, as the grammar says; the day name is
/// checked for form, not against the date, as recipients commonly do. A
/// two-digit year more than 50 years in the future is taken to be in the
/// past century (§5.6.7).
enum HTTPDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let shortDays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let longDays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// Seconds since 1970-01-01T00:00:00Z; nil if `text` is none of the
    /// three forms or names no real time. `nowYear` resolves an RFC 850
    /// two-digit year.
    static func parse(_ text: Substring, nowYear: Int) -> Int64? {
        imfFixdate(Scanner(text.utf8)) ?? rfc850(Scanner(text.utf8), nowYear: nowYear) ?? asctime(Scanner(text.utf8))
    }

    /// `day-name "," SP day SP month SP year SP time SP "GMT"`
    private static func imfFixdate(_ scanner: Scanner) -> Int64? {
        var s = scanner
        guard s.word(in: shortDays) != nil, s.literal(", "), let day = s.digits(2), s.literal(" "),
              let month = s.word(in: months), s.literal(" "), let year = s.digits(4), s.literal(" "),
              let time = s.time(), s.literal(" GMT"), s.atEnd else { return nil }
        return seconds(year: year, month: month + 1, day: day, time: time)
    }

    /// `day-name-l "," SP day "-" month "-" 2DIGIT SP time SP "GMT"`
    private static func rfc850(_ scanner: Scanner, nowYear: Int) -> Int64? {
        var s = scanner
        guard s.word(in: longDays) != nil, s.literal(", "), let day = s.digits(2), s.literal("-"),
              let month = s.word(in: months), s.literal("-"), let shortYear = s.digits(2), s.literal(" "),
              let time = s.time(), s.literal(" GMT"), s.atEnd else { return nil }
        var year = nowYear - nowYear % 100 + shortYear
        if year > nowYear + 50 { year -= 100 }
        return seconds(year: year, month: month + 1, day: day, time: time)
    }

    /// `day-name SP month SP ( 2DIGIT / ( SP DIGIT )) SP time SP year`
    private static func asctime(_ scanner: Scanner) -> Int64? {
        var s = scanner
        guard s.word(in: shortDays) != nil, s.literal(" "), let month = s.word(in: months), s.literal(" ") else { return nil }
        let day: Int
        if s.literal(" "), let digit = s.digits(1) { day = digit } else if let digits = s.digits(2) { day = digits } else { return nil }
        guard s.literal(" "), let time = s.time(), s.literal(" "), let year = s.digits(4), s.atEnd else { return nil }
        return seconds(year: year, month: month + 1, day: day, time: time)
    }

    private static func seconds(year: Int, month: Int, day: Int, time: (hour: Int, minute: Int, second: Int)) -> Int64? {
        // §5.6.7 allows a leap second (60); it is read as the next second.
        guard day >= 1, day <= CivilDate.days(inMonth: month, of: year),
              time.hour < 24, time.minute < 60, time.second <= 60 else { return nil }
        let days = CivilDate(year: year, month: month, day: day).daysSinceEpoch
        return Int64(days) * 86_400 + Int64(time.hour * 3600 + time.minute * 60 + time.second)
    }

    /// Reads a date's bytes left to right; every read either consumes what
    /// it matched or fails.
    private struct Scanner {
        let bytes: Substring.UTF8View
        var index: Substring.UTF8View.Index

        init(_ bytes: Substring.UTF8View) {
            self.bytes = bytes
            index = bytes.startIndex
        }

        var atEnd: Bool { index == bytes.endIndex }

        mutating func literal(_ text: StaticString) -> Bool {
            var i = index
            for byte in UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount) {
                guard i != bytes.endIndex, bytes[i] == byte else { return false }
                i = bytes.index(after: i)
            }
            index = i
            return true
        }

        /// Exactly `count` ASCII digits.
        mutating func digits(_ count: Int) -> Int? {
            var value = 0
            var i = index
            for _ in 0..<count {
                guard i != bytes.endIndex, (0x30...0x39).contains(bytes[i]) else { return nil }
                value = value * 10 + Int(bytes[i] - 0x30)
                i = bytes.index(after: i)
            }
            index = i
            return value
        }

        /// The index in `words` of the one that comes next.
        mutating func word(in words: [String]) -> Int? {
            for (position, word) in words.enumerated() {
                var i = index
                var matched = true
                for byte in word.utf8 {
                    guard i != bytes.endIndex, bytes[i] == byte else { matched = false; break }
                    i = bytes.index(after: i)
                }
                // "Sun" must not match the start of "Sunday".
                if matched, i == bytes.endIndex || !Self.isLetter(bytes[i]) {
                    index = i
                    return position
                }
            }
            return nil
        }

        /// `hour ":" minute ":" second`, two digits each.
        mutating func time() -> (hour: Int, minute: Int, second: Int)? {
            let start = index
            guard let hour = digits(2), literal(":"), let minute = digits(2), literal(":"), let second = digits(2) else {
                index = start
                return nil
            }
            return (hour, minute, second)
        }

        private static func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
    }
}
