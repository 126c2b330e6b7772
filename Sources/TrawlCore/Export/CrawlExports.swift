import Foundation

/// Every file of one run's output folder. pages.jsonl and edges.csv grow as
/// pages complete (whole lines only, so a stopped crawl leaves valid files);
/// `finishGraph` sorts the edges, hashes them, and writes the graph files;
/// `writeReport` writes report.json. Owned by the engine's driver task alone.
///
/// A page's edges are written before its line in pages.jsonl, and cut off
/// again when that line cannot be written: the two files always agree (a
/// page line never lacks its edges, no edge lacks its page line). The first
/// write that fails is kept: every later `record` throws it again, so the
/// error reported is the first one. Files are made inside the claimed
/// folder only (see `OutputFolder` and `FolderHandle`).
final class CrawlExports {
    static let pagesName = "pages.jsonl"
    static let edgesName = "edges.csv"
    static let edgesHeader = "source,target\n"
    /// Disk space held back for report.json from the start (it is a few
    /// KiB), so a crawl stopped by a full disk still writes its report.
    private static let reportReserve = 64 << 10

    let folder: OutputFolder
    let pagesFile: OutputFile
    let edgesFile: OutputFile
    private var reportWriter: ChunkedWriter?
    /// Graph nodes (pages, link targets, redirect hops), so the graph files
    /// need no second pass over the edges; on disk until the finish.
    let nodes: GraphNodes
    /// Every redirect hop, on disk until the finish.
    let redirects: RedirectLog
    /// The `count` and `nofollow` of link edges, beside edges.csv.
    let edgeAttributes: EdgeAttributeLog
    /// Rows in edges.csv so far.
    private(set) var edgeRows = 0
    /// The first write that failed; no page is recorded after it.
    private(set) var recordFailure: TrawlError?
    /// How the finish sorts edges.csv (tests shrink its runs).
    var sorter = ExternalSort()

    var directory: String { folder.path }
    var edgesPath: String { folder.handle.path(of: Self.edgesName) }

    /// Claims `directory` (created if missing; refused when it holds a
    /// crawl's files, unless `overwrite`, or when another crawl has it) and
    /// creates the streaming files, so an unusable `--out` fails before
    /// any fetch.
    convenience init(directory: String, overwrite: Bool = false, keeping kept: Set<String> = []) throws {
        try self.init(folder: OutputFolder(claiming: directory, overwrite: overwrite, keeping: kept))
    }

    /// Creates the streaming files in a folder already claimed.
    convenience init(folder: OutputFolder) throws {
        let handle = folder.handle
        // A failed start removes what it created, and only that.
        let pagesFile = try OutputFile(creating: Self.pagesName, in: handle)
        let edgesFile: OutputFile
        do {
            edgesFile = try OutputFile(creating: Self.edgesName, in: handle)
        } catch {
            handle.remove(Self.pagesName)
            throw error
        }
        do {
            try self.init(folder: folder, pagesFile: pagesFile, edgesFile: edgesFile)
        } catch {
            for name in [Self.pagesName, Self.edgesName] { handle.remove(name) }
            throw error
        }
    }

    /// The exports over these streaming files, empty and open (tests pass
    /// one whose writes fail).
    init(folder: OutputFolder, pagesFile: OutputFile, edgesFile: OutputFile) throws {
        self.folder = folder
        self.pagesFile = pagesFile
        self.edgesFile = edgesFile
        edgeAttributes = EdgeAttributeLog(folder: folder.handle)
        nodes = GraphNodes(folder: folder.handle)
        redirects = RedirectLog(folder: folder.handle)
        try edgesFile.write(Self.edgesHeader)
        reportWriter = try? ChunkedWriter(name: "report.json", in: folder.handle, reserving: Self.reportReserve)
    }

    deinit {
        // The unused reservation goes while the folder is still locked.
        reportWriter = nil
    }

    /// Appends the page's line and, the first time its final URL is seen,
    /// its edges (a redirect can land two requests on one page).
    func record(_ outcome: PageOutcome) throws {
        try record(outcome.record, source: outcome.source, edgeTargets: outcome.edgeTargets,
                   edgeAttributes: outcome.edgeAttributes)
    }

    /// The same for a page a worker process sent (`--mode processes`).
    func record(_ page: PageMessage) throws {
        try record(page.record, source: page.source, edgeTargets: page.edgeTargets, edgeAttributes: page.edgeAttributes)
    }

    private func record(_ record: PageRecord, source: String, edgeTargets: [String], edgeAttributes attributes: [EdgeAttributes]) throws {
        if let recordFailure { throw recordFailure }
        let writesEdges = !edgeTargets.isEmpty && !nodes.hasEdges(from: source)
        let edgesBefore = edgesFile.size
        let attributesBefore = edgeAttributes.size
        do {
            if writesEdges {
                let sourceField = CSV.field(source)
                var rows = ""
                for target in edgeTargets {
                    rows += sourceField
                    rows += ","
                    rows += CSV.field(target)
                    rows += "\n"
                }
                try edgesFile.write(rows)
                try edgeAttributes.append(source: source, targets: edgeTargets, attributes: attributes)
            }
            try pagesFile.write(record.jsonLine + "\n")
        } catch {
            // Only if the cut fails too can edges outlive their page line.
            try? edgesFile.cut(to: edgesBefore)
            edgeAttributes.cut(to: attributesBefore)
            throw fail(error)
        }
        if writesEdges { edgeRows += edgeTargets.count }
        do {
            try noteRedirects(of: record, endingAt: source)
            try nodes.note(source, info: GraphNodes.Info(record))
            guard writesEdges else { return }
            nodes.noteEdges(from: source)
            for target in edgeTargets { try nodes.note(target, info: nil) }
        } catch {
            // The page has its line: only the graph files can lack it now.
            throw fail(error)
        }
    }

    /// Keeps the first failed write; every later `record` throws it.
    private func fail(_ error: any Error) -> TrawlError {
        let failure = error as? TrawlError ?? TrawlError(.writeFailed, "\(error)")
        recordFailure = failure
        return failure
    }

    /// Each hop of the record's redirect chain becomes a fetched node with
    /// its 3xx status, and an edge to the URL it sent the crawler to.
    private func noteRedirects(of record: PageRecord, endingAt final: String) throws {
        for (position, hop) in record.redirects.enumerated() {
            let info = GraphNodes.Info(status: hop.status, depth: record.depth, title: nil, contentType: nil, bytes: 0,
                                       error: nil, fetchedAt: record.fetchedAt)
            let target = position + 1 < record.redirects.count ? record.redirects[position + 1].url : final
            try nodes.note(hop.url, info: info)
            try nodes.note(target, info: nil)
            try redirects.append(from: hop.url, to: target, status: hop.status)
        }
    }

    func writeReport(_ report: RunReport) throws {
        let file = try reportWriter ?? ChunkedWriter(name: "report.json", in: folder.handle)
        reportWriter = nil
        try file.write(try report.jsonText())
        try file.commit()
    }
}
