import Foundation
import Testing

/// `scripts/cluster-demo.sh` (`make cluster-demo`): three trawl processes,
/// Redis and the generated web, each in a network namespace of its own,
/// crawl one web through Redis and reach its truth. Needs root and `ip`
/// (iproute2, which `make` installs); CI runs as root.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct ClusterDemoTests {
    /// Root, `ip`, and a kernel and sandbox that let `ip netns add` work:
    /// probed by making (and deleting) a namespace, since a container may
    /// refuse it even to root.
    static let canMakeNamespaces: Bool = {
        guard geteuid() == 0, let ip = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip"].first(where: {
            FileManager.default.isExecutableFile(atPath: $0)
        }) else { return false }
        func run(_ arguments: [String]) -> Bool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ip)
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return false }
            process.waitUntilExit()
            return process.terminationStatus == 0
        }
        let probe = "trawl-probe-\(getpid())"
        guard run(["netns", "add", probe]) else { return false }
        return run(["netns", "del", probe])
    }()

    /// The repository's root: the test bundle is in .build/<triple>/debug.
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    @Test(.enabled(if: canMakeNamespaces, "needs root, ip (iproute2) and a sandbox that allows ip netns add"))
    func threeMachinesCrawlOneWebThroughRedisToItsTruth() async throws {
        let out = TrawlProcess.temporaryDirectory("demo")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.repository.appendingPathComponent("scripts/cluster-demo.sh").path]
        process.environment = ProcessInfo.processInfo.environment.merging([
            "TRAWL": TrawlProcess.executable.path, "OUT": out, "HOSTS": "6", "PAGES": "60", "TIMEOUT": "120",
            // Its own namespace names, so a demo someone runs meanwhile is untouched.
            "PREFIX": "tt\(getpid() % 100_000)",
        ]) { $1 }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let result = try await TrawlProcess.finish(process, stdout, stderr, timeout: .seconds(150))
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("cluster demo: OK"), "\(result.stdout)")
        #expect(result.stdout.contains("edges equal the ground truth across 3 machines"))
    }
}
