#if canImport(Glibc)
import Glibc
#endif

/// The finish: edges.csv sorted on disk with bounded memory, hashed, and
/// the graph files written from the sorted rows. Each step is tried even
/// after an earlier one failed (a full disk may still take a small file),
/// every file is replaced whole or not at all, and the first failure is the
/// one kept.
extension CrawlExports {
    /// Closes the streaming files, rewrites edges.csv sorted (byte order, as
    /// `LC_ALL=C sort`), writes the tables (`GraphTables`), graph.graphml
    /// and graph.dot, and returns the
    /// edge-set summary for the report: the rows edges.csv holds, counted
    /// and hashed, even when its sorted copy or the graph files could not be
    /// written. Sets `failure` to the first failure (a failed `record`, then
    /// the finish's own) unless it holds one already.
    func finishGraph(keepingFirst failure: inout TrawlError?) -> RunReport.EdgeSet {
        if failure == nil { failure = recordFailure }
        do { try pagesFile.close() } catch { Self.keep(error, in: &failure) }
        var edgeSet = RunReport.EdgeSet(edges: edgeRows, nodes: nodes.count, sha256: "")
        // The node and redirect logs sorted first: the sort of edges.csv
        // then reuses the memory of their runs.
        let sortedNodes: SortedNodes, sortedRedirects: SortedRedirects
        do {
            sortedNodes = try nodes.sorted(by: sorter)
            sortedRedirects = try redirects.sorted(by: sorter)
        } catch {
            Self.keep(error, in: &failure)
            _ = sortEdges(into: &edgeSet, failure: &failure)
            return edgeSet
        }
        let tables = GraphTables(nodes: sortedNodes, redirects: sortedRedirects, folder: folder.handle)
        do { try tables.writeNodes() } catch { Self.keep(error, in: &failure) }
        do { try tables.writeRedirects() } catch { Self.keep(error, in: &failure) }
        guard let rows = sortEdges(into: &edgeSet, failure: &failure) else { return edgeSet }
        do { try tables.writeEdgeTables(rows, index: NodeIndex(sortedNodes)) } catch { Self.keep(error, in: &failure) }
        var attributes: SortedLines?
        do { attributes = try edgeAttributes.sorted(by: sorter) } catch { Self.keep(error, in: &failure) }
        let graph = GraphWriter(nodes: sortedNodes, edges: rows, attributes: attributes, redirects: sortedRedirects)
        do { try graph.writeGraphML(to: folder.handle.path(of: "graph.graphml")) } catch { Self.keep(error, in: &failure) }
        do { try graph.writeDOT(to: folder.handle.path(of: "graph.dot")) } catch { Self.keep(error, in: &failure) }
        return edgeSet
    }

    /// `finishGraph(keepingFirst:)` for a caller that learnt of a failed
    /// `record` when it threw: throws only a failure of the finish itself,
    /// and only when no record failed (the edge set is lost then).
    func finishGraph() throws -> RunReport.EdgeSet {
        var failure: TrawlError?
        let edgeSet = finishGraph(keepingFirst: &failure)
        if let failure, recordFailure == nil { throw failure }
        return edgeSet
    }

    /// Sorts edges.csv (an external sort: runs in the output folder), then
    /// in one pass over the sorted rows hashes them and writes the sorted
    /// edges.csv over the unsorted one. Returns the sorted rows for the
    /// graph files — read back from edges.csv once it is sorted on disk, so
    /// the runs can go — or nil when edges.csv could not be sorted.
    private func sortEdges(into edgeSet: inout RunReport.EdgeSet, failure: inout TrawlError?) -> SortedLines? {
        let headerLength = off_t(Self.edgesHeader.utf8.count)
        let rows: SortedLines
        do {
            let unsorted = LineFile(descriptor: try edgesFile.duplicateForReading(), path: edgesPath, from: headerLength)
            do { try edgesFile.close() } catch { Self.keep(error, in: &failure) }
            rows = try sorter.sort(unsorted.reader(), in: folder.handle, name: Self.edgesName)
        } catch {
            Self.keep(error, in: &failure)
            try? edgesFile.close()
            return nil
        }

        var hash = SHA256()
        var count = 0
        var writer: ChunkedWriter?
        do {
            writer = try ChunkedWriter(name: Self.edgesName, in: folder.handle)
            try writer?.write(Self.edgesHeader)
        } catch {
            Self.keep(error, in: &failure)
            writer = nil
        }
        do {
            let newline: [UInt8] = [0x0A]
            try newline.withUnsafeBytes { newline in
                try rows.forEach { row in
                    hash.update(row)
                    hash.update(newline)
                    count += 1
                    guard let out = writer else { return }
                    do {
                        try out.write(row)
                        try out.write(newline)
                    } catch {
                        // Dropped: its temporary file goes, freeing its space.
                        Self.keep(error, in: &failure)
                        writer = nil
                    }
                }
            }
        } catch {
            Self.keep(error, in: &failure)
            return nil
        }
        edgeSet.edges = count
        edgeSet.sha256 = hash.finalizeHex()

        guard let out = writer else { return rows }
        do { try out.commit() } catch {
            Self.keep(error, in: &failure)
            return rows
        }
        guard !rows.isInMemory else { return rows }
        do {
            let sorted = LineFile(descriptor: try folder.handle.openForReading(Self.edgesName), path: edgesPath, from: headerLength)
            return SortedLines(sortedFile: sorted, count: count)
        } catch {
            Self.keep(error, in: &failure)
            return rows
        }
    }

    private static func keep(_ error: any Error, in failure: inout TrawlError?) {
        if failure == nil { failure = error as? TrawlError ?? TrawlError(.writeFailed, "\(error)") }
    }
}
