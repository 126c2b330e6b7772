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
            and ignores robots.txt. \
            With --docroot DIR, a directory of static files (a saved or packaged website) is served \
            instead, the same tree under every host, with --latency: Content-Type by extension, \
            index.html for a directory (a 301 adds its missing slash), 404 for anything else, no \
            listings; the tree is read into memory at start (up to 200,000 files, 1 GiB), and only \
            files inside it are served: '..' (encoded or not) and symlinks that lead out are 404s. \
            A docroot has no --truth: compare checks its runs against each other.
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

    @Option(help: ArgumentHelp("Serve this directory of static files instead of a generated web.", valueName: "dir"))
    var docroot: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535 (got \(port))") }
        if docroot != nil {
            if truth != nil { throw ValidationError("--truth needs a generated web: a --docroot has no ground truth") }
            if let flag = web.generationFlagSet {
                throw ValidationError("\(flag) shapes a generated web and cannot be used with --docroot, which serves the directory as it is")
            }
        }
    }

    func run() async throws {
        // Started by `trawl compare`: end with it, even mid-parse.
        ParentDeath.armFromEnvironment()
        let web: SyntheticWeb
        if let docroot {
            do {
                web = SyntheticWeb(docroot: try DocrootTree(path: docroot), hosts: self.web.hosts,
                                   latency: try LatencyDistribution(parsing: self.web.latency), seed: self.web.seed)
            } catch {
                Terminal.fail("\(error)")
                throw ExitCode(66)
            }
        } else {
            web = try SyntheticWeb(self.web.config())
        }
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
        let bind = self.bind
        let shape = docroot.map { "\(hosts) hosts × the files of \($0) (\(web.pageCount / hosts) HTML pages each)" }
            ?? "\(hosts) hosts × \(self.web.pages) pages (\(web.pageCount) pages\(web.profile == .hostile ? ", hostile profile" : ""))"
        let outcome = await SignalTrap.run {
            try await SyntheticWebServer.serve(web, host: bind, port: port) { actualPort in
                let line = "listening on http://\(bind):\(actualPort)/ — \(shape); "
                    + "crawl with: trawl crawl SEEDS --connect-to ::\(bind):\(actualPort)\n"
                Terminal.writeOutput(line)
            }
        }
        if case .failure(let error) = outcome.result, !(error is CancellationError) {
            Terminal.fail("cannot serve on \(bind):\(port): \(error)")
            throw ExitCode.failure
        }
    }
}

/// The generated web's shape, for `serve`.
struct WebFlags: ParsableArguments {
    @Option(help: "Random seed: the same seed generates the same web.")
    var seed: UInt64 = 1

    @Option(help: "Number of virtual hosts.")
    var hosts: Int = 5

    @Option(help: "Pages per host.")
    var pages: Int = WebFlags.defaultPages

    @Option(help: "Response latency: a fixed value (50ms, 1s, 0) or a range (20..200ms).")
    var latency: String = "0"

    @Option(name: .customLong("out-degree"), help: "Mean links per page (power-law distributed).")
    var outDegree: Double = WebFlags.defaultOutDegree

    @Option(name: .customLong("cross-host"), help: "Share of links that point to another host (0…1).")
    var crossHost: Double = WebFlags.defaultCrossHost

    @Option(name: .customLong("page-size"), help: "Approximate page size, e.g. 4KB.")
    var pageSize: ByteSize = ByteSize(bytes: WebFlags.defaultPageSize)

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

    static let defaultPages = 100
    static let defaultOutDegree = 8.0
    static let defaultCrossHost = 0.1
    static let defaultPageSize = 4096

    /// The first flag set to other than its default that only a generated
    /// web has a use for, or nil.
    var generationFlagSet: String? {
        if pages != Self.defaultPages { return "--pages" }
        if outDegree != Self.defaultOutDegree { return "--out-degree" }
        if crossHost != Self.defaultCrossHost { return "--cross-host" }
        if pageSize.bytes != Self.defaultPageSize { return "--page-size" }
        if nesting != 0 { return "--nesting" }
        if profile != .normal { return "--profile" }
        return nil
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
