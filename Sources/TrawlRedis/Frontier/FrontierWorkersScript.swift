/// `workers`: who is crawling, on the server's clock.
///
///     KEYS[1]  `trawl:{NAME}:workers`, a ZSET worker id → last beat (ms)
///     ARGV[1]  "beat" or "gone" (with ARGV[2], the worker id), or
///              "alive" (with ARGV[2], how old a beat may be, ms)
///     returns  beat/gone: 1; alive: the workers beating within the window
///
/// Invariant: one member per worker, so the key is O(workers) however long
/// the crawl runs; a worker that ends says "gone", one that is killed ages
/// out of the window.
enum FrontierWorkersScript {
    static let script = RedisScript(#"""
    local t = redis.call('TIME')
    local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
    if ARGV[1] == 'beat' then
      redis.call('ZADD', KEYS[1], string.format('%d', now), ARGV[2])
      return 1
    elseif ARGV[1] == 'gone' then
      redis.call('ZREM', KEYS[1], ARGV[2])
      return 1
    end
    local window = tonumber(ARGV[2])
    redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('(%d', now - 10 * window))
    return redis.call('ZCOUNT', KEYS[1], string.format('%d', now - window), '+inf')
    """#)
}
