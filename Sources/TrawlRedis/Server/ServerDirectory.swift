#if canImport(Glibc)
import Glibc

/// The folder of a private redis-server: `/tmp/trawl-redis-XXXXXX` from
/// mkdtemp (mode 700). Always /tmp, not $TMPDIR: the socket inside must fit
/// sockaddr_un's 107 bytes, and a deep $TMPDIR could break that.
enum ServerDirectory {
    static func make() throws(RedisError) -> String {
        var template = Array("/tmp/trawl-redis-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            let reason = String(cString: strerror(errno))
            throw RedisError(code: .serverProcess, endpoint: "/tmp",
                             message: "could not make a folder in /tmp for redis-server: \(reason)", detail: reason)
        }
        return String(cString: made)
    }
}
#endif
