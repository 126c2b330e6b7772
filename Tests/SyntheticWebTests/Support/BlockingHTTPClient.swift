#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A response as read off the wire.
struct WireResponse {
    var status: Int
    /// Lower-cased names; a repeated header keeps its last value.
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
}

struct ClientError: Error, CustomStringConvertible {
    var description: String
}

/// A blocking HTTP/1.1 client over one POSIX TCP socket: the tests' view of
/// the server, sharing no code (and no NIO) with it. Owns its descriptor, so
/// it is made and closed by `withConnection(s)`; not Sendable.
final class BlockingHTTPConnection {
    let fd: Int32
    /// Bytes received and not yet consumed.
    var buffer = [UInt8]()

    static func withConnection<R>(port: Int, _ body: (BlockingHTTPConnection) throws -> R) throws -> R {
        let connection = try BlockingHTTPConnection(port: port)
        defer { connection.close() }
        return try body(connection)
    }

    /// Opens `count` connections at once (all held open together).
    static func withConnections<R>(count: Int, port: Int, _ body: ([BlockingHTTPConnection]) throws -> R) throws -> R {
        var connections = [BlockingHTTPConnection]()
        defer { connections.forEach { $0.close() } }
        for _ in 0..<count { connections.append(try BlockingHTTPConnection(port: port)) }
        return try body(connections)
    }

    private init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ClientError(description: "socket: errno \(errno)") }
        // Never hang a test: a read that waits 30 s fails instead.
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            Glibc.close(fd)
            throw ClientError(description: "connect to 127.0.0.1:\(port): errno \(code)")
        }
    }

    private func close() {
        Glibc.close(fd)
    }

    func send(_ request: String) throws {
        let bytes = Array(request.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw ClientError(description: "send: errno \(errno)") }
            sent += n
        }
    }

    func sendGet(_ path: String, host: String, keepAlive: Bool = true, method: String = "GET") throws {
        try send("\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\n\(keepAlive ? "" : "Connection: close\r\n")\r\n")
    }

    func get(_ path: String, host: String, keepAlive: Bool = true) throws -> WireResponse {
        try sendGet(path, host: host, keepAlive: keepAlive)
        return try readResponse()
    }

    /// Reads one response framed by Content-Length (the server never chunks).
    func readResponse(hasBody: Bool = true) throws -> WireResponse {
        var response = try readHead()
        let length = hasBody ? Int(response.headers["content-length"] ?? "0") ?? 0 : 0
        while buffer.count < length { try fill() }
        response.body = Array(buffer.prefix(length))
        buffer.removeFirst(length)
        return response
    }

    /// Reads a response's status line and headers, leaving the body unread.
    func readHead() throws -> WireResponse {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headerEnd: Int?
        while headerEnd == nil {
            headerEnd = buffer.firstRange(of: separator)?.lowerBound
            if headerEnd == nil { try fill() }
        }
        let head = String(decoding: buffer[..<headerEnd!], as: UTF8.self)
        buffer.removeFirst(headerEnd! + 4)
        var lines = head.split(separator: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw ClientError(description: "bad status line in \(head)")
        }
        var headers = [String: String]()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = String(line[line.index(after: colon)...].drop { $0 == " " })
        }
        return WireResponse(status: status, headers: headers, body: [])
    }

    /// True when the server has closed its side (read returns 0).
    func isClosedByPeer() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 1)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 1, 0) }
        guard n >= 0 else { throw ClientError(description: "recv: errno \(errno)") }
        return n == 0
    }

    func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else {
            throw ClientError(description: n == 0 ? "connection closed by server" : "recv: errno \(errno)")
        }
        buffer.append(contentsOf: chunk[..<n])
    }
}
