import Foundation

/// A deterministic place for a process of a shared-frontier crawl to die,
/// for the tests that prove a SIGKILL at that instant loses nothing. Set
/// by the environment variable `TRAWL_TEST_FAULT`; unset, as in every real
/// run, nothing happens.
enum FaultPoint: Equatable, Sendable {
    /// After the links of the Nth page were added, before its lease ends.
    case afterLinksAdded(Int)
    /// Once N jobs were started, with transfers in flight.
    case inFlight(Int)

    static let variable = "TRAWL_TEST_FAULT"

    /// `links-added:N` or `in-flight:N`.
    static func fromEnvironment() -> FaultPoint? {
        guard let text = ProcessInfo.processInfo.environment[variable] else { return nil }
        let parts = text.split(separator: ":")
        guard parts.count == 2, let count = Int(parts[1]), count > 0 else { return nil }
        switch parts[0] {
        case "links-added": return .afterLinksAdded(count)
        case "in-flight": return .inFlight(count)
        default: return nil
        }
    }

    static func die(_ where: String) -> Never {
        FileHandle.standardError.write(Data("trawl: \(variable): killing this process (\(`where`))\n".utf8))
        kill(getpid(), SIGKILL)
        fatalError("SIGKILL did not end the process")
    }
}
