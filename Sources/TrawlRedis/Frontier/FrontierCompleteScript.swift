/// `complete`: end one lease, if it is still held.
///
///     KEYS[1]  the partition prefix `trawl:{NAME:p}:`
///     ARGV[1]  lease id
///     ARGV[2]  outcome: page | robots | redirected | retry
///     ARGV[3]  the configured delay, ms
///     ARGV[4]  bytes: the page's record, the robots rules, or ""
///     ARGV[5]  ms: the robots crawl delay (-1: none), or the retry wait
///     ARGV[6]  the most leases one item gets (0: no limit)
///     ARGV[7]  robots: a record for the stream ("" none)
///     returns  1, or 0 when the lease is no longer held
///
/// Fencing: a lease that was reaped (and perhaps re-issued under a new id)
/// is absent from `lease`, and then nothing at all changes — no record, no
/// counter. Otherwise: the lease goes, host inflight−1, inflight → done
/// (or, for retry, back to pending with the item at the head of its list,
/// attempt+1, unless given up on: `give_back`), next = max(next, now + delay, now + retry wait) — the delay
/// counts from the end of the fetch (Nutch); a page appends exactly one
/// entry to the partition's `records` stream (a robots job with a record
/// too); `redirected` is done with no record (its hop was added first); robots rules and crawl delay
/// are stored on the host, which stops waiting for robots (so does any
/// other non-retry end of a robots job, lest the host wait forever). A call re-run
/// after a lost reply finds its lease gone and returns 0: it did act once.
enum FrontierCompleteScript {
    static let script = RedisScript(FrontierLua.prelude + #"""
    local id, outcome, delay, bytes, ms = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5])
    local max_attempts = tonumber(ARGV[6])
    local held = redis.call('HGET', LEASE, id)
    if not held then return 0 end
    redis.call('HDEL', LEASE, id)
    redis.call('ZREM', LEASES, id)
    local host, item = split_held(held)
    local kind, _, depth, rest = parse(item)
    local h = hkey(host)
    local now = now_ms()
    redis.call('HINCRBY', h, 'inflight', -1)
    count('ver', 1)
    if outcome == 'robots' then
      redis.call('HSET', h, 'rules', bytes, 'robots', 'done')
      if ms >= 0 then redis.call('HSET', h, 'crawldelay', fmt(ms)) end
      if ARGV[7] and ARGV[7] ~= '' then
        redis.call('XADD', P .. 'records', '*', 'lease', id, 'url', host, 'record', ARGV[7])
      end
    end
    local next = math.max(num(redis.call('HGET', h, 'next')), now + host_delay(host, delay))
    if outcome == 'retry' then
      give_back(host, item, max_attempts)
      next = math.max(next, now + ms)
    else
      if kind == 'r' then redis.call('HSET', h, 'robots', 'done') end
      move(depth, 'inflight', nil)
      count('done', 1)
      if outcome == 'page' then
        local url = string.match(rest, '^([^\n]*)')
        redis.call('XADD', P .. 'records', '*', 'lease', id, 'url', url, 'record', bytes)
      end
    end
    redis.call('HSET', h, 'next', fmt(next))
    refresh(host)
    return 1
    """#)
}
