/// The Content-Type a static server sends for a file, by its extension,
/// as Apache's and nginx's default mime.types do; unknown extensions are
/// application/octet-stream.
enum ContentType {
    static func of(path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        return byExtension[name[name.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }

    static func isHTML(path: String) -> Bool {
        of(path: path).hasPrefix("text/html")
    }

    private static let byExtension: [String: String] = [
        "html": "text/html", "htm": "text/html", "xhtml": "application/xhtml+xml",
        "css": "text/css", "js": "text/javascript", "mjs": "text/javascript", "json": "application/json",
        "txt": "text/plain", "md": "text/markdown", "rst": "text/plain", "xml": "application/xml",
        "csv": "text/csv", "inv": "application/octet-stream",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "svg": "image/svg+xml", "ico": "image/vnd.microsoft.icon", "webp": "image/webp", "avif": "image/avif",
        "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
        "eot": "application/vnd.ms-fontobject",
        "pdf": "application/pdf", "zip": "application/zip", "gz": "application/gzip",
        "tar": "application/x-tar", "wasm": "application/wasm", "map": "application/json",
    ]
}
