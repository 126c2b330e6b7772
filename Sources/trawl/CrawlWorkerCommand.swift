import ArgumentParser
import Foundation
import TrawlCore

/// `trawl crawl-worker`: one worker process of `--mode processes`. Not for
/// people: the coordinator starts it and speaks the shard protocol on its
/// standard input and output.
struct CrawlWorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crawl-worker",
        abstract: "Internal: one worker of --mode processes (speaks the shard protocol on stdin/stdout).",
        shouldDisplay: false
    )

    func run() async throws {
        // Die with the coordinator even while stuck in CPU work that never
        // reads the input whose end would tell us (see ParentDeath).
        ParentDeath.armFromEnvironment()
        // Ctrl-C at the terminal reaches the whole process group, and a
        // service manager's SIGTERM the whole tree (systemd); the
        // coordinator turns either into `stop`, so the worker still sends
        // the pages it finishes. If the coordinator dies, our input ends.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        // The protocol gets a private copy of stdout, and fd 1 becomes
        // stderr, so a stray print can never corrupt a frame.
        let output = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3)
        guard output >= 0, dup2(STDERR_FILENO, STDOUT_FILENO) >= 0 else {
            Terminal.fail("crawl-worker: cannot set up its output (\(String(cString: strerror(errno))))")
            throw ExitCode.failure
        }
        let code = await ShardWorker.run(input: STDIN_FILENO, output: output)
        if code != 0 { throw ExitCode(code) }
    }
}
