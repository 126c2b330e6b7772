import Foundation
@testable import TrawlGraph

/// A 17-node crawl output, the graph the PageRank and SCC expectations were
/// computed for with networkx (see PageRankTests):
///
/// - component {0,1,2,3,4}: 0→1→2→0 and 2→3→4→2 (a.test's home and blog);
/// - component {8,9,10,16}: 8→9→10→8, and 9→16→10 where 16→10 is only a
///   redirect hop (302), so it exists only because redirects count;
/// - 5→6 is both a link and a redirect hop (301): one edge;
/// - 6→6 is a self-loop;
/// - dangling (no out-edges): 7 (404), 11 (dns), 12 (503), 13 (a PDF),
///   14 (linked, never fetched);
/// - 15's URL holds a comma and its title quotes and a line break, so both
///   are quoted in nodes.csv.
enum FixtureCrawl {
    static let nodesCSV = """
        id,url,host,status,content_type,bytes,depth,error,title,fetched_at
        0,http://a.test/,a.test,200,text/html,1200,0,,Home,2025-01-02T03:04:05Z
        1,http://a.test/about,a.test,200,text/html,800,1,,About,2025-01-02T03:04:06Z
        2,http://a.test/blog,a.test,200,text/html,950,1,,Blog,2025-01-02T03:04:06Z
        3,http://a.test/blog/1,a.test,200,text/html,700,2,,"First post, with a comma",2025-01-02T03:04:07Z
        4,http://a.test/blog/2,a.test,200,text/html,720,3,,Second post,2025-01-02T03:04:08Z
        5,http://a.test/old,a.test,301,text/html,0,1,,,2025-01-02T03:04:06Z
        6,http://a.test/new,a.test,200,text/html,400,2,,New,2025-01-02T03:04:07Z
        7,http://a.test/missing,a.test,404,text/html,90,3,http-4xx,Not Found,2025-01-02T03:04:08Z
        8,http://b.test/,b.test,200,text/html,1000,1,,B,2025-01-02T03:04:06Z
        9,http://b.test/x,b.test,200,text/html,500,2,,X,2025-01-02T03:04:07Z
        10,http://b.test/y,b.test,200,text/html,500,3,,Y,2025-01-02T03:04:08Z
        11,http://c.test/,c.test,,,,4,dns,,
        12,http://a.test/down,a.test,503,text/html,50,2,,Service Unavailable,2025-01-02T03:04:07Z
        13,http://a.test/report.pdf,a.test,200,application/pdf,50000,2,,,2025-01-02T03:04:07Z
        14,http://d.test/,d.test,,,,2,,,
        15,"http://a.test/search?q=a,b",a.test,200,text/html,300,3,,"Search ""a,b""
        results",2025-01-02T03:04:08Z
        16,http://b.test/r,b.test,302,text/html,0,3,,,2025-01-02T03:04:08Z

        """

    static let links: [(source: Int, target: Int)] = [
        (0, 1), (0, 2), (0, 5), (0, 8), (1, 2), (1, 12), (2, 0), (2, 3), (2, 13), (3, 4), (3, 7), (4, 2), (4, 7),
        (5, 6), (6, 6), (6, 7), (6, 15), (8, 9), (8, 14), (9, 7), (9, 10), (9, 15), (9, 16), (10, 8), (10, 11), (15, 13),
    ]

    static let redirects: [(source: Int, target: Int)] = [(5, 6), (16, 10)]

    static var edgesCSV: String {
        "source_id,target_id\n" + links.map { "\($0.source),\($0.target)\n" }.joined()
    }

    static let redirectsCSV = """
        source,target,status
        http://a.test/old,http://a.test/new,301
        http://b.test/r,http://b.test/y,302

        """

    static func nodes() throws -> CrawlNodes {
        try NodesFile.read(Array(nodesCSV.utf8))
    }

    static func graph(withRedirects: Bool = true) -> LinkGraph {
        LinkGraph(nodeCount: 17, links: EdgeList(links), redirects: EdgeList(withRedirects ? redirects : []))
    }

    /// Writes `files` (name → contents; by default the whole fixture) into a
    /// fresh temporary folder, runs `body` with its path, then removes it.
    static func withFolder<T>(_ files: [String: String]? = nil, _ body: (String) throws -> T) throws -> T {
        let files = files ?? ["nodes.csv": nodesCSV, "edges-ids.csv": edgesCSV, "redirects.csv": redirectsCSV]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-graph-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, contents) in files {
            try Data(contents.utf8).write(to: folder.appendingPathComponent(name))
        }
        return try body(folder.path)
    }
}
