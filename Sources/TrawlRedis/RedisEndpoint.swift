/// Where a crawl's shared state lives: one Redis server, reached over TCP
/// or a unix-domain socket, and the crawl's name on it.
///
/// Users type it as `--frontier redis://HOST[:PORT]/NAME` (port 6379 when
/// omitted; an IPv6 address in brackets) or
/// `--frontier unix:///ABS/PATH/redis.sock?crawl=NAME`, read by
/// `init(parsing:option:)`. `description` prints it back in that form,
/// with the port always written out.
public struct RedisEndpoint: Hashable, Sendable, CustomStringConvertible {
    public enum Transport: Hashable, Sendable {
        case tcp(host: String, port: Int)
        case unixSocket(path: String)
    }

    public static let defaultPort = 6379
    /// Crawl names are 1…64 of these: they become part of Redis key names
    /// and of file names, so nothing that needs quoting.
    public static let crawlNameCharacters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-".utf8)
    public static let longestCrawlName = 64
    /// sockaddr_un.sun_path holds 108 bytes including the final NUL.
    public static let longestSocketPath = 107

    public let transport: Transport
    /// The crawl's name: several crawls may share one server.
    public let crawl: String

    /// Both parts already checked, by the parser or by `RedisServerProcess`.
    init(transport: Transport, crawl: String) {
        self.transport = transport
        self.crawl = crawl
    }

    /// The server alone, as error messages name it: "127.0.0.1:6379",
    /// "[::1]:6379" or the socket's path.
    public var server: String {
        switch transport {
        case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unixSocket(let path): path
        }
    }

    public var description: String {
        switch transport {
        case .tcp: "redis://\(server)/\(crawl)"
        case .unixSocket(let path): "unix://\(path)?crawl=\(crawl)"
        }
    }
}
