import Foundation
import Synchronization

/// Runs one test of this very test binary again, inside a fresh network
/// namespace (`unshare -n`), so that transfers to addresses that must
/// never be reached from the real machine (169.254.169.254, 10.x, fe80::)
/// go nowhere even if the code under test fails: the namespace has only
/// its own loopback interface, on which `setUp` puts those addresses.
///
/// The outer test (in the normal run) calls `run(filter:)`; the inner test
/// runs only where `reportPath` is set, and writes what it saw there for
/// the outer test to check.
enum NetworkNamespace {
    /// The environment variable that marks the inner run and names the
    /// file its report goes to.
    static let reportVariable = "TRAWL_NETNS_REPORT"

    /// Set only in the inner run.
    static var reportPath: String? { ProcessInfo.processInfo.environment[reportVariable] }

    /// Run by `sh` inside the new namespace before it becomes the test binary.
    static let setUp = """
        set -e
        ip link set lo up
        ip addr add 169.254.169.254/32 dev lo
        ip addr add 10.77.0.1/32 dev lo
        ip -6 addr add fe80::1/64 dev lo nodad
        ip -6 addr add fd00:77::1/128 dev lo nodad
        exec "$@"
        """

    /// The `unshare` options that give this process a network namespace it
    /// can set up: `-n` as root (or with CAP_SYS_ADMIN), else `-r -n`,
    /// which maps the user to root inside a new user namespace where
    /// unprivileged user namespaces are enabled. Nil where neither works
    /// (or `ip` is missing, or IPv6 is off): probed once, by running
    /// `setUp` in namespaces that are thrown away.
    static let unshareOptions: [String]? = {
        guard reportPath == nil else { return nil }   // never nest
        return [["-n"], ["-r", "-n"]].first { options in
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            probe.arguments = ["unshare"] + options + ["sh", "-c", setUp, "sh", "true"]
            probe.standardOutput = FileHandle.nullDevice
            probe.standardError = FileHandle.nullDevice
            guard (try? probe.run()) != nil else { return false }
            probe.waitUntilExit()
            return probe.terminationStatus == 0
        }
    }()

    static var isAvailable: Bool { unshareOptions != nil }

    /// The network interfaces this process sees, from /proc/self/net/dev.
    static func interfaces() throws -> [String] {
        let table = try String(contentsOfFile: "/proc/self/net/dev", encoding: .utf8)
        return table.split(separator: "\n").dropFirst(2).compactMap { line in
            line.split(separator: ":").first.map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    /// What the inner run came to: its exit status, the report it wrote
    /// (nil if none) and everything it printed.
    struct InnerRun {
        var status: Int32
        var report: Data?
        var log: String
    }

    /// Runs the tests of this binary matching `filter` inside a fresh
    /// namespace, killing the run if it lasts longer than `limit`.
    static func run(filter: String, limit: Duration = .seconds(120)) async throws -> InnerRun {
        let binary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-netns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let reportURL = scratch.appendingPathComponent("report.json")
        let logURL = scratch.appendingPathComponent("log.txt")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        defer { try? log.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["unshare"] + (unshareOptions ?? ["-n"]) + ["sh", "-c", setUp, "sh",
                             binary, "--testing-library", "swift-testing", "--filter", filter]
        var environment = ProcessInfo.processInfo.environment
        environment[reportVariable] = reportURL.path
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log

        let exited = ExitFlag()
        let status: Int32 = await withCheckedContinuation { continuation in
            process.terminationHandler = { finished in
                exited.set()
                continuation.resume(returning: finished.terminationStatus)
            }
            do {
                try process.run()
            } catch {
                continuation.resume(returning: -1)
                return
            }
            // `unshare` and `sh` exec, so this pid is the test binary's
            // until it exits; the flag keeps a reaped pid from being hit.
            let pid = process.processIdentifier
            let seconds = Double(limit.components.seconds)
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
                if !exited.isSet { kill(pid, SIGKILL) }
            }
        }
        let text = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
        return InnerRun(status: status, report: try? Data(contentsOf: reportURL), log: text)
    }
}

private final class ExitFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}
