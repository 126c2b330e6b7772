#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SyntheticWeb {
    /// Writes `source,target` and then `truthEdges()`, each line ending in
    /// "\n": byte-identical to a crawl's `edges.csv` when the crawl is right.
    /// Streams, so a million-page web's truth never sits in memory whole.
    public func writeTruth(to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Self.truthError(path, "cannot open") }
        defer { close(fd) }
        var buffer = [UInt8]()
        buffer.reserveCapacity(1 << 20)
        buffer.append(contentsOf: "source,target\n".utf8)
        try forEachTruthLine { line in
            buffer.append(contentsOf: line.utf8)
            buffer.append(UInt8(ascii: "\n"))
            if buffer.count >= 1 << 20 {
                try Self.write(buffer, to: fd, path: path)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try Self.write(buffer, to: fd, path: path)
    }

    private static func write(_ bytes: [UInt8], to fd: Int32, path: String) throws {
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
