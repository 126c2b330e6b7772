import Foundation
import TrawlCore

/// The generated web of a workload, served by a `trawl serve` child
/// process so its CPU is never counted as the crawl's.
struct ServerProcess {
    let process: LoggedProcess
    let port: Int
    let seedsFile: String
    /// Nil for a docroot, which has no truth.
    let truthFile: String?

    /// Starts the server for `web` with files in `directory`, runs `body`,
    /// and stops the server on the way out, whatever happens.
    static func withRunning<Value: Sendable>(
        _ web: WebShape, executablePath: String, directory: String, _ body: (ServerProcess) async throws -> Value
    ) async throws -> Value {
        let seedsFile = directory + "/seeds.txt"
        let truthFile = directory + "/truth.csv"
        let logPath = directory + "/server.log"
        let arguments = ["serve", "--port", "0", "--bind", "127.0.0.1", "--seeds-file", seedsFile]
            + (web.hasTruth ? ["--truth", truthFile] : []) + web.serveArguments
        return try await LoggedProcess.withRunning(executablePath: executablePath, arguments: arguments, logPath: logPath,
                                                   gracePeriod: .seconds(5)) { process in
            let port = try await waitForPort(process)
            return try await body(ServerProcess(process: process, port: port, seedsFile: seedsFile,
                                                truthFile: web.hasTruth ? truthFile : nil))
        }
    }

    /// Polls the log for "listening on http://127.0.0.1:PORT/"; building a
    /// large web's truth file comes first, so this allows two minutes.
    private static func waitForPort(_ process: LoggedProcess) async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            let log = (try? String(contentsOfFile: process.logPath, encoding: .utf8)) ?? ""
            if let range = log.range(of: "listening on http://127.0.0.1:") {
                let digits = log[range.upperBound...].prefix { $0.isNumber }
                if let port = Int(digits) { return port }
            }
            if let status = process.exitStatus {
                throw CompareError("the generated web's server \(status) before it listened: \(LogTail.of(process.logPath))")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CompareError("the generated web's server did not listen within 2 minutes (see \(process.logPath))")
    }
}

/// What a failed child said: its last "error:" line, else its last line.
enum LogTail {
    static func of(_ path: String) -> String {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let lines = text.split(whereSeparator: \.isNewline).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let line = lines.last { $0.contains("error:") } ?? lines.last
        return line.map { String($0.trimmingCharacters(in: .whitespaces).prefix(300)) } ?? "(its log \(path) is empty)"
    }
}
