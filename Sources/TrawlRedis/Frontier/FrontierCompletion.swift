/// How a leased item ended.
public enum FrontierCompletion: Hashable, Sendable {
    /// A fetched page: `record` is appended once to the partition's
    /// `records` stream.
    case page(record: [UInt8])
    /// The host's robots.txt: its rules, stored on the host for every
    /// worker, and its Crawl-delay if it gave one; `record`, unless empty,
    /// is appended once to the `records` stream (for the exporter's counts).
    case robots(rules: [UInt8], crawlDelayMs: Int64?, record: [UInt8] = [])
    /// Done without a record: the page answered with a redirect whose next
    /// hop the worker added (`FrontierEntry.Admission.hop`) before this.
    case redirected
    /// Not done: the item goes back to the head of its host's list and the
    /// host waits at least `afterMs` (the server or the network said to
    /// slow down); or, when not `holdsHost`, only the item waits, in the
    /// partition's `later` set, while its host goes on.
    case retry(afterMs: Int64, holdsHost: Bool = true)
}
