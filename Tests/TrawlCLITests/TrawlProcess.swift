import Foundation

/// Runs the built `trawl` executable (it sits beside the test bundle in the
/// build folder) with a time limit, capturing stdout and stderr.
struct TrawlProcess {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var executable: URL {
        if let override = ProcessInfo.processInfo.environment["TRAWL_BIN"] { return URL(fileURLWithPath: override) }
        let selfPath = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: selfPath).deletingLastPathComponent().appendingPathComponent("trawl")
    }

    /// Starts trawl; the caller waits with `finish`. `shell`: a /bin/sh
    /// script that ends by running trawl (`exec "$0" "$@"`), to start it
    /// under limits such as `ulimit -f`.
    static func start(_ arguments: [String], shell: String? = nil, stdin: String? = nil,
                      environment: [String: String] = [:]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let shell {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", shell, executable.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = stdin.map { _ in Pipe() }
        if let input { process.standardInput = input }
        try process.run()
        if let input, let stdin {
            // Small enough for the pipe's buffer: written whole, then closed.
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        }
        return (process, out, err)
    }

    /// `stdin`: the text trawl reads on its standard input (which is
    /// otherwise the test runner's).
    static func run(_ arguments: [String], stdin: String? = nil, timeout: Duration = .seconds(60)) async throws -> Output {
        let (process, out, err) = try start(arguments, stdin: stdin)
        return try await finish(process, out, err, timeout: timeout)
    }

    static func finish(_ process: Process, _ out: Pipe, _ err: Pipe, timeout: Duration) async throws -> Output {
        // Read both pipes on their own threads so a chatty child never blocks.
        async let stdout = readToEnd(out.fileHandleForReading)
        async let stderr = readToEnd(err.fileHandleForReading)
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                throw TimeoutError(arguments: process.arguments ?? [])
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return Output(status: process.terminationStatus,
                      stdout: String(decoding: await stdout, as: UTF8.self),
                      stderr: String(decoding: await stderr, as: UTF8.self))
    }

    struct TimeoutError: Error { var arguments: [String] }

    /// Reads a pipe to its end on a thread of its own: a blocking read on
    /// the cooperative pool (two threads on this machine) would stall every
    /// other test's tasks for as long as the child runs.
    static func readToEnd(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: handle.readDataToEndOfFile()) }.start()
        }
    }

    /// Waits until `pid` has a handler for `signal` (its signal trap is up,
    /// per /proc/PID/status), so a signal sent next is caught, not fatal.
    static func waitUntilCatching(_ signal: Int32, pid: Int32, timeout: Duration = .seconds(20)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
            let caught = status.split(separator: "\n").first { $0.hasPrefix("SigCgt:") }
                .flatMap { UInt64($0.dropFirst("SigCgt:".count).trimmingCharacters(in: .whitespaces), radix: 16) } ?? 0
            if caught & (1 << UInt64(signal - 1)) != 0 { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw TimeoutError(arguments: ["waiting for pid \(pid) to catch signal \(signal)"])
    }

    /// Waits until the file at `path` holds at least `lines` lines.
    static func waitForLines(_ lines: Int, in path: String, timeout: Duration = .seconds(20)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if lineCount(path) >= lines { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TimeoutError(arguments: ["waiting for \(lines) lines in \(path)"])
    }

    /// Lines in the file at `path`; 0 when it cannot be read.
    static func lineCount(_ path: String) -> Int {
        ((try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    static func temporaryFile(_ name: String, contents: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-cli-\(getpid())-\(UUID().uuidString.prefix(6))-\(name)").path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func temporaryDirectory(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("trawl-cli-\(getpid())-\(UUID().uuidString.prefix(6))-\(name)").path
    }
}
