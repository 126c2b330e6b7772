import Foundation

/// A small tmpfs mounted for one test: a disk that really fills, or that
/// can be remounted read-only. Needs root (or CAP_SYS_ADMIN); tests that
/// use it are skipped where mounting fails. (TrawlCLITests has its own
/// copy: test targets cannot share sources.)
enum Tmpfs {
    static let isAvailable: Bool = {
        (try? withMounted(size: "16k") { _ in true }) ?? false
    }()

    /// Mounts a tmpfs of `size` (mount's syntax: "256k") on a new folder,
    /// runs `body` with its path, and unmounts it however `body` ends.
    static func withMounted<R>(size: String, _ body: (String) throws -> R) throws -> R {
        try withTemporaryFolder { path in
            guard run("/usr/bin/mount", "-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path) else {
                throw MountError(path: path)
            }
            defer { run("/usr/bin/umount", path) }
            return try body(path)
        }
    }

    /// Remounts the tmpfs at `path` read-only: writes fail with EROFS, root's too.
    static func remountReadOnly(_ path: String) -> Bool {
        run("/usr/bin/mount", "-o", "remount,ro", path)
    }

    struct MountError: Error { var path: String }

    @discardableResult
    static func run(_ arguments: String...) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
