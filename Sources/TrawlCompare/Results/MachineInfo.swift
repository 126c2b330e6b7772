import Foundation
import TrawlExtract
import TrawlFetch
#if canImport(Glibc)
import Glibc
#endif

/// The machine and libraries a comparison ran on: numbers without these
/// cannot be compared with anyone else's.
public struct MachineInfo: Sendable, Codable, Equatable {
    public var cores: Int
    public var cpuModel: String
    public var memoryBytes: UInt64
    /// "Linux 6.1.0-28-amd64"
    public var kernel: String
    public var libcurl: String
    public var libxml2: String
    public var trawlVersion: String

    public static func current(trawlVersion: String) -> MachineInfo {
        MachineInfo(
            cores: ProcessInfo.processInfo.activeProcessorCount,
            cpuModel: cpuModel() ?? "unknown",
            memoryBytes: ProcessInfo.processInfo.physicalMemory,
            kernel: kernel(),
            libcurl: CurlVersion.description,
            libxml2: LibXML2Version.description,
            trawlVersion: trawlVersion)
    }

    private static func cpuModel() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        let line = text.split(separator: "\n").first { $0.hasPrefix("model name") }
        return line?.split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces)
    }

    private static func kernel() -> String {
        var names = utsname()
        uname(&names)
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return "\(text(names.sysname)) \(text(names.release)) \(text(names.machine))"
    }

    /// "2 cores (Intel Xeon …), 23.5 GiB, Linux 6.1.0 x86_64, libcurl/7.88.1 …, libxml2 2.9.14"
    public var description: String {
        "\(cores) cores (\(cpuModel)), \(Format.fixed(Double(memoryBytes) / 1_073_741_824, 1)) GiB, \(kernel), "
            + "\(libcurl), libxml2 \(libxml2)"
    }
}
