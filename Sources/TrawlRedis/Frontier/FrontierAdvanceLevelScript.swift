/// `advance level`: moves the crawl from level L to L+1, once.
///
///     KEYS[1]  `trawl:{NAME}:level`
///     ARGV[1]  L, the level the caller found finished
///     returns  the level after the call
///
/// Invariant: the level only grows by one, and only from the level the
/// caller checked; two workers that both saw level L finished advance it
/// once between them.
enum FrontierAdvanceLevelScript {
    static let script = RedisScript(#"""
    local level = tonumber(redis.call('GET', KEYS[1])) or 0
    if level == tonumber(ARGV[1]) then return redis.call('INCR', KEYS[1]) end
    return level
    """#)
}
