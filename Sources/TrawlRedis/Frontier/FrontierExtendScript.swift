/// `extend`: the heartbeat of slow fetches.
///
///     KEYS[1]  the partition prefix `trawl:{NAME:p}:`
///     ARGV[1]  lease length, ms, from now (Redis TIME)
///     ARGV[2…] lease ids
///     returns  how many of them were still held (and now run to now + ms)
///
/// Invariant: only a held lease is moved (ZADD XX); a reaped one stays
/// reaped, so a heartbeat never resurrects a re-issued item.
enum FrontierExtendScript {
    static let script = RedisScript(FrontierLua.prelude + #"""
    local expiry = fmt(now_ms() + tonumber(ARGV[1]))
    local held = 0
    for i = 2, #ARGV do
      if redis.call('ZSCORE', LEASES, ARGV[i]) then
        redis.call('ZADD', LEASES, 'XX', expiry, ARGV[i])
        held = held + 1
      end
    end
    return held
    """#)
}
