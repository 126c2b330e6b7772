import TrawlRedis

extension TrawlError {
    /// A Redis call of the shared frontier that failed past what waiting
    /// mends: the message names the server and the call.
    init(_ error: RedisError) {
        self.init(.frontierFailed, error.message)
    }

    /// What a block mixing Redis calls with trawl's own work threw: a
    /// Redis failure as the frontier's, a TrawlError as it is, anything
    /// else under `code`.
    init(frontierWork error: any Error, otherwise code: Code) {
        switch error {
        case let error as RedisError: self.init(error)
        case let error as TrawlError: self = error
        default: self.init(code, "\(error)")
        }
    }
}
