/// The redis.conf of a private server: unix socket always, TCP on
/// 127.0.0.1 only when asked, the append-only file as the only
/// persistence (`save ""` turns RDB snapshots off), and everything in its
/// own folder.
struct ServerConfiguration {
    var directory: String
    /// nil: no TCP (`port 0`).
    var port: Int?
    var options: RedisServerProcess.Options

    var text: String {
        var lines = [
            "# A private redis-server of TrawlRedis's RedisServerProcess.",
            "port \(port ?? 0)",
            "bind 127.0.0.1",
            "unixsocket \(directory)/redis.sock",
            "unixsocketperm 700",
            "dir \(directory)",
            "appendonly yes",
            "appendfsync \(options.appendFsync.rawValue)",
            "save \"\"",
            "daemonize no",
            "logfile \(directory)/redis.log",
        ]
        lines += options.extraConfiguration
        return lines.joined(separator: "\n") + "\n"
    }
}
