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
        var sample = ResourceUsage(usage)
        // ru_maxrss is not this program's own peak when its parent started
        // it with posix_spawn: glibc spawns with CLONE_VM|CLONE_VFORK, and
        // exec records the high-water mark of the memory it replaces — the
        // parent's (seen: every run of `trawl compare` reported compare's
        // own 55 MiB). VmHWM is the peak of this program's own memory.
        if who == .current, let peak = statusField("VmHWM:", of: "self") { sample.peakRSSBytes = peak * 1024 }
        return sample
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

    /// What a process holds now, from /proc/PID/status ("self" for this
    /// one); nil once it has gone.
    struct Snapshot: Sendable {
        var threads = 0
        /// Private memory: RssAnon + RssShmem.
        var privateBytes = 0
        /// File-backed pages (RssFile): mostly the shared libraries, the
        /// same pages in every trawl process.
        var fileBytes = 0
    }

    static func snapshot(ofProcess process: String) -> Snapshot? {
        guard let status = try? String(contentsOfFile: "/proc/\(process)/status", encoding: .utf8) else { return nil }
        var snapshot = Snapshot()
        for line in status.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":"), let value = Int(line[line.index(after: colon)...].split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
            else { continue }
            switch line[..<colon] {
            case "Threads": snapshot.threads = value
            case "RssAnon", "RssShmem": snapshot.privateBytes += value * 1024
            case "RssFile": snapshot.fileBytes = value * 1024
            default: break
            }
        }
        return snapshot
    }

    /// The number of a /proc/PID/status line: "Threads:\t5" → 5,
    /// "VmHWM:\t   45000 kB" → 45000 (the kernel pads with a tab, then spaces).
    static func statusField(_ name: String, of process: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process)/status", encoding: .utf8) else { return nil }
        return statusNumber(name, in: status)
    }

    static func statusNumber(_ name: String, in status: String) -> Int? {
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
            let digits = line.dropFirst(name.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? ""
            return Int(digits)
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

extension ResourceUsage {
    /// User + system CPU seconds process `pid` has used so far (fields 14
    /// and 15 of /proc/PID/stat, in clock ticks); nil once it has gone.
    /// `trawl compare` charges the generated web's server with it per run.
    public static func cpuSeconds(ofProcess pid: Int32) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // The command name (field 2) may hold spaces: count from after ")".
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
