#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A directory of static files (a saved or packaged website), read whole
/// into memory once, so serving never touches the file system: no request
/// can reach a file that was not inside the directory when it was read,
/// whatever it names (`..`, encoded or not) and whatever is planted later.
///
/// Symbolic links are followed only to regular files inside the directory;
/// one that points out of it, or to a directory, or nowhere, is left out
/// (its URL is a 404). Names that are not UTF-8 are left out too: no URL
/// names them reliably.
public struct DocrootTree: Sendable {
    /// What one directory may cost to load: it is read whole into memory.
    public struct Limits: Sendable {
        public var maxFiles = 200_000
        public var maxTotalBytes = 1 << 30
        public var maxFileBytes = 256 << 20
        public init() {}
    }

    /// The directory as given, and as resolved (symlinks and `..` gone).
    public let path: String
    let root: String
    /// File contents by relative path: "index.html", "faq/help.html".
    let files: [String: [UInt8]]
    /// Relative paths of the directories: "" (the root), "faq".
    let directories: Set<String>

    public var fileCount: Int { files.count }
    public var htmlFileCount: Int { files.keys.count { ContentType.isHTML(path: $0) } }

    public init(path: String, limits: Limits = Limits()) throws(SyntheticWebError) {
        guard let resolved = realpath(path, nil) else {
            throw SyntheticWebError(.badDocroot, "--docroot '\(path)': \(String(cString: strerror(errno)))")
        }
        let root = String(cString: resolved)
        free(resolved)
        var info = stat()
        guard stat(root, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw SyntheticWebError(.badDocroot, "--docroot '\(path)' is not a directory")
        }
        var files: [String: [UInt8]] = [:]
        var directories: Set<String> = [""]
        var totalBytes = 0
        var pending = [""]
        while let relative = pending.popLast() {
            let directory = relative.isEmpty ? root : root + "/" + relative
            for name in try Self.entries(of: directory, docroot: path) {
                let entryRelative = relative.isEmpty ? name : relative + "/" + name
                let full = root + "/" + entryRelative
                guard lstat(full, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    directories.insert(entryRelative)
                    pending.append(entryRelative)
                    continue
                case S_IFREG:
                    break
                case S_IFLNK:
                    // Only to a regular file inside the root.
                    guard let target = realpath(full, nil) else { continue }
                    let targetPath = String(cString: target)
                    free(target)
                    guard targetPath.hasPrefix(root + "/"), stat(targetPath, &info) == 0,
                          info.st_mode & S_IFMT == S_IFREG else { continue }
                default:
                    continue  // sockets, fifos, devices
                }
                guard files.count < limits.maxFiles else {
                    throw SyntheticWebError(.badDocroot, "--docroot '\(path)' holds more than \(limits.maxFiles) files")
                }
                guard Int(info.st_size) <= limits.maxFileBytes else {
                    throw SyntheticWebError(.badDocroot, "--docroot '\(path)': '\(entryRelative)' is larger than \(limits.maxFileBytes >> 20) MiB")
                }
                let bytes = try Self.read(full, expected: Int(info.st_size), limit: limits.maxFileBytes, docroot: path)
                totalBytes += bytes.count
                guard totalBytes <= limits.maxTotalBytes else {
                    throw SyntheticWebError(.badDocroot, "--docroot '\(path)' holds more than \(limits.maxTotalBytes >> 20) MiB of files")
                }
                files[entryRelative] = bytes
            }
        }
        self.path = path
        self.root = root
        self.files = files
        self.directories = directories
    }

    /// The UTF-8 names in `directory`, "." and ".." excluded.
    private static func entries(of directory: String, docroot: String) throws(SyntheticWebError) -> [String] {
        guard let stream = opendir(directory) else {
            throw SyntheticWebError(.badDocroot, "--docroot '\(docroot)': cannot list '\(directory)': \(String(cString: strerror(errno)))")
        }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(validatingCString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            guard let name, name != ".", name != ".." else { continue }
            names.append(name)
        }
        return names
    }

    private static func read(_ path: String, expected: Int, limit: Int, docroot: String) throws(SyntheticWebError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw SyntheticWebError(.badDocroot, "--docroot '\(docroot)': cannot read '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var bytes = [UInt8]()
        bytes.reserveCapacity(expected)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else {
                throw SyntheticWebError(.badDocroot, "--docroot '\(docroot)': cannot read '\(path)': \(String(cString: strerror(errno)))")
            }
            if count == 0 { return bytes }
            // A file that grew while it was read is held to the same cap.
            guard bytes.count + count <= limit else {
                throw SyntheticWebError(.badDocroot, "--docroot '\(docroot)': '\(path)' is larger than \(limit >> 20) MiB")
            }
            bytes.append(contentsOf: chunk[..<count])
        }
    }
}
