/// `ready hosts`: how many hosts of a partition may start a fetch now, and
/// how many wait out a delay (`--delay`, Crawl-delay, a retry's wait).
///
///     KEYS[1]  the partition prefix `trawl:{NAME:p}:`
///     returns  { due now, waiting }
///
/// O(depths present · log hosts): one ZCOUNT per depth band of `ready`
/// (see `FrontierLua` for the scores); read-only. Hosts at their in-flight
/// cap or waiting for robots.txt are in neither (they are not in `ready`).
enum FrontierReadyScript {
    static let script = RedisScript(FrontierLua.prelude + #"""
    local now = now_ms()
    local lowest, highest = depth_at(0), depth_at(-1)
    local total = redis.call('ZCARD', READY)
    local due = 0
    if lowest then
      for d = lowest, highest do
        due = due + redis.call('ZCOUNT', READY, fmt(d * LEVEL_UNIT), fmt(d * LEVEL_UNIT + now))
      end
    end
    return { due, total - due }
    """#)
}
