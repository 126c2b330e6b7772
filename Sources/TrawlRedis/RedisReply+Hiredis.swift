internal import CHiredis

extension RedisReply {
    /// Copies a hiredis reply tree into Swift values; the caller still
    /// frees `reply` (freeReplyObject frees the whole tree). A type this
    /// code does not know (none exists in RESP2) is tolerated as an error
    /// reply rather than trapped.
    init(copying reply: UnsafePointer<redisReply>) {
        let node = reply.pointee
        switch node.type {
        case REDIS_REPLY_STATUS:
            self = .status(Self.text(node))
        case REDIS_REPLY_ERROR:
            self = .error(Self.text(node))
        case REDIS_REPLY_INTEGER:
            self = .integer(Int64(node.integer))
        case REDIS_REPLY_STRING:
            self = .bulk(Self.bytes(node))
        case REDIS_REPLY_NIL:
            self = .bulk(nil)
        case REDIS_REPLY_ARRAY:
            let elements = (0..<Int(node.elements)).map { index in
                node.element[index].map { RedisReply(copying: $0) } ?? .bulk(nil)
            }
            self = .array(elements)
        default:
            self = .error("unknown hiredis reply type \(node.type)")
        }
    }

    private static func bytes(_ node: redisReply) -> [UInt8] {
        guard let start = node.str, node.len > 0 else { return [] }
        return start.withMemoryRebound(to: UInt8.self, capacity: node.len) {
            Array(UnsafeBufferPointer(start: $0, count: node.len))
        }
    }

    private static func text(_ node: redisReply) -> String {
        String(decoding: bytes(node), as: UTF8.self)
    }
}
