/// `acquire`: reap expired leases, then lease one item from each of up to
/// `max` ready hosts.
///
///     KEYS[1]  the partition prefix `trawl:{NAME:p}:`
///     ARGV[1]  max (reaped and leased, each)
///     ARGV[2]  lease length, ms
///     ARGV[3]  the crawl's level L (only hosts whose head depth ≤ L)
///     ARGV[4]  the configured delay between starts at one host, ms
///     ARGV[5]  the most leases one item gets (0: no limit)
///     returns  { wake hint ms or nil, { {id, host, item, expiry ms, rules or nil}, … } }
///
/// Invariants: `now` is Redis TIME. Items of `later` that are due go
/// back to the head of their host's list first. A reaped lease's item goes back to the
/// head of its list with attempt+1, its counts move inflight → pending (or
/// it is given up on: `give_back`), and its host's next becomes
/// max(next, now). A host is taken only when its
/// head depth d ≤ L and its time is due: score in [d·2^42, d·2^42 + now],
/// one range per depth present (from the lowest score's depth to
/// min(L, the highest's)). A single `score ≤ L·2^42 + now` would not do:
/// a host whose head is shallower than L would pass while it must still
/// wait — impossible under level-synchronous BFS (no item below L is
/// left), but a crawl without levels passes L = its depth limit. Leasing moves pending → inflight, raises the
/// host's inflight (so inflight ≤ max holds: only here does it grow, and
/// only for a host in `ready`, which `refresh` keeps below its cap), and
/// sets next = now + max(delay, crawl-delay) (the gap between starts); a
/// robots job instead marks the host `leased`, which keeps it out of
/// `ready` until the job completes. Lease ids come from INCRBY, so a
/// re-issued item never carries its old id (fencing). The wake
/// hint, when nothing was leased, is the soonest time part among hosts at depth ≤ L,
/// or the first item of `later`, if sooner.
enum FrontierAcquireScript {
    static let script = RedisScript(FrontierLua.prelude + #"""
    local k, lease_ms, level, delay = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
    local max_attempts = tonumber(ARGV[5])
    local now = now_ms()
    local changed = false

    for _, id in ipairs(redis.call('ZRANGEBYSCORE', LEASES, '-inf', fmt(now), 'LIMIT', 0, k)) do
      local held = redis.call('HGET', LEASE, id)
      redis.call('ZREM', LEASES, id)
      redis.call('HDEL', LEASE, id)
      if held then
        local host, item = split_held(held)
        local h = hkey(host)
        redis.call('HINCRBY', h, 'inflight', -1)
        give_back(host, item, max_attempts)
        redis.call('HSET', h, 'next', fmt(math.max(num(redis.call('HGET', h, 'next')), now)))
        refresh(host)
        changed = true
      end
    end

    -- Pages whose own retry wait is over go back to the head of their
    -- host's list (they are at the crawl's level, the lowest queued depth).
    for _, held in ipairs(redis.call('ZRANGEBYSCORE', P .. 'later', '-inf', fmt(now), 'LIMIT', 0, k)) do
      redis.call('ZREM', P .. 'later', held)
      local host, item = split_held(held)
      redis.call('LPUSH', qkey(host), item)
      refresh(host)
      changed = true
    end

    -- The depths present in `ready`, capped at the level: each depth is a band
    -- of scores [d·2^42, (d+1)·2^42), due where its time part ≤ now.
    local lowest, highest = depth_at(0), depth_at(-1)
    if highest and highest > level then highest = level end

    local due = {}
    if lowest then
      for d = lowest, highest do
        if #due >= k then break end
        local band = redis.call('ZRANGEBYSCORE', READY, fmt(d * LEVEL_UNIT), fmt(d * LEVEL_UNIT + now), 'LIMIT', 0, k - #due)
        for _, host in ipairs(band) do due[#due + 1] = host end
      end
    end

    -- Per lease: one read and one write of the host's hash, and the
    -- readiness rule (`refresh`) given what was just read, not reading it
    -- again; the
    -- ids for every host due come from one INCRBY (an id left unused when
    -- a host's list turned out empty is simply never issued).
    local leases = {}
    local base = 0
    if #due > 0 then base = redis.call('INCRBY', P .. 'leaseseq', #due) - #due end
    local issued = 0
    for _, host in ipairs(due) do
      local item = redis.call('LPOP', qkey(host))
      if item then
        issued = issued + 1
        local kind, _, depth = parse(item)
        local h = hkey(host)
        local id = base + issued
        local expiry = now + lease_ms
        redis.call('ZADD', LEASES, fmt(expiry), fmt(id))
        redis.call('HSET', LEASE, fmt(id), host .. '\n' .. item)
        local f = redis.call('HMGET', h, 'inflight', 'max', 'robots', 'crawldelay', 'rules', 'next')
        local inflight, robots, next = num(f[1]) + 1, f[3], num(f[6])
        if kind == 'r' then
          robots = 'leased'
          redis.call('HSET', h, 'inflight', inflight, 'robots', robots)
        else
          next = now + math.max(delay, num(f[4]))
          redis.call('HSET', h, 'inflight', inflight, 'next', fmt(next))
        end
        move(depth, 'pending', 'inflight')
        refresh(host, { inflight = inflight, max = num(f[2]), next = next, robots = robots })
        leases[#leases + 1] = { id, host, item, fmt(expiry), f[5] or false }
        changed = true
      else
        redis.call('ZREM', READY, host)
      end
    end
    if changed then count('ver', 1) end

    -- The hint tells an idle worker when to ask again; one that got leases
    -- asks anyway, so it is worked out only when none were granted.
    local hint = false
    if #leases == 0 then
      lowest, highest = depth_at(0), depth_at(-1)
      if highest and highest > level then highest = level end
      if lowest then
        local soonest
        for d = lowest, highest do
          local first = redis.call('ZRANGEBYSCORE', READY, fmt(d * LEVEL_UNIT), '(' .. fmt((d + 1) * LEVEL_UNIT), 'WITHSCORES', 'LIMIT', 0, 1)
          if first[2] then
            local at = tonumber(first[2]) - d * LEVEL_UNIT
            if not soonest or at < soonest then soonest = at end
          end
        end
        if soonest then hint = fmt(soonest) end
      end
      local waiting = redis.call('ZRANGE', P .. 'later', 0, 0, 'WITHSCORES')
      if waiting[2] and (not hint or tonumber(waiting[2]) < tonumber(hint)) then hint = waiting[2] end
    end
    flush_counts()
    return { hint, leases }
    """#)
}
