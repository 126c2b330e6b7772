import ArgumentParser
import SyntheticWeb
import TrawlCompare
import TrawlCore

/// `--modes async,threads`: a comma-separated list of strategies.
struct ModeList: ExpressibleByArgument {
    var modes: [CrawlOptions.Mode]

    init(_ modes: [CrawlOptions.Mode]) { self.modes = modes }

    init?(argument: String) {
        var modes = [CrawlOptions.Mode]()
        for name in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let mode = CrawlOptions.Mode(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else { return nil }
            if !modes.contains(mode) { modes.append(mode) }
        }
        guard !modes.isEmpty else { return nil }
        self.modes = modes
    }

    var defaultValueDescription: String { modes.map(\.rawValue).joined(separator: ",") }
}

/// `--concurrency 16,256,1024`: a comma-separated list of positive numbers.
struct CountList: ExpressibleByArgument {
    var values: [Int]

    init?(argument: String) {
        var values = [Int]()
        for text in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else { return nil }
            if !values.contains(value) { values.append(value) }
        }
        guard !values.isEmpty else { return nil }
        self.values = values
    }
}

/// `--preset io-bound` or `--preset all`.
enum PresetChoice: ExpressibleByArgument, Equatable {
    case one(WorkloadPreset)
    case all

    init?(argument: String) {
        if argument == "all" { self = .all; return }
        guard let preset = WorkloadPreset(rawValue: argument) else { return nil }
        self = .one(preset)
    }

    static var allValueStrings: [String] { WorkloadPreset.allCases.map(\.rawValue) + ["all"] }

    var presets: [WorkloadPreset] {
        switch self {
        case .one(let preset): return [preset]
        case .all: return WorkloadPreset.allCases
        }
    }
}

/// The generated web's shape for `compare`: every flag optional, so a
/// preset's value stands unless the user overrides it.
struct CompareWebFlags: ParsableArguments {
    @Option(help: "Generated web: random seed.")
    var seed: UInt64?

    @Option(help: "Generated web: number of virtual hosts (default 20).")
    var hosts: Int?

    @Option(help: "Generated web: pages per host (default 100).")
    var pages: Int?

    @Option(help: "Generated web: response latency, e.g. 50ms, 1s, 0 or 10..300ms (default 50ms).")
    var latency: String?

    @Option(name: .customLong("page-size"), help: "Generated web: approximate page size, e.g. 4KB (default 4KB).")
    var pageSize: ByteSize?

    @Option(name: .customLong("out-degree"), help: "Generated web: mean links per page (default 8).")
    var outDegree: Double?

    @Option(name: .customLong("cross-host"), help: "Generated web: share of links to other hosts, 0…1 (default 0.1).")
    var crossHost: Double?

    @Option(help: "Generated web: levels of nested <div> around page content (default 0).")
    var nesting: Int?

    /// The first flag given that only a generated web uses (not --hosts,
    /// --latency or --seed, which a docroot takes too), or nil.
    var generationFlagSet: String? {
        if pages != nil { return "--pages" }
        if pageSize != nil { return "--page-size" }
        if outDegree != nil { return "--out-degree" }
        if crossHost != nil { return "--cross-host" }
        if nesting != nil { return "--nesting" }
        return nil
    }

    var isEmpty: Bool {
        seed == nil && hosts == nil && pages == nil && latency == nil && pageSize == nil && outDegree == nil
            && crossHost == nil && nesting == nil
    }

    func validate() throws {
        if let hosts, hosts < 1 { throw ValidationError("--hosts must be at least 1 (got \(hosts))") }
        if let pages, pages < 1 { throw ValidationError("--pages must be at least 1 (got \(pages))") }
        if let outDegree, outDegree < 0 { throw ValidationError("--out-degree must be 0 or more (got \(outDegree))") }
        if let crossHost, !(0...1).contains(crossHost) { throw ValidationError("--cross-host must be between 0 and 1 (got \(crossHost))") }
        if let nesting, !(0...100_000).contains(nesting) { throw ValidationError("--nesting must be 0…100000 (got \(nesting))") }
        if let latency, (try? LatencyDistribution(parsing: latency)) == nil {
            throw ValidationError("--latency '\(latency)' is not a duration like 50ms, 1s or 20..200ms")
        }
    }

    /// `shape` with every flag the user gave applied.
    func applied(to shape: WebShape) -> WebShape {
        var shape = shape
        if let seed { shape.seed = seed }
        if let hosts { shape.hosts = hosts }
        if let pages { shape.pagesPerHost = pages }
        if let latency { shape.latency = latency }
        if let pageSize { shape.pageSize = pageSize.bytes }
        if let outDegree { shape.outDegree = outDegree }
        if let crossHost { shape.crossHost = crossHost }
        if let nesting { shape.nesting = nesting }
        return shape
    }
}
