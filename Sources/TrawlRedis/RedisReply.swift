/// One reply from Redis (RESP2, the only protocol hiredis 0.14 speaks),
/// as plain Swift values. Errors inside a pipeline or an array stay here as
/// `.error` values; `RedisConnection.command` throws a top-level one.
public enum RedisReply: Hashable, Sendable {
    /// A simple string: "OK", "PONG", "QUEUED".
    case status(String)
    /// Redis's error text, starting with its code: "ERR …", "NOSCRIPT …".
    case error(String)
    case integer(Int64)
    /// A bulk string, byte for byte (NUL bytes included); nil for Redis's
    /// nil replies: a GET of a missing key, and also the nil array (a BLPOP
    /// that timed out), which hiredis 0.14 reads as the same nil.
    case bulk([UInt8]?)
    case array([RedisReply])
}

extension RedisReply {
    /// A bulk string decoded as UTF-8 (invalid bytes replaced), or a status.
    public var string: String? {
        switch self {
        case .bulk(let bytes?): String(decoding: bytes, as: UTF8.self)
        case .status(let text): text
        default: nil
        }
    }

    /// A bulk string's bytes.
    public var bytes: [UInt8]? {
        if case .bulk(let bytes?) = self { bytes } else { nil }
    }

    /// An integer reply, or a bulk string that holds a decimal integer
    /// (Lua scripts and INFO give numbers as text).
    public var integerValue: Int64? {
        switch self {
        case .integer(let value): value
        case .bulk(let bytes?): Int64(String(decoding: bytes, as: UTF8.self))
        default: nil
        }
    }

    /// An array's elements.
    public var elements: [RedisReply]? {
        if case .array(let elements) = self { elements } else { nil }
    }

    /// Redis's nil (a missing key, a nil array).
    public var isNil: Bool {
        self == .bulk(nil)
    }

    /// An error reply's text.
    public var errorText: String? {
        if case .error(let text) = self { text } else { nil }
    }
}

extension RedisReply: CustomStringConvertible {
    /// Roughly as redis-cli prints it, on one line: `"text"`, `(integer)
    /// 3`, `(nil)`, `(error) ERR …`, `[1, "a"]`.
    public var description: String {
        switch self {
        case .status(let text): text
        case .error(let text): "(error) \(text)"
        case .integer(let value): "(integer) \(value)"
        case .bulk(let bytes?): "\"\(String(decoding: bytes, as: UTF8.self))\""
        case .bulk(nil): "(nil)"
        case .array(let elements): "[\(elements.map(\.description).joined(separator: ", "))]"
        }
    }
}
