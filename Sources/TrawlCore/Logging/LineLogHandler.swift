#if canImport(Glibc)
import Glibc
#endif
import Logging
import Synchronization
import TrawlFetch

/// A swift-log handler that writes each record as one line with one
/// write(2), as text or JSON. One call per line, on a descriptor opened
/// with O_APPEND, keeps lines whole when several processes (the workers of
/// `--mode processes`) log into the same file.
public struct LineLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let format: LogSettings.Format
    private let sink: LogSink

    init(level: Logger.Level, format: LogSettings.Format, sink: LogSink) {
        logLevel = level
        self.format = format
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?,
                    source: String, file: String, function: String, line: UInt) {
        var fields = metadata
        if let explicit { fields.merge(explicit) { $1 } }
        let time = Timestamp.rfc3339Milliseconds(Timestamp.nowMilliseconds())
        let keys = fields.keys.sorted()
        var text: String
        switch format {
        case .text:
            text = "\(time) \(level) \(message)"
            for key in keys { text += " \(key)=\(Self.textValue(fields[key]!))" }
        case .json:
            var json = JSONLineBuilder()
            json.add("time", time)
            json.add("level", level.rawValue)
            json.add("message", message.description)
            for key in keys { json.addRaw(key, Self.jsonValue(fields[key]!)) }
            text = json.finish()
        }
        sink.write(text + "\n")
    }

    /// A value as text: quoted when it holds a space, a quote or `=`.
    private static func textValue(_ value: Logger.Metadata.Value) -> String {
        let plain = value.description
        guard plain.isEmpty || plain.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\n" }) else { return plain }
        var quoted = ""
        JSONLineBuilder.appendQuoted(plain, to: &quoted)
        return quoted
    }

    /// A value as JSON: numbers and booleans bare (swift-log carries them
    /// as strings: `"\(status)"`), nested values as arrays and objects.
    private static func jsonValue(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text):
            // Bare only in the canonical form Swift prints, which is valid
            // JSON ("+5", "01" or "1e5" are quoted instead).
            if text == "true" || text == "false" || Int(text).map(String.init) == text
                || Double(text).map({ $0.isFinite ? "\($0)" : "" }) == text {
                return text
            }
            var quoted = ""
            JSONLineBuilder.appendQuoted(text, to: &quoted)
            return quoted
        case .stringConvertible(let convertible):
            return jsonValue(.string(convertible.description))
        case .array(let values):
            return "[" + values.map(jsonValue).joined(separator: ",") + "]"
        case .dictionary(let entries):
            return "{" + entries.keys.sorted().map { key in
                var quoted = ""
                JSONLineBuilder.appendQuoted(key, to: &quoted)
                return quoted + ":" + jsonValue(entries[key]!)
            }.joined(separator: ",") + "}"
        }
    }
}

/// Where log lines go: stderr, or a file opened for appending, with a cap
/// on the bytes written to a file.
final class LogSink: Sendable {
    private let descriptor: Int32
    private let path: String?
    private let maxBytes: Int
    private let written = Atomic<Int>(0)

    static let standardError = LogSink(descriptor: 2, path: nil, maxBytes: .max)

    private init(descriptor: Int32, path: String?, maxBytes: Int) {
        self.descriptor = descriptor
        self.path = path
        self.maxBytes = maxBytes
    }

    /// Opens `path` for appending (created 0644 if missing; a symlink there
    /// is refused, as the output files refuse one).
    static func appending(to path: String, maxBytes: Int) throws(TrawlError) -> LogSink {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else {
            throw TrawlError(.outputUnwritable, "cannot open log file '\(path)': \(systemError())")
        }
        return LogSink(descriptor: descriptor, path: path, maxBytes: maxBytes)
    }

    deinit {
        if path != nil { close(descriptor) }
    }

    func write(_ line: String) {
        let size = line.utf8.count
        let before = written.add(size, ordering: .relaxed).oldValue
        if before + size > maxBytes {
            // The first line past the cap says so; the rest are dropped.
            guard before <= maxBytes else { return }
            let notice = "\(Timestamp.rfc3339Milliseconds(Timestamp.nowMilliseconds())) warning log file reached --log-max-size (\(maxBytes) bytes); nothing more is logged\n"
            _ = written.add(maxBytes, ordering: .relaxed)
            emit(notice)
            return
        }
        emit(line)
    }

    private func emit(_ line: String) {
        var line = line
        // A full disk or a closed stderr loses the line, never the crawl.
        line.withUTF8 { bytes in _ = SystemCall.writeAll(descriptor, UnsafeRawBufferPointer(bytes)) }
    }
}

extension LogSettings {
    /// A logger that writes as these settings say.
    public func makeLogger(label: String = "trawl") throws(TrawlError) -> Logger {
        let sink = try file.map { path throws(TrawlError) in try LogSink.appending(to: path, maxBytes: maxFileBytes) } ?? .standardError
        let level = self.level
        let format = self.format
        return Logger(label: label) { _ in LineLogHandler(level: level, format: format, sink: sink) }
    }
}
