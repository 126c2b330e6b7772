import Foundation
import Glibc
import Testing
import TrawlFetch
@testable import TrawlCore

extension Processes {
    /// The child processes here are this test binary again, run with a
    /// filter that selects `parentDeathRoleHost` and a role in the
    /// environment: a worker-like child that arms `ParentDeath` and then
    /// spins on the CPU, and a parent that spawns one and waits.
    struct ParentDeathTests {
        static let roleKey = "TRAWL_PARENT_DEATH_TEST_ROLE"
        static let pidFileKey = "TRAWL_PARENT_DEATH_TEST_PID_FILE"

        /// Plays a role when run as one of those children; passes at once
        /// in an ordinary run.
        @Test func parentDeathRoleHost() throws {
            let environment = ProcessInfo.processInfo.environment
            switch environment[Self.roleKey] {
            case "child":
                guard ParentDeath.armFromEnvironment() else { exit(4) }
                if let file = environment[Self.pidFileKey] { try String(getpid()).write(toFile: file, atomically: true, encoding: .utf8) }
                // Stuck in CPU work, as a worker in a runaway regex was.
                let start = ContinuousClock.now
                while ContinuousClock.now - start < .seconds(20) {}
                exit(0)
            case "parent":
                _ = try Self.spawnRole("child", pidFile: environment[Self.pidFileKey])
                sleep(20)
                exit(0)
            case "orphan":
                // Armed as if spawned by a process that is not our parent.
                ParentDeath.arm(expectedParent: getppid() &+ 1)
                exit(5)
            default:
                return
            }
        }

        @Test func workerDiesWithinASecondOfItsParentsSIGKILL() async throws {
            let pidFile = NSTemporaryDirectory() + "trawl-parent-death-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            defer { try? FileManager.default.removeItem(atPath: pidFile) }
            let parent = try Self.spawnRole("parent", pidFile: pidFile)
            let child = try await Self.readPID(from: pidFile)
            defer { _ = kill(child, SIGKILL) }
            #expect(Self.isRunning(child))
            kill(parent, SIGKILL)
            #expect(await Self.reap(parent) == .signalled(SIGKILL))
            let start = ContinuousClock.now
            while Self.isRunning(child), ContinuousClock.now - start < .seconds(1) {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(!Self.isRunning(child), "the child outlived its parent by a second")
        }

        @Test func childWhoseParentIsAlreadyGoneKillsItselfWhenArming() async throws {
            let child = try Self.spawnRole("orphan", pidFile: nil)
            #expect(await Self.reap(child) == .signalled(SIGKILL))
        }

        /// The kernel signals when the spawning *thread* ends: a child
        /// spawned from a thread that ends after the child armed the signal
        /// (as a cooperative-pool thread may, long into a crawl) lives on.
        @Test func childOutlivesTheThreadThatAskedForIt() async throws {
            let pidFile = NSTemporaryDirectory() + "trawl-parent-death-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            defer { try? FileManager.default.removeItem(atPath: pidFile) }
            try OSThread.detached(name: "short-lived") {
                _ = try? Self.spawnRole("child", pidFile: pidFile)
                // Ends only once the child has armed (it writes its pid after).
                let start = ContinuousClock.now
                while (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap({ pid_t($0) }) == nil,
                      ContinuousClock.now - start < .seconds(20) {
                    usleep(10_000)
                }
            }
            let child = try await Self.readPID(from: pidFile)
            try await Task.sleep(for: .milliseconds(300))
            #expect(Self.isRunning(child))
            kill(child, SIGKILL)
            #expect(await Self.reap(child) == .signalled(SIGKILL))
        }

        @Test func spawnedChildrenAreToldTheirParent() async throws {
            let file = NSTemporaryDirectory() + "trawl-parent-pid-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            defer { try? FileManager.default.removeItem(atPath: file) }
            let null = open("/dev/null", O_RDWR)
            defer { close(null) }
            let child = try Spawner.spawn("/bin/sh", arguments: ["-c", "printf %s \"$TRAWL_PARENT_PID\" > \(file)"],
                                          environment: ["TRAWL_PARENT_PID": "1"], standardInput: null, standardOutput: null)
            #expect(await Self.reap(child) == .exited(0))
            #expect(try String(contentsOfFile: file, encoding: .utf8) == String(getpid()))
        }

        // MARK: - Helpers

        /// This test binary again, playing `role`, its output discarded.
        static func spawnRole(_ role: String, pidFile: String?) throws -> pid_t {
            let executable = try #require(ChildProcess.currentExecutablePath)
            var environment = ProcessInfo.processInfo.environment
            environment[roleKey] = role
            environment[pidFileKey] = pidFile
            let null = open("/dev/null", O_RDWR)
            defer { close(null) }
            return try Spawner.spawn(executable, arguments: ["--filter", "parentDeathRoleHost", "--testing-library", "swift-testing"],
                                     environment: environment, standardInput: null, standardOutput: null, standardError: null)
        }

        static func readPID(from file: String) async throws -> pid_t {
            let start = ContinuousClock.now
            while ContinuousClock.now - start < .seconds(20) {
                if let text = try? String(contentsOfFile: file, encoding: .utf8), let pid = pid_t(text) { return pid }
                try await Task.sleep(for: .milliseconds(20))
            }
            throw TrawlError(.resourceLimit, "no pid in \(file) after 20 s")
        }

        /// Alive and not a zombie (an orphan's zombie waits for init).
        static func isRunning(_ pid: pid_t) -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")")
            else { return false }
            let state = stat[stat.index(close, offsetBy: 2)]
            return state != "Z" && state != "X"
        }

        /// Waits (at most 20 s) for a child of this process to end.
        static func reap(_ pid: pid_t) async -> TrawlCore.ExitStatus? {
            let start = ContinuousClock.now
            while ContinuousClock.now - start < .seconds(20) {
                var status: Int32 = 0
                let result = waitpid(pid, &status, WNOHANG)
                if result == pid { return TrawlCore.ExitStatus(waitStatus: status) }
                if result < 0 { return nil }
                try? await Task.sleep(for: .milliseconds(10))
            }
            return nil
        }
    }
}
