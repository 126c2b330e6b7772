extension TrawlError.Code {
    /// Bytes on a shard pipe that are not a valid frame.
    public static let badFrame = TrawlError.Code(rawValue: "bad-frame")
    /// A child process could not be started.
    public static let spawnFailed = TrawlError.Code(rawValue: "spawn-failed")
    /// Writing to or reading from a child process's pipe failed.
    public static let pipeFailed = TrawlError.Code(rawValue: "pipe-failed")
    /// A worker broke the shard protocol (e.g. acknowledged unsent batches).
    public static let protocolViolation = TrawlError.Code(rawValue: "protocol-violation")
}

extension TrawlError.Code {
    /// A worker process died, or reported that it cannot go on.
    public static let workerFailed = TrawlError.Code(rawValue: "worker-failed")
}
