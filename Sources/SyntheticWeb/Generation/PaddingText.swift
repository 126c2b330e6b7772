/// Filler prose for page bodies, built once from a fixed seed.
///
/// Pages pick paragraphs by index, so rendering copies bytes and never
/// generates text per request. The words contain no `<`, `&` or quotes: the
/// padding can never be mistaken for markup or a link.
enum PaddingText {
    static let paragraphs: [[UInt8]] = {
        let words = [
            "crawler", "frontier", "latency", "socket", "graph", "vertex", "edge", "anchor", "host", "queue", "depth",
            "politeness", "robots", "fetch", "parse", "extract", "normalize", "resolve", "redirect", "status",
            "window", "buffer", "kernel", "thread", "event", "loop", "channel", "timer", "budget", "sample",
            "the", "a", "of", "to", "and", "in", "is", "for", "with", "on",
        ]
        var rng = SplitMix64(seed: 0x7472_6177_6C5F_7061)  // "trawl_pa"
        return (0..<64).map { _ in
            var text = ""
            let sentences = 3 + rng.below(5)
            for s in 0..<sentences {
                let count = 6 + rng.below(10)
                for w in 0..<count {
                    var word = words[rng.below(words.count)]
                    if w == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
                    text += w == 0 ? (s == 0 ? word : " " + word) : " " + word
                }
                text += "."
            }
            return Array(text.utf8)
        }
    }()

    /// Appends up to `limit` bytes of paragraph `index` (mod the corpus).
    static func append(paragraph index: Int, limit: Int, to body: inout [UInt8]) {
        let text = paragraphs[index % paragraphs.count]
        body.append(contentsOf: text.prefix(max(0, limit)))
    }
}
