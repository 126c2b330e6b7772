/// The generated web a comparison crawls: the `trawl serve` flags that
/// build it, so the server runs as its own process.
public struct WebShape: Sendable, Codable, Equatable {
    public var seed: UInt64 = 1
    public var hosts: Int = 20
    public var pagesPerHost: Int = 100
    /// As `trawl serve --latency` takes it: "50ms", "0", "10..300ms".
    public var latency: String = "50ms"
    public var pageSize: Int = 4096
    public var outDegree: Double = 8
    public var crossHost: Double = 0.1
    /// Levels of nested `<div>` around each page's text (parser work).
    public var nesting: Int = 0
    /// A directory of static files served instead of a generated web
    /// (`trawl serve --docroot`): the same tree under every host. Only
    /// `hosts`, `latency` and `seed` then apply, and there is no truth:
    /// runs are checked against the edge set most of them share.
    public var docroot: String? = nil

    public init() {}

    /// `docroot` served as `hosts` hosts with `latency`.
    public init(docroot: String, hosts: Int, latency: String) {
        self.docroot = docroot
        self.hosts = hosts
        self.latency = latency
    }

    /// Whether the server can write the web's ground truth.
    public var hasTruth: Bool { docroot == nil }

    public var pages: Int { hosts * pagesPerHost }

    /// `trawl serve` arguments for this web (port, truth and seeds file
    /// are the runner's).
    public var serveArguments: [String] {
        if let docroot {
            return ["--docroot", docroot, "--seed", "\(seed)", "--hosts", "\(hosts)", "--latency", latency]
        }
        var arguments = [
            "--seed", "\(seed)", "--hosts", "\(hosts)", "--pages", "\(pagesPerHost)", "--latency", latency,
            "--page-size", "\(pageSize)", "--out-degree", "\(outDegree)", "--cross-host", "\(crossHost)",
        ]
        if nesting > 0 { arguments += ["--nesting", "\(nesting)"] }
        return arguments
    }

    /// "20 hosts × 100 pages (2,000 pages), 4 KB pages, 8 links per page, latency 50ms".
    public var description: String {
        if let docroot { return "the files of \(docroot) as \(hosts) hosts, latency \(latency)" }
        var text = "\(hosts) hosts × \(pagesPerHost) pages (\(Format.count(pages)) pages), \(Format.bytes(pageSize)) pages, "
            + "\(Format.number(outDegree)) links per page, latency \(latency)"
        if nesting > 0 { text += ", text nested \(nesting) <div>s deep" }
        return text
    }
}
