import Foundation
import TrawlURL

/// A parsed seeds file: one URL per line, blank lines and `#` comments
/// ignored. Bad lines are collected with their line numbers rather than
/// aborting, so one typo does not cost a whole crawl (`--strict` makes them
/// fatal at the caller).
public struct SeedList: Sendable {
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var text: String
        public var reason: String
        public var description: String { "line \(line): \(reason): \(text)" }
    }

    /// Normalized seed URLs in file order, duplicates removed.
    public var urls: [WebURL]
    public var problems: [Problem]
    public var path: String

    /// Reads and parses `path`. Throws when the file cannot be read or is not
    /// text; a file whose every line is bad parses with `urls` empty (the
    /// caller decides; `requireSeeds()` gives the standard error).
    public init(contentsOf path: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw TrawlError(.seedsUnreadable, "cannot read seeds file '\(path)'", underlying: ReadFailure(error))
        }
        if data.contains(0) {
            throw TrawlError(.seedsUnreadable, "seeds file '\(path)' is binary (contains NUL bytes), expected one URL per line")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw TrawlError(.seedsUnreadable, "seeds file '\(path)' is not UTF-8 text")
        }
        self.init(text: text, path: path)
    }

    public init(text: String, path: String = "<seeds>") {
        self.path = path
        var urls: [WebURL] = []
        var seen = Set<String>()
        var problems: [Problem] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            switch Self.parseSeed(line) {
            case .success(let url):
                if seen.insert(url.href).inserted { urls.append(url) }
            case .failure(let reason):
                problems.append(Problem(line: lineNumber, text: String(line.prefix(200)), reason: reason.message))
            }
        }
        self.urls = urls
        self.problems = problems
    }

    /// Throws the standard "no valid seed" error when nothing usable was found.
    public func requireSeeds() throws {
        if urls.isEmpty {
            let detail = problems.isEmpty ? "it has no URL lines" : "all \(problems.count) URL lines are bad"
            throw TrawlError(.noValidSeed, "no valid seed in '\(path)': \(detail)")
        }
    }

    struct Reason: Error { var message: String }

    /// One seed line → normalized http(s) URL. A bare host (`example.com/x`)
    /// gets `http://`, as wget and curl do; any other scheme is refused.
    static func parseSeed(_ line: String) -> Result<WebURL, Reason> {
        var candidate = line
        if let comment = candidate.range(of: " #") { candidate = String(candidate[..<comment.lowerBound]) }
        candidate = candidate.trimmingCharacters(in: .whitespaces)
        if !candidate.contains("://") && !candidate.lowercased().hasPrefix("http:") && !candidate.lowercased().hasPrefix("https:") {
            if candidate.contains(":"), let scheme = candidate.split(separator: ":").first,
               !scheme.contains("."), Int(candidate.split(separator: ":")[1].prefix(while: \.isNumber)) == nil {
                return .failure(Reason(message: "unsupported scheme '\(scheme)' (only http and https are crawled)"))
            }
            candidate = "http://" + candidate
        }
        guard let url = WebURL(candidate) else {
            return .failure(Reason(message: "not a valid URL"))
        }
        guard url.isHTTP else {
            return .failure(Reason(message: "unsupported scheme '\(url.scheme)' (only http and https are crawled)"))
        }
        guard let host = url.host, !host.isEmpty else {
            return .failure(Reason(message: "URL has no host"))
        }
        return .success(url.normalizedForCrawl())
    }
}

/// Carries a Foundation error across the Sendable boundary as its text.
struct ReadFailure: Error, Sendable, CustomStringConvertible {
    var description: String
    init(_ error: any Error) {
        description = (error as NSError).localizedDescription
    }
}
