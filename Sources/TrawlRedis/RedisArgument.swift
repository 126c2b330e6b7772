/// A value that can be one argument of a Redis command. Redis arguments
/// are byte strings: text goes as UTF-8, integers as decimal text, and
/// `[UInt8]` exactly as it is, NUL bytes included.
///
///     try connection.command(["SET", key, [0, 1, 0]])
///     try connection.command(["SADD", "{0}:s:17", 8_213_341_219])
public protocol RedisArgument: Sendable {
    /// Appends this argument's bytes, exactly as Redis should receive them.
    func appendRedisBytes(to bytes: inout [UInt8])
}

extension String: RedisArgument {
    public func appendRedisBytes(to bytes: inout [UInt8]) { bytes.append(contentsOf: utf8) }
}

extension Substring: RedisArgument {
    public func appendRedisBytes(to bytes: inout [UInt8]) { bytes.append(contentsOf: utf8) }
}

extension Array: RedisArgument where Element == UInt8 {
    public func appendRedisBytes(to bytes: inout [UInt8]) { bytes.append(contentsOf: self) }
}

extension ArraySlice: RedisArgument where Element == UInt8 {
    public func appendRedisBytes(to bytes: inout [UInt8]) { bytes.append(contentsOf: self) }
}

extension Int: RedisArgument {
    public func appendRedisBytes(to bytes: inout [UInt8]) { bytes.append(contentsOf: String(self).utf8) }
}

extension Int64: RedisArgument {
    public func appendRedisBytes(to bytes: inout [UInt8]) { bytes.append(contentsOf: String(self).utf8) }
}

extension UInt64: RedisArgument {
    public func appendRedisBytes(to bytes: inout [UInt8]) { bytes.append(contentsOf: String(self).utf8) }
}
