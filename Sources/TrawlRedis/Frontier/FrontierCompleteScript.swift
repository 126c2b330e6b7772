/// `complete`: end leases of one partition, each if it is still held.
///
///     KEYS[1]  the partition prefix `trawl:{NAME:p}:`
///     ARGV[1]  the configured delay, ms
///     ARGV[2]  the most leases one item gets (0: no limit)
///     then six per lease:
///              lease id;
///              the URL it was issued for (a lease id alone is not enough
///              after a restart that lost acknowledged writes);
///              outcome: page | robots | redirected | retry (the host
///              waits) | retrypage (only the page waits, in `later`);
///              bytes: the page's record, the robots rules, or "";
///              ms: the robots crawl delay (-1: none), or the retry wait;
///              robots: a record for the stream ("" none)
///     returns  per lease, 1, or 0 when it was no longer held
///
/// One call ends every lease a worker finished in a round: a script call
/// costs Redis ~35 µs beyond the commands it runs, so one per page would
/// be most of the frontier's cost (`make bench-cluster`).
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
    local delay, max_attempts = tonumber(ARGV[1]), tonumber(ARGV[2])
    local now = now_ms()
    local results, touched, acted = {}, {}, false
    for i = 3, #ARGV, 6 do
      local id, url, outcome, bytes, ms, record = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], tonumber(ARGV[i + 4]), ARGV[i + 5]
      local held = redis.call('HGET', LEASE, id)
      local host, item, kind, depth, rest, _
      if held then
        host, item = split_held(held)
        kind, _, depth, rest = parse(item)
        -- The id must still name the URL it was issued for: after a
        -- restart that lost the last second of writes (appendfsync
        -- everysec), INCR may hand an old id to another item.
        if string.match(rest, '^([^\n]*)') ~= url then held = nil end
      end
      if not held then
        results[#results + 1] = 0
      else
        redis.call('HDEL', LEASE, id)
        redis.call('ZREM', LEASES, id)
        local h = hkey(host)
        redis.call('HINCRBY', h, 'inflight', -1)
        if outcome == 'robots' then
          redis.call('HSET', h, 'rules', bytes, 'robots', 'done')
          if ms >= 0 then redis.call('HSET', h, 'crawldelay', fmt(ms)) end
          if record ~= '' then
            redis.call('XADD', P .. 'records', '*', 'lease', id, 'url', host, 'record', record)
          end
        end
        local next = math.max(num(redis.call('HGET', h, 'next')), now + host_delay(host, delay))
        if outcome == 'retry' then
          give_back(host, item, max_attempts)
          next = math.max(next, now + ms)
        elseif outcome == 'retrypage' then
          give_back_later(host, item, max_attempts, now + ms)
        else
          if kind == 'r' then redis.call('HSET', h, 'robots', 'done') end
          move(depth, 'inflight', nil)
          count('done', 1)
          if outcome == 'page' then
            redis.call('XADD', P .. 'records', '*', 'lease', id, 'url', url, 'record', bytes)
          end
        end
        redis.call('HSET', h, 'next', fmt(next))
        touched[host] = true
        acted = true
        results[#results + 1] = 1
      end
    end
    if acted then count('ver', 1) end
    for host in pairs(touched) do refresh(host) end
    flush_counts()
    return results
    """#)
}
