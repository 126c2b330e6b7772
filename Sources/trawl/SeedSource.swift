import Foundation

/// Where the seeds of `trawl crawl` come from, as `SeedFlags` reads its
/// arguments.
enum SeedSource: Equatable {
    case urls([String])
    case file(String)
    case standardInput

    /// An argument that names a URL rather than a file: http:// or https://
    /// (a seeds file's line may be a bare host; an argument may not, or a
    /// mistyped file name would be crawled as a host).
    static func isURL(_ argument: String) -> Bool {
        let lowered = argument.lowercased()
        return lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
    }

    static func isReadableFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isReadableFile(atPath: path)
    }
}
