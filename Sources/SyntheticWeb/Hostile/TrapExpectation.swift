/// What a crawler should report for one trap of the hostile profile: the
/// ground truth for everything `truthEdges()` cannot say.
///
/// `outcome` is an error class from this fixed set, or nil for success:
/// `dns, connect, timeout, tls, reset, too-large, too-many-redirects,
/// redirect-loop, out-of-scope-redirect, unsupported-scheme, bad-response,
/// http-4xx, http-5xx, robots-disallowed, bad-encoding`. It assumes a
/// crawler that follows at most 10 redirects, stops bodies at 10 MiB
/// (counted after content decoding), times out a transfer that stalls
/// (below 1 byte per second for long, or a total timeout under 10
/// minutes), retries 429 and 503 once after their `Retry-After`, and
/// obeys `robots.txt`.
///
/// `alternatives` are the outcomes a correct client may legitimately
/// report instead:
/// - wrong `content-length`: `bad-response` or `reset`, depending on
///   whether the client reads the early close (FIN) as a short body;
/// - reset mid-body: `reset`, or `bad-response` for a client that reports
///   the truncation before the reset;
/// - redirect loop: `redirect-loop` or `too-many-redirects` (a client that
///   does not remember where it has been runs into its limit);
/// - redirect to `javascript:`: `unsupported-scheme`, or `http-4xx` for a
///   client that resolves the `Location` as a relative path (which serves 404);
/// - 429 and 503 once: success, or `http-4xx`/`http-5xx` without retries;
/// - a host whose `robots.txt` answers 500: `robots-disallowed` (RFC 9309),
///   or success for a crawler that treats a failed robots.txt as allow-all.
///
/// Precedence: a `.prefix` entry whose outcome is `robots-disallowed`
/// covers every URL under it, so a crawler that obeys robots.txt reports
/// `robots-disallowed` there whatever the URL's own entry says.
public struct TrapExpectation: Sendable, Hashable, CustomStringConvertible {
    public enum Match: String, Sendable, Hashable {
        /// `url` is one URL.
        case exact
        /// Every URL that starts with `url`.
        case prefix
    }

    /// Canonical and absolute (`http://h0.trawl.test/trap/body/huge`).
    public var url: String
    public var match: Match
    /// The expected error class, nil for success.
    public var outcome: String?
    /// Other outcomes a correct client may report (nil: success).
    public var alternatives: [String?]
    /// Whether `truthEdges()` lists the links on the page(s) as sources.
    /// False only for the endless calendar: its pages link on forever, so
    /// a crawl's edges from under its prefix must be dropped before
    /// comparing. Pages that fail, and pages without links, have none.
    public var linksInTruth: Bool
    /// What the trap does and why the outcome is what it is.
    public var note: String

    public init(
        url: String, match: Match = .exact, outcome: String?, alternatives: [String?] = [], linksInTruth: Bool = true,
        note: String
    ) {
        self.url = url
        self.match = match
        self.outcome = outcome
        self.alternatives = alternatives
        self.linksInTruth = linksInTruth
        self.note = note
    }

    /// Whether this entry covers `url` (canonical, absolute).
    public func covers(_ url: String) -> Bool {
        match == .exact ? url == self.url : url.hasPrefix(self.url)
    }

    public var description: String {
        "\(url)\(match == .prefix ? "*" : "") → \(outcome ?? "success"): \(note)"
    }
}
