/// `acquire`: reap expired leases, then lease one item from each of up to
/// `max` ready hosts.
///
///     KEYS[1]  the partition prefix `trawl:{NAME:p}:`
///     ARGV[1]  max (reaped and leased, each)
///     ARGV[2]  lease length, ms
///     ARGV[3]  the crawl's level L (only hosts whose head depth ≤ L)
///     ARGV[4]  the configured delay between starts at one host, ms
///     returns  { wake hint ms or nil, { {id, host, item, expiry ms, rules or nil}, … } }
///
/// Invariants: `now` is Redis TIME. A reaped lease's item goes back to the
/// head of its list with attempt+1, its counts move inflight → pending, and
/// its host's next becomes max(next, now). A host is taken only when its
/// score ≤ L·2^42 + now. Leasing moves pending → inflight, raises the
/// host's inflight (so inflight ≤ max holds: only here does it grow, and
/// only for a host in `ready`, which `refresh` keeps below its cap), and
/// sets next = now + max(delay, crawl-delay) (the gap between starts); a
/// robots job instead marks the host `leased`, which keeps it out of
/// `ready` until the job completes. Lease ids come from INCR, so a
/// re-issued item never carries its old id (fencing). The wake hint is the
/// time part of the lowest score at level ≤ L.
enum FrontierAcquireScript {
    static let script = RedisScript(FrontierLua.prelude + #"""
    local k, lease_ms, level, delay = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
    local now = now_ms()
    local changed = false

    for _, id in ipairs(redis.call('ZRANGEBYSCORE', LEASES, '-inf', fmt(now), 'LIMIT', 0, k)) do
      local held = redis.call('HGET', LEASE, id)
      redis.call('ZREM', LEASES, id)
      redis.call('HDEL', LEASE, id)
      if held then
        local host, item = split_held(held)
        local kind, _, depth = parse(item)
        local h = hkey(host)
        redis.call('LPUSH', qkey(host), retried(item))
        redis.call('HINCRBY', h, 'inflight', -1)
        if kind == 'r' then redis.call('HSET', h, 'robots', 'queued') end
        redis.call('HSET', h, 'next', fmt(math.max(num(redis.call('HGET', h, 'next')), now)))
        move(depth, 'inflight', 'pending')
        refresh(host)
        changed = true
      end
    end

    local leases = {}
    local limit = fmt(level * LEVEL_UNIT + now)
    for _, host in ipairs(redis.call('ZRANGEBYSCORE', READY, '-inf', limit, 'LIMIT', 0, k)) do
      local item = redis.call('LPOP', qkey(host))
      if item then
        local kind, _, depth = parse(item)
        local h = hkey(host)
        local id = redis.call('INCR', P .. 'leaseseq')
        local expiry = now + lease_ms
        redis.call('ZADD', LEASES, fmt(expiry), id)
        redis.call('HSET', LEASE, id, host .. '\n' .. item)
        redis.call('HINCRBY', h, 'inflight', 1)
        move(depth, 'pending', 'inflight')
        if kind == 'r' then
          redis.call('HSET', h, 'robots', 'leased')
        else
          redis.call('HSET', h, 'next', fmt(now + host_delay(host, delay)))
        end
        refresh(host)
        leases[#leases + 1] = { id, host, item, fmt(expiry), redis.call('HGET', h, 'rules') or false }
        changed = true
      else
        redis.call('ZREM', READY, host)
      end
    end
    if changed then count('ver', 1) end

    local first = redis.call('ZRANGEBYSCORE', READY, '-inf', '(' .. fmt((level + 1) * LEVEL_UNIT), 'WITHSCORES', 'LIMIT', 0, 1)
    local hint = false
    if first[2] then hint = fmt(tonumber(first[2]) % LEVEL_UNIT) end
    return { hint, leases }
    """#)
}
