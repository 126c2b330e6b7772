import Foundation

/// A finished crawl's output folder, as `trawl graph` reads it: nodes.csv
/// and edges-ids.csv must be there; redirects.csv may be (older crawls did
/// not write it).
public struct CrawlFolder: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// The nodes, and the graph of their links and redirect hops.
    public func load() throws -> (nodes: CrawlNodes, graph: LinkGraph) {
        let nodesPath = file(NodesFile.name), edgesPath = file(EdgesFile.name)
        let missing = [nodesPath, edgesPath].filter { !FileManager.default.fileExists(atPath: $0) }
        guard missing.isEmpty else {
            throw GraphError(.missingFile, "\(missing.map { "'\($0)'" }.joined(separator: " and ")) not found: "
                + "'\(path)' is not a finished trawl crawl output (it needs \(NodesFile.name) and \(EdgesFile.name))")
        }
        let nodes = try NodesFile.read(Self.bytes(nodesPath), fileName: nodesPath)
        let links = try EdgesFile.read(Self.bytes(edgesPath), nodeCount: nodes.count, fileName: edgesPath)
        let redirectsPath = file(RedirectsFile.name)
        let redirects = FileManager.default.fileExists(atPath: redirectsPath)
            ? try RedirectsFile.read(Self.bytes(redirectsPath), nodes: nodes, fileName: redirectsPath)
            : EdgeList()
        return (nodes, LinkGraph(nodeCount: nodes.count, links: consume links, redirects: consume redirects))
    }

    private func file(_ name: String) -> String {
        // As the user wrote the folder, so errors name the path they typed.
        (path as NSString).appendingPathComponent(name)
    }

    /// The whole file; the readers scan it in place.
    private static func bytes(_ path: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw GraphError(.unreadableFile, "cannot read '\(path)'", underlying: FileReadFailure(error))
        }
    }
}
