/// Writes the link graph as GraphML (Gephi, networkx, igraph) and DOT
/// (Graphviz). Node ids are the normalized URLs themselves, so every tool
/// shows the URL and a graph joins back to pages.jsonl and edges.csv without
/// a lookup table. Fetched pages carry their status, depth and title.
///
/// Edges are written straight from edges.csv's sorted rows: a large crawl
/// has millions of them, and a String pair per edge would double the
/// crawl's peak memory.
struct GraphWriter {
    struct NodeInfo: Sendable {
        var status: Int?
        var depth: Int
        var title: String?
    }

    /// Distinct nodes in first-seen order; `info` is nil for link targets
    /// that were never fetched.
    let nodes: [(url: String, info: NodeInfo?)]
    /// edges.csv rows ("source,target", CSV-quoted where needed).
    let edges: SortedLines

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
        for (url, info) in nodes {
            guard let node = info else {
                try out.write("    <node id=\"\(XMLText.escape(url))\"/>\n")
                continue
            }
            var line = "    <node id=\"\(XMLText.escape(url))\"><data key=\"fetched\">true</data>"
            if let status = node.status { line += "<data key=\"status\">\(status)</data>" }
            line += "<data key=\"depth\">\(node.depth)</data>"
            if let title = node.title { line += "<data key=\"title\">\(XMLText.escape(title))</data>" }
            try out.write(line + "</node>\n")
        }
        try edges.forEach { row in
            try CSV.splitRow(row) { source, target in
                try out.write("    <edge source=\"")
                try out.write(source, escapedBy: XMLText.self)
                try out.write("\" target=\"")
                try out.write(target, escapedBy: XMLText.self)
                try out.write("\"/>\n")
            }
        }
        try out.write("  </graph>\n</graphml>\n")
        try out.commit()
    }

    func writeDOT(to path: String) throws {
        let out = try ChunkedWriter(path: path)
        try out.write("digraph trawl {\n  node [shape=box, fontsize=10];\n")
        for (url, info) in nodes {
            var attributes: [String] = []
            if let node = info {
                if let status = node.status { attributes.append("status=\(status)") }
                attributes.append("depth=\(node.depth)")
                if let status = node.status, status >= 400 { attributes.append("color=red") }
            } else {
                attributes.append("style=dashed")
            }
            try out.write("  \(DOTID.quoted(url)) [\(attributes.joined(separator: ", "))];\n")
        }
        try edges.forEach { row in
            try CSV.splitRow(row) { source, target in
                try out.write("  \"")
                try out.write(source, escapedBy: DOTID.self)
                try out.write("\" -> \"")
                try out.write(target, escapedBy: DOTID.self)
                try out.write("\";\n")
            }
        }
        try out.write("}\n")
        try out.commit()
    }
}

/// An escaping that leaves most text alone: `needsEscaping` finds the bytes
/// it would change, so clean text is copied as bytes.
protocol TextEscaping {
    static func needsEscaping(_ byte: UInt8) -> Bool
    static func escape(_ value: String) -> String
}

extension ChunkedWriter {
    /// Writes UTF-8 `bytes` through `Escaping`, copying them unchanged when
    /// no byte needs it (the usual case for URLs).
    func write<Escaping: TextEscaping>(_ bytes: UnsafeRawBufferPointer, escapedBy _: Escaping.Type) throws {
        if bytes.contains(where: Escaping.needsEscaping) {
            try write(Escaping.escape(String(decoding: bytes, as: UTF8.self)))
        } else {
            try write(bytes)
        }
    }
}

/// DOT double-quoted IDs: backslash and quote escaped, line breaks dropped.
enum DOTID: TextEscaping {
    static func needsEscaping(_ byte: UInt8) -> Bool {
        byte == 0x22 || byte == 0x5C || byte == 0x0A || byte == 0x0D
    }

    static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: needsEscaping) else { return value }
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n", "\r": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func quoted(_ value: String) -> String { "\"" + escape(value) + "\"" }
}
