import ArgumentParser
import Foundation
import SyntheticWeb
import TrawlCore

extension SyntheticWebConfig.Profile: ExpressibleByArgument {}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a generated web on this machine: many virtual hosts, latency, errors.",
        discussion: """
            Hosts are named hK.trawl.test (K = 0…hosts-1), each with its start page at \
            http://hK.trawl.test/. Point a crawler at them with libcurl's CONNECT_TO: \
            trawl crawl SEEDS --connect-to ::127.0.0.1:PORT. The same --seed always generates \
            the same web; --truth writes its link graph in edges.csv format. With --profile hostile \
            every host's root page also links to trap pages under /trap/ (redirect chains and loops, \
            a redirect into /private/, a 40 KB Location, slow hops, slow, huge, lying and reset bodies, \
            a gzip bomb, tag soup, non-UTF-8 pages, a long base, an attribute bomb, backtracking bait, \
            a 1 MiB title, a link with credentials, an 8,100-byte path, an endless calendar, \
            429/503/500), and robots.txt varies by host index (0: Disallow /private/, 1: 404, 2: 500, \
            3: Disallow /, 4: Crawl-delay 1, 5: Disallow /private/ and ~500 KiB of rules built to be \
            slow to match; with fewer than 5 hosts all as 0). \
            The truth then includes the edges to and from the trap pages, except the calendar's, \
            and ignores robots.txt.
            """
    )

    @OptionGroup var web: WebFlags

    @Option(help: "TCP port to listen on (0 picks a free one).")
    var port: Int = 8080

    @Option(help: "Address to listen on.")
    var bind: String = "127.0.0.1"

    @Option(help: "Write the ground-truth edge list (edges.csv format) to this file.")
    var truth: String?

    @Option(name: .customLong("seeds-file"), help: "Write the start page of every host to this file, one per line.")
    var seedsFile: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535 (got \(port))") }
    }

    func run() async throws {
        // Started by `trawl compare`: end with it, even mid-parse.
        ParentDeath.armFromEnvironment()
        let web = try SyntheticWeb(self.web.config())
        if let truth {
            do { try web.writeTruth(to: truth) } catch {
                Terminal.fail("cannot write --truth '\(truth)': \(error)")
                throw ExitCode(73)
            }
        }
        if let seedsFile {
            do {
                try (web.seedURLs.joined(separator: "\n") + "\n").write(toFile: seedsFile, atomically: true, encoding: .utf8)
            } catch {
                Terminal.fail("cannot write --seeds-file '\(seedsFile)': \((error as NSError).localizedDescription)")
                throw ExitCode(73)
            }
        }
        let hosts = web.hostNames.count
        let pagesPerHost = self.web.pages
        let bind = self.bind
        let profile = web.profile == .hostile ? ", hostile profile" : ""
        let outcome = await SignalTrap.run {
            try await SyntheticWebServer.serve(web, host: bind, port: port) { actualPort in
                let line = "listening on http://\(bind):\(actualPort)/ — \(hosts) hosts × \(pagesPerHost) pages "
                    + "(\(web.pageCount) pages\(profile)); crawl with: trawl crawl SEEDS --connect-to ::\(bind):\(actualPort)\n"
                Terminal.writeOutput(line)
            }
        }
        if case .failure(let error) = outcome.result, !(error is CancellationError) {
            Terminal.fail("cannot serve on \(bind):\(port): \(error)")
            throw ExitCode.failure
        }
    }
}

/// The generated web's shape, shared by `serve` and `demo`.
struct WebFlags: ParsableArguments {
    @Option(help: "Random seed: the same seed generates the same web.")
    var seed: UInt64 = 1

    @Option(help: "Number of virtual hosts.")
    var hosts: Int = 5

    @Option(help: "Pages per host.")
    var pages: Int = 100

    @Option(help: "Response latency: a fixed value (50ms, 1s, 0) or a range (20..200ms).")
    var latency: String = "0"

    @Option(name: .customLong("out-degree"), help: "Mean links per page (power-law distributed).")
    var outDegree: Double = 8

    @Option(name: .customLong("cross-host"), help: "Share of links that point to another host (0…1).")
    var crossHost: Double = 0.1

    @Option(name: .customLong("page-size"), help: "Approximate page size, e.g. 4KB.")
    var pageSize: ByteSize = ByteSize(bytes: 4096)

    @Option(help: "Levels of nested <div> around each page's content (more parsing work per page).")
    var nesting: Int = 0

    @Option(help: "normal: generated pages only; hostile: every host also serves trap pages linked from its root page.")
    var profile: SyntheticWebConfig.Profile = .normal

    func validate() throws {
        guard hosts >= 1 else { throw ValidationError("--hosts must be at least 1 (got \(hosts))") }
        guard pages >= 1 else { throw ValidationError("--pages must be at least 1 (got \(pages))") }
        guard outDegree >= 0 else { throw ValidationError("--out-degree must be 0 or more (got \(outDegree))") }
        guard (0...100_000).contains(nesting) else { throw ValidationError("--nesting must be 0…100000 (got \(nesting))") }
        guard (0...1).contains(crossHost) else { throw ValidationError("--cross-host must be between 0 and 1 (got \(crossHost))") }
        do { _ = try LatencyDistribution(parsing: latency) } catch {
            throw ValidationError("--latency '\(latency)' is not a duration like 50ms, 1s or 20..200ms")
        }
    }

    func config() throws -> SyntheticWebConfig {
        var config = SyntheticWebConfig()
        config.seed = seed
        config.hosts = hosts
        config.pagesPerHost = pages
        config.meanOutDegree = outDegree
        config.crossHostShare = crossHost
        config.pageSize = pageSize.bytes
        config.nesting = nesting
        config.latency = try LatencyDistribution(parsing: latency)
        config.profile = profile
        return config
    }
}
