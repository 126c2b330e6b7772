/// A user-supplied regular expression (`--allow`, `--deny`,
/// `--strip-query-params`), compiled once: ICU syntax, as with
/// NSRegularExpression, searched anywhere in the text, as grep does.
///
/// Every match is bounded. ICU's engine backtracks, and the texts are URLs
/// that pages control: `(a+)+$` against one 70-character link ran for 34 s.
/// A match gets `stepLimit` units of ICU's step counter (10,000 steps each,
/// about 0.2 ms on the 2-core machine trawl is measured on) and then stops
/// with `.timedOut`. The count is of steps, not of time: a given pattern
/// and text time out on every run and every machine, whatever the load.
///
/// What a time-out means is the caller's policy, documented where it is
/// decided; trawl's is:
/// - `--allow` / `--deny`: the URL is out of scope (not fetched: the safe
///   side of both), and the crawl counts it as `regex-timeout`.
/// - `--strip-query-params`: the parameter is kept (stripping is an
///   optimisation; keeping it never loses a page).
///
/// Safe to use from any number of threads at once.
public struct PatternMatcher: Sendable {
    public enum Match: Sendable, Equatable {
        case matched
        case notMatched
        /// The match ran out of its step budget (or of ICU's backtracking
        /// stack) before it could tell.
        case timedOut
    }

    /// 50 units: ~10 ms here. An ordinary pattern on a 100-character URL
    /// takes 1–5 µs and one unit; `.*a.*b.*c.*z`, 225 µs and two. Small,
    /// because a check runs per link and pattern: a page of 300 hostile
    /// links then costs at most ~3 s, not 300 × 34 s.
    public static let defaultStepLimit: Int32 = 50

    public let pattern: String
    /// The flag the pattern came from, for errors that name it.
    public let flag: String
    public let stepLimit: Int32
    private let regex: ICURegex

    /// Throws `.badOption` naming `flag` when `pattern` does not compile
    /// (or, never seen, when ICU's regex functions cannot be found).
    public init(_ pattern: String, flag: String, stepLimit: Int32 = PatternMatcher.defaultStepLimit) throws {
        var compileError: Int32 = 0
        guard let regex = ICURegex(pattern: pattern, stepLimit: max(stepLimit, 1), compileError: &compileError) else {
            if compileError == 0 {
                throw TrawlError(.badOption, "\(flag) '\(pattern)': ICU's regular expressions are not available")
            }
            throw TrawlError(.badOption, "\(flag) '\(pattern)' is not a valid regular expression")
        }
        self.pattern = pattern
        self.flag = flag
        self.stepLimit = max(stepLimit, 1)
        self.regex = regex
    }

    /// Whether `pattern` occurs in `text`, or `.timedOut`.
    public func match(_ text: String) -> Match {
        switch regex.firstMatch(in: text) {
        case .found: .matched
        case .notFound: .notMatched
        case .stopped: .timedOut
        }
    }

    /// `match(text) == .matched`: a time-out counts as no match. Right for
    /// `--strip-query-params` (the parameter is kept) and for `--allow`
    /// (the URL is left out); `--deny` must use `match(_:)`, or a time-out
    /// would let the URL in.
    public func matches(_ text: String) -> Bool {
        match(text) == .matched
    }
}

/// A matcher travels (to a worker process) as its source, and is compiled
/// again where it is decoded; two are equal when they came from the same
/// pattern, flag and step limit.
extension PatternMatcher: Codable, Equatable {
    private enum CodingKeys: String, CodingKey { case pattern, flag, stepLimit }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let pattern = try container.decode(String.self, forKey: .pattern)
        let flag = try container.decode(String.self, forKey: .flag)
        do {
            try self.init(pattern, flag: flag, stepLimit: try container.decode(Int32.self, forKey: .stepLimit))
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .pattern, in: container, debugDescription: "\(error)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(pattern, forKey: .pattern)
        try container.encode(flag, forKey: .flag)
        try container.encode(stepLimit, forKey: .stepLimit)
    }

    public static func == (lhs: PatternMatcher, rhs: PatternMatcher) -> Bool {
        lhs.pattern == rhs.pattern && lhs.flag == rhs.flag && lhs.stepLimit == rhs.stepLimit
    }
}
