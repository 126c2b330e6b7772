#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written with write(2), no user-space buffer, so every line the
/// crawl reports is on disk (in the page cache) the moment the call returns:
/// a crawl stopped by Ctrl-C or a crash leaves whole lines only. Owned by the
/// engine's one driver task; not Sendable on purpose.
final class OutputFile {
    let path: String
    private var fd: Int32
    /// Bytes of whole writes so far: where a failed write is cut back to.
    private var size: off_t = 0

    /// Creates or truncates `path`.
    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 {
            throw TrawlError(.outputUnwritable, "cannot create '\(path)': \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        if fd >= 0 { Glibc.close(fd) }
    }

    func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Writes all of `bytes`, retrying short writes and EINTR; or, when the
    /// system refuses (disk full, EFBIG, EIO), none of them: the part that
    /// did reach the file is cut off again, so the file keeps whole writes
    /// (whole lines) only.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(fd, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                // Fails harmlessly where there is nothing to cut (/dev/full).
                if offset > 0, ftruncate(fd, size) == 0 { lseek(fd, size, SEEK_SET) }
                throw TrawlError(.writeFailed, "cannot write '\(path)': \(reason)")
            }
            offset += written
        }
        size += off_t(bytes.count)
    }

    /// The whole content of `path`.
    static func readAll(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw TrawlError(.writeFailed, "cannot read back '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { Glibc.close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw TrawlError(.writeFailed, "cannot read back '\(path)': \(String(cString: strerror(errno)))")
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    func close() throws {
        guard fd >= 0 else { return }
        let result = Glibc.close(fd)
        fd = -1
        if result != 0 {
            throw TrawlError(.writeFailed, "cannot finish '\(path)': \(String(cString: strerror(errno)))")
        }
    }

}
