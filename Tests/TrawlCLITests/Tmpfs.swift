import Foundation

/// A small tmpfs mounted for one test: a disk that really fills. Needs root
/// (or CAP_SYS_ADMIN); tests that use it are skipped where mounting fails.
enum Tmpfs {
    static let isAvailable: Bool = {
        let path = TrawlProcess.temporaryDirectory("tmpfs-probe")
        guard (try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)) != nil else { return false }
        defer { rmdir(path) }
        guard run("/usr/bin/mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", path) else { return false }
        return run("/usr/bin/umount", path)
    }()

    /// Mounts a tmpfs of `size` (mount's syntax: "256k") on a new folder,
    /// runs `body` with its path, and unmounts it however `body` ends.
    static func withMounted<R>(size: String, _ body: (String) async throws -> R) async throws -> R {
        let path = TrawlProcess.temporaryDirectory("tmpfs")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard run("/usr/bin/mount", "-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path) else {
            rmdir(path)
            throw MountError(path: path)
        }
        func unmount() {
            run("/usr/bin/umount", path)
            rmdir(path)
        }
        do {
            let result = try await body(path)
            unmount()
            return result
        } catch {
            unmount()
            throw error
        }
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
