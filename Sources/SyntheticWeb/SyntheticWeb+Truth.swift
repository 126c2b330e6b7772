#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SyntheticWeb {
    /// Writes `source,target` and then `truthEdges()`, each line ending in
    /// "\n": byte-identical to a crawl's `edges.csv` when the crawl is right.
    public func writeTruth(to path: String) throws {
        var text = "source,target\n"
        for line in truthEdges() {
            text += line
            text += "\n"
        }
        try Self.write(Array(text.utf8), to: path)
    }

    /// Plain POSIX, so the module needs no Foundation for one file write.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw truthError(path, "cannot open") }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { posixWrite(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw truthError(path, "cannot write")
            }
            written += n
        }
    }

    private static func posixWrite(_ fd: Int32, _ pointer: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, pointer, count)
        #else
        Darwin.write(fd, pointer, count)
        #endif
    }

    private static func truthError(_ path: String, _ what: String) -> SyntheticWebError {
        let reason = String(cString: strerror(errno))
        return SyntheticWebError(.cannotWriteTruth, "\(what) truth file \"\(path)\": \(reason)")
    }
}
