/// Writes the link graph as GraphML (Gephi, networkx, igraph) and DOT
/// (Graphviz). Node ids are the normalized URLs themselves, so every tool
/// shows the URL and a graph joins back to pages.jsonl and edges.csv without
/// a lookup table. Nodes come in URL byte order and carry what their fetch
/// said; link edges (`kind` link, with `count` and `nofollow`) come in
/// edges.csv's order, then redirect edges (`kind` redirect, with `status`).
///
/// Edges are written straight from edges.csv's sorted rows: a large crawl
/// has millions of them, and a String pair per edge would double the
/// crawl's peak memory.
struct GraphWriter {
    let nodes: SortedNodes
    /// edges.csv rows ("source,target", CSV-quoted where needed).
    let edges: SortedLines
    /// The rows of `EdgeAttributeLog`, sorted; nil when every link is single.
    let attributes: SortedLines?
    /// Redirect hops, in the order to write them.
    let redirects: SortedRedirects

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
              <key id="host" for="node" attr.name="host" attr.type="string"/>
              <key id="content_type" for="node" attr.name="content_type" attr.type="string"/>
              <key id="bytes" for="node" attr.name="bytes" attr.type="long"/>
              <key id="error" for="node" attr.name="error" attr.type="string"/>
              <key id="fetched_at" for="node" attr.name="fetched_at" attr.type="string"/>
              <key id="kind" for="edge" attr.name="kind" attr.type="string"><default>link</default></key>
              <key id="nofollow" for="edge" attr.name="nofollow" attr.type="boolean"><default>false</default></key>
              <key id="count" for="edge" attr.name="count" attr.type="int"><default>1</default></key>
              <key id="redirect_status" for="edge" attr.name="status" attr.type="int"/>
              <graph id="trawl" edgedefault="directed">

            """)
        try nodes.forEach { url, info in
            var line = "    <node id=\"\(XMLText.escape(url))\"><data key=\"host\">\(XMLText.escape(String(GraphNodes.host(of: url))))</data>"
            if let info {
                line += "<data key=\"fetched\">true</data>"
                if let status = info.status { line += "<data key=\"status\">\(status)</data>" }
                line += "<data key=\"depth\">\(info.depth)</data>"
                if let title = info.title { line += "<data key=\"title\">\(XMLText.escape(title))</data>" }
                if let type = info.contentType { line += "<data key=\"content_type\">\(XMLText.escape(type))</data>" }
                line += "<data key=\"bytes\">\(info.bytes)</data>"
                if let error = info.error { line += "<data key=\"error\">\(XMLText.escape(error))</data>" }
                if let at = info.fetchedAt { line += "<data key=\"fetched_at\">\(Timestamp.rfc3339Milliseconds(at))</data>" }
            }
            try out.write(line + "</node>\n")
        }
        let cursor = try EdgeAttributeLog.Cursor(attributes)
        try edges.forEach { row in
            let these = try cursor.attributes(of: row)
            try CSV.splitRow(row) { source, target in
                try out.write("    <edge source=\"")
                try out.write(source, escapedBy: XMLText.self)
                try out.write("\" target=\"")
                try out.write(target, escapedBy: XMLText.self)
                try out.write("\"><data key=\"kind\">link</data><data key=\"nofollow\">\(these.nofollow)</data>"
                              + "<data key=\"count\">\(these.count)</data></edge>\n")
            }
        }
        try redirects.forEach { source, target, status in
            try out.write("    <edge source=\"\(XMLText.escape(source))\" "
                          + "target=\"\(XMLText.escape(target))\"><data key=\"kind\">redirect</data>"
                          + "<data key=\"redirect_status\">\(status)</data></edge>\n")
        }
        try out.write("  </graph>\n</graphml>\n")
        try out.commit()
    }

    func writeDOT(to path: String) throws {
        let out = try ChunkedWriter(path: path)
        try out.write("digraph trawl {\n  node [shape=box, fontsize=10];\n")
        try nodes.forEach { url, info in
            var attributes: [String] = []
            if let info {
                if let status = info.status { attributes.append("status=\(status)") }
                attributes.append("depth=\(info.depth)")
                if let status = info.status, status >= 400 { attributes.append("color=red") }
                if info.error != nil && info.status == nil { attributes.append("color=red") }
            } else {
                attributes.append("style=dashed")
            }
            try out.write("  \(DOTID.quoted(url)) [\(attributes.joined(separator: ", "))];\n")
        }
        let cursor = try EdgeAttributeLog.Cursor(attributes)
        try edges.forEach { row in
            let these = try cursor.attributes(of: row)
            try CSV.splitRow(row) { source, target in
                try out.write("  \"")
                try out.write(source, escapedBy: DOTID.self)
                try out.write("\" -> \"")
                try out.write(target, escapedBy: DOTID.self)
                try out.write(these.nofollow ? "\" [kind=link, count=\(these.count), nofollow=true, style=dotted];\n"
                                             : "\" [kind=link, count=\(these.count)];\n")
            }
        }
        try redirects.forEach { source, target, status in
            try out.write("  \(DOTID.quoted(source)) -> \(DOTID.quoted(target)) [kind=redirect, status=\(status), color=blue];\n")
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
