import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// CPU time, peak memory and thread count of this process (and, with
/// `.children`, of its waited-for children), from getrusage(2) and
/// /proc/self/status.
public struct ResourceUsage: Sendable, Equatable {
    public var userSeconds: Double
    public var systemSeconds: Double
    /// Peak resident set size in bytes (ru_maxrss).
    public var peakRSSBytes: Int
    public var voluntaryContextSwitches: Int
    public var involuntaryContextSwitches: Int

    public enum Who: Sendable { case current, children }

    public static func sample(_ who: Who = .current) -> ResourceUsage {
        var usage = rusage()
        // Glibc imports RUSAGE_* as an enum whose raw type differs from the
        // parameter's, so the values are spelled out (sys/resource.h).
        getrusage(who == .current ? 0 /* RUSAGE_SELF */ : -1 /* RUSAGE_CHILDREN */, &usage)
        return ResourceUsage(usage)
    }

    public var cpuSeconds: Double { userSeconds + systemSeconds }

    /// The usage since `earlier` (counters subtracted); the peak RSS stays
    /// the process's peak, which no subtraction can undo.
    func since(_ earlier: ResourceUsage) -> ResourceUsage {
        ResourceUsage(
            userSeconds: userSeconds - earlier.userSeconds,
            systemSeconds: systemSeconds - earlier.systemSeconds,
            peakRSSBytes: peakRSSBytes,
            voluntaryContextSwitches: voluntaryContextSwitches - earlier.voluntaryContextSwitches,
            involuntaryContextSwitches: involuntaryContextSwitches - earlier.involuntaryContextSwitches)
    }

    /// The process's current thread count ("Threads:" in /proc/self/status).
    public static func currentThreadCount() -> Int {
        statusField("Threads:", of: "self") ?? 0
    }

    /// Current resident set size in bytes ("VmRSS:").
    public static func currentRSSBytes() -> Int {
        (statusField("VmRSS:", of: "self") ?? 0) * 1024
    }

    /// Thread count of another process; nil once it has gone.
    static func threadCount(ofProcess pid: Int32) -> Int? {
        statusField("Threads:", of: String(pid))
    }

    private static func statusField(_ name: String, of process: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
            let digits = line.dropFirst(name.count).split(separator: " ").first ?? ""
            return Int(digits.trimmingCharacters(in: .whitespaces))
        }
        return nil
    }
}

extension ResourceUsage {
    /// The fields of a `getrusage`/`wait4` result (ru_maxrss is in KiB on Linux).
    init(_ usage: rusage) {
        self.init(
            userSeconds: Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6,
            systemSeconds: Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6,
            peakRSSBytes: usage.ru_maxrss * 1024,
            voluntaryContextSwitches: usage.ru_nvcsw,
            involuntaryContextSwitches: usage.ru_nivcsw)
    }
}
