import Foundation

/// A fresh folder for one test, removed however the test ends (after its
/// permissions are restored, for tests that make it read-only).
func withTemporaryFolder<R>(_ body: (String) throws -> R) throws -> R {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("trawl-store-\(getpid())-\(UUID().uuidString.prefix(8))").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    defer {
        chmod(path, 0o755)
        try? FileManager.default.removeItem(atPath: path)
    }
    return try body(path)
}

/// Tests run as root here and in CI, where permission bits do not stop a
/// write: assertions that depend on them are skipped for root.
let isRoot = geteuid() == 0
