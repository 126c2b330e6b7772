/// What a host's robots.txt says of one URL.
public enum RobotsVerdict: Sendable, Hashable {
    case allowed
    case disallowed
    /// Deciding would have cost more than `RobotsRules.workBudget` bytes
    /// examined, and some disallow rule not yet tried might have matched:
    /// the URL is treated as disallowed (never fetch what might be
    /// disallowed). Only a file built to be slow to match gets here.
    case tooCostlyToEvaluate

    /// Whether the crawler may fetch the URL.
    public var isAllowed: Bool { self == .allowed }
}
