/// What the frontier remembers of a URL once it is seen, in 32 bits beside
/// its fingerprint (`FingerprintTable`): its state and its depth. The depth
/// matters while the URL is queued (a shorter path moves it up a level; a
/// queue record at another depth is stale) and while it is beyond
/// `--max-depth` (a shorter path may still admit it); a fetched or refused
/// URL only needs recognizing.
struct SeenMark: Equatable, Sendable {
    enum State: UInt32, Sendable { case queued, inFlight, done, beyondMaxDepth, refused }

    /// Depths fill the low 29 bits; a deeper one is clamped (no crawl gets
    /// within sight of 2^29 − 1 links from its seeds).
    private static let depthBits: UInt32 = 29
    static let maxDepth = Int(1 << depthBits - 1)

    var state: State
    var depth: Int

    init(_ state: State, depth: Int) {
        self.state = state
        self.depth = min(max(depth, 0), Self.maxDepth)
    }

    init(raw: UInt32) {
        state = State(rawValue: raw >> Self.depthBits) ?? .done
        depth = Int(raw & (1 << Self.depthBits - 1))
    }

    var raw: UInt32 { state.rawValue << Self.depthBits | UInt32(depth) }
}
