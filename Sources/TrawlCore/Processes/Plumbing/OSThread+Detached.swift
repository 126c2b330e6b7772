import TrawlFetch

extension OSThread {
    /// Starts a detached thread for a blocking system call (`read`,
    /// `waitid`, `posix_spawn`); a thread the system refuses fails the way
    /// TrawlCore fails, as a `.resourceLimit` error.
    static func detached(name: String, _ body: sending @escaping () -> Void) throws(TrawlError) {
        do {
            try startDetached(name: name, body)
        } catch {
            throw TrawlError(.resourceLimit, error.description)
        }
    }
}
