#if canImport(Glibc)
import Glibc

/// A child process that speaks the shard protocol: frames go to its
/// standard input and come back from its standard output; its standard
/// error is the parent's. Started with `posix_spawn` (never `fork()` in a
/// threaded process), watched by two dedicated threads — one reads its
/// output (`messages`), one waits for its exit (`waitForExit()`) — so
/// nothing polls and no cooperative thread blocks.
///
/// Whoever spawns one reaps it: `ShardCoordinator` waits for every
/// worker's exit, and kills the workers of a crawl that must end at once.
///
/// Signals: the parent ignores SIGPIPE (see `FrameWriter`), so a child
/// that has gone makes `send` throw instead of killing the parent; the
/// child starts with every signal at its default action and none blocked,
/// whatever the parent ignores (SIGPIPE here, SIGINT/SIGTERM while the CLI
/// traps them). It stays in the parent's process group: a Ctrl-C at the
/// terminal reaches it too.
public final class ChildProcess: Sendable {
    public let pid: pid_t
    public let executablePath: String
    /// Messages from the child's standard output, in order; ends when the
    /// child closes it (normally at exit). Iterate it once.
    public let messages: AsyncThrowingStream<ShardMessage, any Error>
    private let input: FrameWriter
    private let exit: ExitWatch

    /// "child 1234 (/usr/bin/trawl)", for messages.
    public var name: String { "child \(pid) (\(executablePath))" }

    private init(pid: pid_t, executablePath: String, messages: AsyncThrowingStream<ShardMessage, any Error>, input: FrameWriter, exit: ExitWatch) {
        self.pid = pid
        self.executablePath = executablePath
        self.messages = messages
        self.input = input
        self.exit = exit
    }

    /// Starts `executablePath` (no PATH search) with `arguments` (argv[1…]),
    /// and `environment`, or the parent's own when nil. Throws
    /// `.spawnFailed` naming the path when it cannot start.
    public static func spawn(executablePath: String, arguments: [String] = [], environment: [String: String]? = nil) throws(TrawlError) -> ChildProcess {
        FrameWriter.ignoreBrokenPipeSignal()
        let pipes = try ChildPipes.make(for: executablePath)
        let pid: pid_t
        do {
            pid = try Spawner.spawn(executablePath, arguments: arguments, environment: environment,
                                    standardInput: pipes.childInput, standardOutput: pipes.childOutput)
        } catch {
            pipes.closeAll()
            throw error
        }
        pipes.closeChildEnds()
        let name = "child \(pid) (\(executablePath))"
        let input = FrameWriter(fileDescriptor: pipes.parentInput, peerName: name)
        let exit: ExitWatch
        do {
            exit = try ExitWatch.watching(pid)
        } catch {
            _ = close(pipes.parentOutput)
            throw error
        }
        do {
            let messages = try PipeReader.messages(fromFileDescriptor: pipes.parentOutput, peerName: name)
            return ChildProcess(pid: pid, executablePath: executablePath, messages: messages, input: input, exit: exit)
        } catch {
            _ = exit.kill(SIGKILL)
            throw error
        }
    }

    /// Sends one frame; blocks while the pipe is full. Throws `.pipeFailed`
    /// when the child no longer reads (EPIPE) or its input was closed.
    public func send(_ message: ShardMessage) throws(TrawlError) {
        try input.send(message)
    }

    /// Sends many frames with as few `write(2)` calls as the pipe allows.
    public func send(contentsOf messages: [ShardMessage]) throws(TrawlError) {
        try input.send(contentsOf: messages)
    }

    /// Closes the child's standard input: it reads end of file after the
    /// frames already sent. Idempotent.
    public func closeInput() {
        input.close()
    }

    /// Sends `signal` unless the child has already been reaped (so a
    /// recycled pid is never signalled). Returns whether it was sent.
    @discardableResult
    public func kill(signal: Int32 = SIGTERM) -> Bool {
        exit.kill(signal)
    }

    /// How the child ended, nil while it runs.
    public var exitStatus: ExitStatus? {
        exit.status
    }

    /// The child's own resource usage (CPU, peak RSS, context switches),
    /// nil until it has been reaped. Its own children are not included.
    public var resourceUsage: ResourceUsage? {
        exit.usage
    }

    /// When the child was reaped, nil while it runs.
    var reapedAt: ContinuousClock.Instant? {
        exit.reapedAt
    }

    /// Waits for the child to end (not cancellable: the child must be
    /// reaped; kill it to end the wait early).
    public func waitForExit() async -> ExitStatus {
        await exit.wait()
    }

    /// Waits up to `gracePeriod` for the child to end, then kills it with
    /// SIGKILL and waits for that.
    public func waitForExit(killingAfter gracePeriod: Duration) async -> ExitStatus {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                _ = await self.waitForExit()
                return true
            }
            group.addTask {
                try? await Task.sleep(for: gracePeriod)
                return false
            }
            if await group.next() == false { kill(signal: SIGKILL) }
            group.cancelAll()
        }
        return await waitForExit()
    }

    /// This process's own executable (`/proc/self/exe`), to spawn workers.
    public static var currentExecutablePath: String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// The two pipes of a child: its standard input and output.
private struct ChildPipes {
    var childInput: Int32
    var parentInput: Int32
    var parentOutput: Int32
    var childOutput: Int32

    static func make(for path: String) throws(TrawlError) -> ChildPipes {
        let input = try pipe(for: path)
        let output: (read: Int32, write: Int32)
        do {
            output = try pipe(for: path)
        } catch {
            _ = close(input.read)
            _ = close(input.write)
            throw error
        }
        var pipes = ChildPipes(childInput: input.read, parentInput: input.write, parentOutput: output.read, childOutput: output.write)
        // If the parent runs with 0, 1 or 2 closed, a pipe end can land
        // there, and the child's dup2 onto 0 and 1 would clobber it.
        pipes.childInput = moveAboveStandardDescriptors(pipes.childInput)
        pipes.childOutput = moveAboveStandardDescriptors(pipes.childOutput)
        return pipes
    }

    private static func pipe(for path: String) throws(TrawlError) -> (read: Int32, write: Int32) {
        switch LinuxCalls.closeOnExecPipe() {
        case .success(let ends): return ends
        case .failure(let error): throw TrawlError(.spawnFailed, "could not start \(path): no pipe for its input and output", underlying: error)
        }
    }

    private static func moveAboveStandardDescriptors(_ fd: Int32) -> Int32 {
        guard fd <= 2 else { return fd }
        let moved = fcntl(fd, F_DUPFD_CLOEXEC, 3)
        guard moved >= 0 else { return fd }
        _ = close(fd)
        return moved
    }

    func closeChildEnds() {
        _ = close(childInput)
        _ = close(childOutput)
    }

    func closeAll() {
        for fd in [childInput, parentInput, parentOutput, childOutput] { _ = close(fd) }
    }
}
#endif
