#if canImport(Glibc)
import Glibc

/// A TCP port on 127.0.0.1 that nothing listened on a moment ago: the
/// kernel picks one for a socket bound to port 0, which is then closed.
/// Another process may take it before redis-server binds it, so callers
/// retry with a new one when redis-server reports "Address already in use".
enum FreePort {
    static func pick() throws(RedisError) -> Int {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socketDescriptor >= 0 else { throw failure("socket") }
        defer { close(socketDescriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(socketDescriptor, generic, length) == 0 && getsockname(socketDescriptor, generic, &length) == 0
            }
        }
        guard bound else { throw failure("bind") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func failure(_ call: String) -> RedisError {
        let reason = String(cString: strerror(errno))
        return RedisError(code: .serverProcess, endpoint: "127.0.0.1",
                          message: "no free TCP port on 127.0.0.1 for redis-server: \(call): \(reason)", detail: reason)
    }
}
#endif
