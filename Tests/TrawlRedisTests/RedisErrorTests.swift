import Testing
@testable import TrawlRedis

struct RedisErrorTests {
    @Test func loadingIsTheOneServerErrorWorthRetrying() {
        // What Redis answers while it replays its append-only file.
        let loading = RedisError.server("LOADING Redis is loading the dataset in memory", at: "h:6379")
        #expect(loading.code == .loading)
        #expect(loading.isRetryable)
        #expect(!loading.breaksConnection)
        #expect(loading.message == "redis at h:6379: LOADING Redis is loading the dataset in memory")
        let wrongType = RedisError.server("WRONGTYPE Operation against a key holding the wrong kind of value", at: "h:6379")
        #expect(wrongType.code == .server)
        #expect(!wrongType.isRetryable)
    }

    @Test func noScriptIsRecognisedByItsCode() {
        #expect(RedisError.server("NOSCRIPT No matching script. Please use EVAL.", at: "h:6379").isNoScript)
        #expect(!RedisError.server("ERR NOSCRIPT in a message", at: "h:6379").isNoScript)
    }

    @Test(arguments: [
        (RedisError.Code.unreachable, true, true), (.connectionLost, true, true), (.timedOut, true, true),
        (.closed, true, true), (.loading, true, false), (.protocol, false, true), (.server, false, false),
        (.badEndpoint, false, false), (.serverProcess, false, false),
    ])
    func whichFailuresAreRetriedAndWhichEndTheConnection(code: RedisError.Code, retryable: Bool, breaks: Bool) {
        let error = RedisError(code: code, endpoint: "h:6379", message: "m")
        #expect(error.isRetryable == retryable)
        #expect(error.breaksConnection == breaks)
    }
}
