import Glibc

/// Wall-clock times as trawl writes them: report and results timestamps in
/// ISO 8601 UTC (`2026-12-04T03:19:23Z`, what ISO8601DateFormatter wrote),
/// and the local `yyyyMMdd-HHmmss` of a default output folder's name.
public enum Timestamp {
    /// Now, as seconds since the Unix epoch.
    public static func nowSeconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec)
    }

    /// Now, as milliseconds since the Unix epoch.
    public static func nowMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }

    /// `milliseconds` since the epoch as RFC 3339 UTC with milliseconds,
    /// `yyyy-MM-ddTHH:mm:ss.SSSZ`.
    public static func rfc3339Milliseconds(_ milliseconds: Int64) -> String {
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let fraction = Int(milliseconds - seconds * 1000)
        let whole = iso8601UTC(seconds)
        return whole.dropLast() + "." + pad(fraction, 3) + "Z"
    }

    /// `seconds` since the epoch as `yyyy-MM-ddTHH:mm:ssZ`.
    public static func iso8601UTC(_ seconds: Int64) -> String {
        let days = Int((seconds >= 0 ? seconds : seconds - 86_399) / 86_400)
        let second = Int(seconds - Int64(days) * 86_400)
        let date = CivilDate(daysSinceEpoch: days)
        return "\(pad(date.year, 4))-\(pad(date.month))-\(pad(date.day))T"
            + "\(pad(second / 3600)):\(pad(second / 60 % 60)):\(pad(second % 60))Z"
    }

    /// `seconds` since the epoch in the local time zone as `yyyyMMdd-HHmmss`.
    public static func localCompact(_ seconds: Int64) -> String {
        var time = time_t(seconds)
        var local = tm()
        localtime_r(&time, &local)
        return "\(pad(Int(local.tm_year) + 1900, 4))\(pad(Int(local.tm_mon) + 1))\(pad(Int(local.tm_mday)))-"
            + "\(pad(Int(local.tm_hour)))\(pad(Int(local.tm_min)))\(pad(Int(local.tm_sec)))"
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
