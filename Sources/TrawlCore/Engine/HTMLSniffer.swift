/// Content sniffing for responses without a Content-Type, after the HTML
/// standard's MIME sniffing table: skip whitespace, then look for one of the
/// tags that mark an HTML document.
enum HTMLSniffer {
    private static let markers: [[UInt8]] = [
        "<!doctype html", "<html", "<head", "<body", "<script", "<iframe", "<h1", "<div",
        "<font", "<table", "<a", "<style", "<title", "<b", "<br", "<p", "<!--",
    ].map { Array($0.utf8) }

    static func looksLikeHTML(_ body: [UInt8]) -> Bool {
        var start = 0
        while start < body.count, [0x09, 0x0A, 0x0C, 0x0D, 0x20].contains(body[start]) { start += 1 }
        for marker in markers where body.count - start > marker.count {
            var matches = true
            for (offset, expected) in marker.enumerated() {
                var byte = body[start + offset]
                if byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
                if byte != expected { matches = false; break }
            }
            // The tag must end: followed by space or '>' (or anything after "<!--").
            let next = body[start + marker.count]
            if matches && (marker.last == 0x2D || next == 0x20 || next == 0x3E) { return true }
        }
        return false
    }
}
