import Foundation
import TrawlURL

/// A parsed seeds file: one URL per line, blank lines and `#` comments
/// ignored. Bad lines are collected with their line numbers rather than
/// aborting, so one typo does not cost a whole crawl (`--strict` makes them
/// fatal at the caller).
public struct SeedList: Sendable {
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The line's number, or the argument's (see `kind`), from 1.
        public var line: Int
        public var text: String
        public var reason: String
        /// "line" in a file, "argument" on the command line.
        public var kind = "line"
        public var description: String { "\(kind) \(line): \(reason): \(text)" }
    }

    /// Normalized seed URLs in file order, duplicates removed.
    public var urls: [WebURL]
    public var problems: [Problem]
    /// Where the seeds came from, as a `trawl crawl` command line gives
    /// them again: a file's path, `-` for standard input, or the seed URLs
    /// of the command's arguments separated by spaces (normalized, so none
    /// holds a space; see `commandLineWords(path:)`).
    public var path: String

    /// Reads and parses `path`. Throws `.seedsUnreadable` when the file
    /// cannot be read (missing, a directory, no permission) and
    /// `.seedsNotText` when it is not UTF-8 text; a file whose every line is
    /// bad parses with `urls` empty (the caller decides; `requireSeeds()`
    /// gives the standard error).
    public init(contentsOf path: String, maxURLLength: Int = LinkFilter().maxURLLength) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw TrawlError(.seedsUnreadable, "cannot read seeds file '\(path)'", underlying: ReadFailure(error))
        }
        try self.init(data: data, path: path, maxURLLength: maxURLLength)
    }

    /// Parses the bytes of a seeds file already read (`trawl crawl -`
    /// passes standard input's, with `path` "-"): the same checks and
    /// limits as a file.
    public init(data: Data, path: String, maxURLLength: Int = LinkFilter().maxURLLength) throws {
        self.init(text: try Self.text(of: data, path: path), path: path, maxURLLength: maxURLLength)
    }

    /// Seeds given as command-line arguments, one URL each, judged as a
    /// seeds file's lines are; a problem names its argument's number.
    public init(arguments: [String], maxURLLength: Int = LinkFilter().maxURLLength) {
        self.init(text: "", path: "", maxURLLength: maxURLLength)
        var seen = Set<String>()
        for (index, argument) in arguments.enumerated() {
            switch Self.judge(argument, number: index + 1, kind: "argument", maxURLLength: maxURLLength) {
            case .seed(let url): if seen.insert(url.href).inserted { urls.append(url) }
            case .problem(let problem): problems.append(problem)
            case .blank: problems.append(Problem(line: index + 1, text: Self.printable(argument), reason: "no URL", kind: "argument"))
            }
        }
        path = urls.map(\.href).joined(separator: " ")
    }

    /// The words of a `trawl crawl` command line that give the seeds `path`
    /// names again: the URLs it lists, or the path itself. (A seeds file
    /// whose own path starts with http:// would read back as a URL.)
    public static func commandLineWords(path: String) -> [String] {
        let words = path.split(separator: " ").map(String.init)
        let isURL = { (word: String) in word.lowercased().hasPrefix("http://") || word.lowercased().hasPrefix("https://") }
        return words.count > 1 && words.allSatisfy(isURL) ? words : [path]
    }

    /// A seed longer than `maxURLLength` (`--max-url-length`) is refused
    /// like a link of that length: reported with its line, never fetched;
    /// so is a seed with a user name or password.
    public init(text: String, path: String = "<seeds>", maxURLLength: Int = LinkFilter().maxURLLength) {
        self.path = path
        var urls: [WebURL] = []
        var seen = Set<String>()
        var problems: [Problem] = []
        // A byte-order mark (Windows editors write one) is not part of the
        // first URL.
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        // By Character: "\r\n" is one, so CRLF files split as lines too.
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            switch Self.judge(line, number: index + 1, kind: "line", maxURLLength: maxURLLength) {
            case .seed(let url): if seen.insert(url.href).inserted { urls.append(url) }
            case .problem(let problem): problems.append(problem)
            case .blank: continue
            }
        }
        self.urls = urls
        self.problems = problems
    }

    private enum Judgement {
        case seed(WebURL)
        case problem(Problem)
        /// A blank line or a comment.
        case blank
    }

    /// One line (or argument) → its seed, or the problem with it.
    private static func judge(_ rawLine: some StringProtocol, number: Int, kind: String, maxURLLength: Int) -> Judgement {
        let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
        if line.isEmpty || line.hasPrefix("#") { return .blank }
        switch SeedLine.parse(line) {
        case .success(let url) where url.href.utf8.count > maxURLLength:
            return .problem(Problem(
                line: number, text: Self.printable(line),
                reason: "longer than --max-url-length (\(url.href.utf8.count) bytes, the limit is \(maxURLLength))", kind: kind))
        case .success(let url) where url.hasCredentials:
            // Not fetched with the name stripped either: the user meant
            // the URL with them, and a guess is worse than a clear no.
            return .problem(Problem(
                line: number, text: Self.printable(url.hrefMaskingPassword),
                reason: "carries a user name or password; trawl never sends credentials from a URL "
                    + "(they would be written into every export): remove them", kind: kind))
        case .success(let url):
            return .seed(url)
        case .failure(let reason):
            // The reason may quote parts of the line: made printable too.
            return .problem(Problem(line: number, text: Self.printable(line),
                                    reason: Self.printable(reason.message, maxBytes: 300), kind: kind))
        }
    }

    /// At most about `maxBytes` of `line`, safe to print on a terminal:
    /// control characters (ESC, BEL, an OSC title sequence, C1 controls)
    /// are escaped as `\u{1B}`, and a longer line is cut with "…" and its
    /// full length.
    static func printable(_ line: String, maxBytes: Int = 200) -> String {
        var text = ""
        var bytes = 0
        for scalar in line.unicodeScalars {
            let piece = switch scalar.value {
            case 0..<0x20, 0x7F, 0x80..<0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
                "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default:
                String(scalar)
            }
            if bytes + piece.utf8.count > maxBytes {
                return text + "… (\(line.utf8.count) bytes)"
            }
            text += piece
            bytes += piece.utf8.count
        }
        return text
    }

    /// Throws the standard "no valid seed" error when nothing usable was found.
    public func requireSeeds() throws {
        if urls.isEmpty {
            let detail = problems.isEmpty ? "it has no URL lines" : "all \(problems.count) URL lines are bad"
            let source = path == "-" ? "standard input" : "'\(path)'"
            throw TrawlError(.noValidSeed, "no valid seed in \(source): \(detail)")
        }
    }

    /// The file's text, or `.seedsNotText` naming the first line that is
    /// not text: a NUL byte (a binary file) or bytes that are not UTF-8.
    static func text(of data: Data, path: String) throws -> String {
        if let text = String(data: data, encoding: .utf8), !data.contains(0) { return text }
        let name = path == "-" ? "the seeds on standard input" : "seeds file '\(path)'"
        for (index, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            if line.contains(0) {
                throw TrawlError(.seedsNotText, "\(name) is binary (a NUL byte on line \(index + 1)), expected one URL per line")
            }
            if String(data: line, encoding: .utf8) == nil {
                throw TrawlError(.seedsNotText, "\(name) is not UTF-8 text (line \(index + 1) is not valid UTF-8)")
            }
        }
        // Every line decodes but the whole does not: cannot happen, as
        // UTF-8 never splits a character at a newline byte.
        throw TrawlError(.seedsNotText, "\(name) is not UTF-8 text")
    }
}
