import ArgumentParser
import Foundation
import TrawlCore

extension CrawlCommand {
    /// The seeds from wherever the arguments say, parsed with the one seed
    /// parser and its limits. A bad line of a file or of standard input is
    /// skipped with a warning (fatal with --strict, exit 65); a bad seed
    /// argument is always fatal (exit 64): it was typed, not collected.
    func loadSeeds() throws -> SeedList {
        let maxURLLength = flags.limits.maxURLLength
        switch try flags.seeds.source() {
        case .urls(let arguments):
            let seeds = SeedList(arguments: arguments, maxURLLength: maxURLLength)
            for problem in seeds.problems { Terminal.fail("seed \(problem)") }
            if !seeds.problems.isEmpty { throw ExitCode(64) }
            return seeds
        case .file(let path):
            let seeds = try reportingErrors { try SeedList(contentsOf: path, maxURLLength: maxURLLength) }
            try report(seeds.problems, in: path, kind: "seeds file '\(path)'")
            return seeds
        case .standardInput:
            let data: Data
            do {
                data = try FileHandle.standardInput.readToEnd() ?? Data()
            } catch {
                Terminal.fail("cannot read seeds from standard input: \(ReadFailure(error))")
                throw ExitCode(66)
            }
            let seeds = try reportingErrors { try SeedList(data: data, path: "-", maxURLLength: maxURLLength) }
            try report(seeds.problems, in: "stdin", kind: "the seeds on standard input")
            return seeds
        }
    }

    /// Warns of each bad line (`--strict`: fails on them).
    private func report(_ problems: [SeedList.Problem], in name: String, kind: String) throws {
        let strict = flags.seeds.strict
        for problem in problems {
            if strict { Terminal.fail("\(name): \(problem)") } else { Terminal.warn("\(name): \(problem) (skipped)") }
        }
        if strict && !problems.isEmpty {
            let error = TrawlError(.badSeed, "\(problems.count) bad line(s) in \(kind) and --strict is set")
            Terminal.fail(error.description)
            throw error.exitCode
        }
    }
}
