/// What the server answers for one (host, path). The server adds only
/// `content-length` (see `declaredLength`) and, when the connection closes,
/// `connection: close`.
public struct SyntheticResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// How long the server waits before writing the response.
    public var latency: Duration
    /// How the body goes on the wire: `.complete` but for hostile traps.
    public var delivery: Delivery

    public init(
        status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = [], latency: Duration = .zero,
        delivery: Delivery = .complete
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.latency = latency
        self.delivery = delivery
    }

    /// The first header of that name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    static func notFound(latency: Duration = .zero) -> SyntheticResponse {
        plain(404, "not found\n", latency: latency)
    }

    /// Error bodies are text/plain on purpose: a crawler that parses only
    /// HTML then finds no links on them, matching the truth (200 pages only).
    static func plain(_ status: Int, _ text: String, latency: Duration) -> SyntheticResponse {
        SyntheticResponse(
            status: status, headers: [("content-type", "text/plain; charset=utf-8")], body: Array(text.utf8),
            latency: latency)
    }

    static func redirect(_ status: Int, to location: String, latency: Duration) -> SyntheticResponse {
        SyntheticResponse(
            status: status, headers: [("location", location), ("content-type", "text/plain; charset=utf-8")],
            latency: latency)
    }

    static func html(_ body: [UInt8], latency: Duration) -> SyntheticResponse {
        SyntheticResponse(status: 200, headers: [("content-type", "text/html; charset=utf-8")], body: body, latency: latency)
    }
}
