import Foundation
import Glibc
import Synchronization
import Testing
@testable import TrawlCore

extension Processes {
    struct ChildProcessTests {
        private func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }

        private func collect(_ child: ChildProcess) async throws -> [ShardMessage] {
            var messages: [ShardMessage] = []
            for try await message in child.messages { messages.append(message) }
            return messages
        }

        /// `cat` echoes frames byte for byte: 1,000 of them, sent singly
        /// and in batches, come back identical and in order.
        @Test func catEchoesAThousandFramesIntact() async throws {
            let child = try ChildProcess.spawn(executablePath: "/bin/cat")
            #expect(child.exitStatus == nil)
            let sent = (0..<1_000).map { index in
                index % 3 == 0 ? ShardMessageSamples.page(index) : ShardMessageSamples.all[index % ShardMessageSamples.all.count]
            }
            for message in sent[..<500] { try child.send(message) }
            try child.send(contentsOf: Array(sent[500...]))
            child.closeInput()
            #expect(try await collect(child) == sent)
            #expect(await child.waitForExit() == .exited(0))
            #expect(child.exitStatus == .exited(0))
        }

        /// Frames bigger than PIPE_BUF (4 KiB) are not written atomically by
        /// the kernel; the writer's lock keeps concurrent senders' frames whole.
        @Test func concurrentSendersNeverInterleaveFrames() async throws {
            let child = try ChildProcess.spawn(executablePath: "/bin/cat")
            let big = (0..<300).map { "http://h1.trawl.test/a/rather/long/path/\($0)" }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for sender in 0..<4 {
                    group.addTask {
                        for index in 0..<50 {
                            let record = ShardMessageSamples.fullRecord
                            try child.send(.page(PageMessage(record: record, source: "\(sender)/\(index)", edgeTargets: big)))
                        }
                    }
                }
                try await group.waitForAll()
            }
            child.closeInput()
            let sources = try await collect(child).map { message -> String in
                guard case .page(let page) = message, page.edgeTargets == big else { return "corrupt" }
                return page.source
            }
            #expect(sources.count == 200)
            for sender in 0..<4 {
                #expect(sources.filter { $0.hasPrefix("\(sender)/") } == (0..<50).map { "\(sender)/\($0)" })
            }
            #expect(await child.waitForExit() == .exited(0))
        }

        @Test func aKilledChildIsReportedPromptlyAndItsStreamEnds() async throws {
            let child = try ChildProcess.spawn(executablePath: "/bin/cat")
            let clock = ContinuousClock()
            let start = clock.now
            #expect(child.kill(signal: SIGKILL))
            let status = await child.waitForExit()
            let waited = clock.now - start
            #expect(status == .signalled(9))
            #expect(status.description == "killed by signal 9 (SIGKILL)")
            #expect(seconds(waited) < 1.0, "waited \(waited)")
            let reapedAt = try #require(child.reapedAt)
            #expect(seconds(reapedAt - start) < 0.5, "reaped after \(reapedAt - start)")
            #expect(try await collect(child) == [])
            #expect(!child.kill(signal: SIGKILL), "a reaped child is never signalled")
        }

        @Test func anExitCodeIsReported() async throws {
            let child = try ChildProcess.spawn(executablePath: "/bin/sh", arguments: ["-c", "exit 3"])
            let status = await child.waitForExit()
            #expect(status == .exited(3))
            #expect(status.description == "exited with status 3")
            #expect(try await collect(child) == [])
        }

        @Test func aMissingExecutableIsNamedInTheError() {
            do {
                _ = try ChildProcess.spawn(executablePath: "/nonexistent/trawl-worker", arguments: ["worker"])
                Issue.record("no error")
            } catch {
                #expect(error.code == .spawnFailed)
                #expect(error.message == "could not start /nonexistent/trawl-worker: No such file or directory (errno 2)")
            }
        }

        @Test func framesWrittenByAnotherProgramAreDecoded() async throws {
            // A stop frame, then a status frame (idle, 1 batch, no depth, 2 pages).
            let script = #"printf '\000\000\000\001\004\000\000\000\005\023\001\002\000\004'"#
            let child = try ChildProcess.spawn(executablePath: "/bin/sh", arguments: ["-c", script])
            #expect(try await collect(child) == [.stop, .status(ShardStatus(idle: true, batchesReceived: 1, minPendingDepth: nil, pagesDone: 2))])
            #expect(await child.waitForExit() == .exited(0))
        }

        @Test func outputCutInsideAFrameEndsTheStreamWithAnError() async throws {
            let child = try ChildProcess.spawn(executablePath: "/bin/sh", arguments: ["-c", #"printf '\000\000\000\001\004\000\000\000\005\024'"#])
            var received: [ShardMessage] = []
            do {
                for try await message in child.messages { received.append(message) }
                Issue.record("no error")
            } catch let error as TrawlError {
                #expect(error.code == .badFrame)
                #expect(error.message == "child \(child.pid) (/bin/sh) sent truncated frame: the stream ended 5 bytes into a frame of 9 bytes")
            }
            #expect(received == [.stop])
            #expect(await child.waitForExit() == .exited(0))
        }

        @Test func garbageOutputEndsTheStreamWithAnError() async throws {
            let child = try ChildProcess.spawn(executablePath: "/bin/sh", arguments: ["-c", "echo hello; echo world"])
            await #expect(throws: TrawlError.self) { _ = try await collect(child) }
            #expect(await child.waitForExit() == .exited(0))
        }

        /// The parent ignores SIGPIPE; a child that has gone makes `send`
        /// throw EPIPE instead of killing the test process.
        @Test func sendingToAChildThatHasGoneThrows() async throws {
            let child = try ChildProcess.spawn(executablePath: "/bin/sh", arguments: ["-c", "exit 0"])
            #expect(await child.waitForExit() == .exited(0))
            do {
                try child.send(.stop)
                Issue.record("no error")
            } catch {
                #expect(error.code == .pipeFailed)
                #expect(error.message == "cannot send stop to child \(child.pid) (/bin/sh): it no longer reads its input (broken pipe)")
            }
            child.closeInput()
            do {
                try child.send(.stop)
                Issue.record("no error")
            } catch {
                #expect(error.message == "cannot send stop to child \(child.pid) (/bin/sh): its input is already closed")
            }
        }

        /// The parent ignores SIGPIPE, yet the child starts with the default
        /// action: a shell that signals itself with SIGPIPE dies of it.
        @Test func childrenStartWithDefaultSignalActions() async throws {
            FrameWriter.ignoreBrokenPipeSignal()
            let child = try ChildProcess.spawn(executablePath: "/bin/sh", arguments: ["-c", "kill -PIPE $$; exit 0"])
            let status = await child.waitForExit()
            #expect(status == .signalled(SIGPIPE))
            #expect(status.description == "killed by signal 13 (SIGPIPE)")
        }

        /// If B inherited A's input pipe, A would not see end of file while
        /// B lives (B sleeps 10 s; the test allows 2).
        @Test func childrenDoNotInheritEachOthersPipes() async throws {
            let first = try ChildProcess.spawn(executablePath: "/bin/cat")
            let second = try ChildProcess.spawn(executablePath: "/bin/sleep", arguments: ["10"])
            let clock = ContinuousClock()
            let start = clock.now
            first.closeInput()
            let status = await first.waitForExit(killingAfter: .seconds(2))
            #expect(status == .exited(0))
            #expect(seconds(clock.now - start) < 1.0)
            second.kill(signal: SIGKILL)
            #expect(await second.waitForExit() == .signalled(SIGKILL))
        }

        @Test func theEnvironmentCanBeReplaced() async throws {
            // `printf` writes the value as the payload of a `failed` frame.
            let script = #"printf '\000\000\000\006\024\004%s' "$SHARD""#
            let child = try ChildProcess.spawn(executablePath: "/bin/sh", arguments: ["-c", script], environment: ["SHARD": "ab/c"])
            #expect(try await collect(child) == [.failed("ab/c")])
            #expect(await child.waitForExit() == .exited(0))
        }

        @Test func aChildExitsOnEndOfItsInputAndIsReaped() async throws {
            let child = try ChildProcess.spawn(executablePath: "/bin/cat")
            try child.send(.depthCeiling(4))
            var iterator = child.messages.makeAsyncIterator()
            #expect(try await iterator.next() == .depthCeiling(4))
            child.closeInput()
            #expect(await child.waitForExit(killingAfter: .seconds(30)) == .exited(0))
        }

        @Test func aChildThatOutstaysItsGracePeriodIsKilled() async throws {
            let child = try ChildProcess.spawn(executablePath: "/bin/sleep", arguments: ["60"])
            #expect(await child.waitForExit(killingAfter: .milliseconds(200)) == .signalled(SIGKILL))
        }

        /// Pipe descriptors open in this process.
        private func openPipes() throws -> Int {
            try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count { fd in
                (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)"))?.hasPrefix("pipe:") == true
            }
        }

        @Test func finishedChildrenLeaveNoDescriptorsOpen() async throws {
            let before = try openPipes()
            for index in 0..<20 {
                let child = try ChildProcess.spawn(executablePath: index % 2 == 0 ? "/bin/cat" : "/bin/true")
                if index % 2 == 0 {
                    try child.send(.stop)
                    child.closeInput()
                }
                #expect(try await collect(child).count == (index % 2 == 0 ? 1 : 0))
                #expect(await child.waitForExit() == .exited(0))
            }
            // Other suites running alongside may hold pipes for a moment;
            // a leak would hold them for good.
            let deadline = ContinuousClock.now + .seconds(5)
            var now = try openPipes()
            while now != before && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
                now = try openPipes()
            }
            #expect(now == before)
        }

        @Test func theCurrentExecutableIsFound() throws {
            let path = try #require(ChildProcess.currentExecutablePath)
            #expect(path.hasPrefix("/"))
            #expect(access(path, X_OK) == 0)
        }
    }
}
