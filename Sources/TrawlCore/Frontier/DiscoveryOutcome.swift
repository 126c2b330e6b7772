/// What the frontier made of a discovered link.
public enum DiscoveryOutcome: Equatable, Sendable {
    /// New URL, queued for fetching.
    case queued
    /// Already known; a shorter path may have lowered its queued depth.
    case known
    /// Deeper than `--max-depth`: remembered, not fetched (unless a shorter
    /// path turns up later).
    case beyondMaxDepth
    /// Its host already has `--max-pages-per-host` URLs: not fetched.
    case hostFull
    /// Its host and path already have `maxQueryVariants` queries (a
    /// calendar or faceted-search trap): not fetched.
    case tooManyQueryVariants
    /// A path trap rule refused it (too many segments, a repeated run of
    /// segments, too many digit-only variants): not fetched.
    case pathTrap(Refusal)

    /// The limit that refused the URL, nil when it was not refused.
    public var refusal: Refusal? {
        switch self {
        case .queued, .known: nil
        case .beyondMaxDepth: .maxDepth
        case .hostFull: .maxPagesPerHost
        case .tooManyQueryVariants: .maxQueryVariants
        case .pathTrap(let refusal): refusal
        }
    }

    init(_ refusal: Refusal) {
        switch refusal {
        case .maxDepth: self = .beyondMaxDepth
        case .maxPagesPerHost: self = .hostFull
        case .maxQueryVariants: self = .tooManyQueryVariants
        case .maxPathSegments, .pathRepeats, .maxPathVariants, .badPort: self = .pathTrap(refusal)
        }
    }
}
