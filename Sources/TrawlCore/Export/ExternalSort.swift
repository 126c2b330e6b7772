#if canImport(Glibc)
import Glibc
#endif

/// Sorts the lines of a file in byte order with bounded memory, as sort(1)
/// does: runs of at most `runBytes` are sorted in memory and written to
/// temporary files in the output folder, and at most `fanIn` runs are
/// merged at once (more are first merged into longer runs). Memory stays
/// near `runBytes` + `fanIn` × 64 KiB whatever the file's size; a file that
/// fits in one run never touches the disk. Run files are removed when the
/// result is dropped, and at once when a step fails.
struct ExternalSort {
    /// Memory for one run: its bytes plus 24 bytes of bookkeeping per line
    /// (its range, and the sort's scratch space).
    var runBytes = 16 << 20
    var fanIn = 16
    private static let bytesPerLine = 24

    /// The sorted lines of `input`. Run files are named after `name`
    /// (`.NAME.run-XXXXXX`) in `folder`.
    func sort(_ input: LineReader, in folder: FolderHandle, name: String) throws -> SortedLines {
        let fanIn = max(2, self.fanIn)
        // levels[n] holds runs made of fanIn^n memory runs; a full level is
        // merged into one run of the next, so few run files are ever open
        // and every line is rewritten about log(runs)/log(fanIn) times.
        var levels: [[LineFile]] = []
        func add(_ run: LineFile, level: Int) throws {
            if levels.count == level { levels.append([]) }
            levels[level].append(run)
            guard levels[level].count == fanIn else { return }
            let merged = try Self.writeRun(SortedLines(runs: levels[level]), in: folder, name: name)
            levels[level] = []
            try add(merged, level: level + 1)
        }
        // Sized once: a run never outgrows it, so no doubling overshoots.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(runBytes)
        var lines = 0
        while try input.advance() {
            bytes.append(contentsOf: input.current)
            bytes.append(0x0A)
            lines += 1
            if bytes.count + lines * Self.bytesPerLine >= runBytes {
                try add(Self.writeRun(SortedLines(bytes, expectedLines: lines), in: folder, name: name), level: 0)
                bytes.removeAll(keepingCapacity: true)
                lines = 0
            }
        }
        if levels.isEmpty { return SortedLines(bytes, expectedLines: lines) }
        if lines > 0 { try add(Self.writeRun(SortedLines(bytes, expectedLines: lines), in: folder, name: name), level: 0) }
        bytes = []
        // The leftovers of every level, smallest first: merge the smallest
        // until one merge can take the rest.
        var runs = levels.flatMap { $0 }
        levels = []
        while runs.count > fanIn {
            let group = Array(runs.prefix(fanIn))
            runs.removeFirst(fanIn)
            runs.append(try Self.writeRun(SortedLines(runs: group), in: folder, name: name))
        }
        return SortedLines(runs: runs)
    }

    /// Writes `lines` to a new run file, in 64 KiB writes.
    private static func writeRun(_ lines: SortedLines, in folder: FolderHandle, name: String) throws -> LineFile {
        let (descriptor, runName) = try folder.createTemporary(for: name, kind: "run")
        let run = LineFile(descriptor: descriptor, path: folder.path(of: runName), lineCount: lines.count,
                           temporaryIn: folder, name: runName)
        // Writes through a second descriptor: the run keeps its own to read.
        let copy = fcntl(descriptor, F_DUPFD_CLOEXEC, 0)
        guard copy >= 0 else { throw TrawlError(.writeFailed, "cannot write '\(run.path)': \(systemError())") }
        let file = OutputFile(descriptor: copy, path: run.path)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16 + 4096)
        do {
            try lines.forEach { line in
                buffer.append(contentsOf: line)
                buffer.append(0x0A)
                if buffer.count >= 1 << 16 {
                    try buffer.withUnsafeBytes { try file.write($0) }
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            try buffer.withUnsafeBytes { try file.write($0) }
            try file.close()
        } catch let error as TrawlError {
            throw error
        } catch {
            throw TrawlError(.writeFailed, "cannot write '\(run.path)': \(error)")
        }
        return run
    }
}
