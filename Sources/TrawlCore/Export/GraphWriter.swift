/// Writes the link graph as GraphML (Gephi, networkx, igraph) and DOT
/// (Graphviz). Node ids are the normalized URLs themselves, so every tool
/// shows the URL and a graph joins back to pages.jsonl and edges.csv without
/// a lookup table. Fetched pages carry their status, depth and title.
struct GraphWriter {
    struct NodeInfo: Sendable {
        var status: Int?
        var depth: Int
        var title: String?
    }

    /// Distinct nodes in first-seen order: fetched pages, then edge endpoints.
    let nodes: [String]
    let info: [String: NodeInfo]
    let edges: [(String, String)]

    init(pages: [(String, NodeInfo)], edges: [(String, String)]) {
        var order: [String] = []
        var seen = Set<String>()
        var info: [String: NodeInfo] = [:]
        for (url, node) in pages where seen.insert(url).inserted {
            order.append(url)
            info[url] = node
        }
        for (source, target) in edges {
            if seen.insert(source).inserted { order.append(source) }
            if seen.insert(target).inserted { order.append(target) }
        }
        self.nodes = order
        self.info = info
        self.edges = edges
    }

    func writeGraphML(to path: String) throws {
        let out = try ChunkedWriter(path: path)
        try out.write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
              <key id="status" for="node" attr.name="status" attr.type="int"/>
              <key id="depth" for="node" attr.name="depth" attr.type="int"/>
              <key id="title" for="node" attr.name="title" attr.type="string"/>
              <key id="fetched" for="node" attr.name="fetched" attr.type="boolean"><default>false</default></key>
              <graph id="trawl" edgedefault="directed">

            """)
        for url in nodes {
            guard let node = info[url] else {
                try out.write("    <node id=\"\(XMLText.escape(url))\"/>\n")
                continue
            }
            var line = "    <node id=\"\(XMLText.escape(url))\"><data key=\"fetched\">true</data>"
            if let status = node.status { line += "<data key=\"status\">\(status)</data>" }
            line += "<data key=\"depth\">\(node.depth)</data>"
            if let title = node.title { line += "<data key=\"title\">\(XMLText.escape(title))</data>" }
            try out.write(line + "</node>\n")
        }
        for (source, target) in edges {
            try out.write("    <edge source=\"\(XMLText.escape(source))\" target=\"\(XMLText.escape(target))\"/>\n")
        }
        try out.write("  </graph>\n</graphml>\n")
        try out.commit()
    }

    func writeDOT(to path: String) throws {
        let out = try ChunkedWriter(path: path)
        try out.write("digraph trawl {\n  node [shape=box, fontsize=10];\n")
        for url in nodes {
            var attributes: [String] = []
            if let node = info[url] {
                if let status = node.status { attributes.append("status=\(status)") }
                attributes.append("depth=\(node.depth)")
                if let status = node.status, status >= 400 { attributes.append("color=red") }
            } else {
                attributes.append("style=dashed")
            }
            try out.write("  \(Self.quoted(url)) [\(attributes.joined(separator: ", "))];\n")
        }
        for (source, target) in edges {
            try out.write("  \(Self.quoted(source)) -> \(Self.quoted(target));\n")
        }
        try out.write("}\n")
        try out.commit()
    }

    /// A DOT double-quoted ID: backslash and quote escaped, line breaks dropped.
    static func quoted(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 == 0x0A || $0 == 0x0D }) else {
            return "\"" + value + "\""
        }
        var out = "\""
        for character in value {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n", "\r": continue
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
