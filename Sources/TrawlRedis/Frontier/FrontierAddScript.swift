/// `add`: new URLs into one partition.
///
///     KEYS[1]  the partition prefix `trawl:{NAME:p}:`
///     ARGV[1]  obeyRobots, "1" or "0"
///     ARGV[2]  the in-flight cap a new host starts with
///     ARGV[3]  maxPagesPerHost, ARGV[4] maxQueryVariants,
///     ARGV[5]  maxPathVariants (each -1: none)
///     then ten per URL: bucket, fingerprint (signed decimal), host key,
///     depth, URL, referrer field ("" or "=" + URL), gate ("" admit,
///     "!" + rule refused by the worker, "h" a redirect hop), query key,
///     shape key ("" none), hop payload ("" none)
///     returns  how many URLs were new
///
/// Invariants: a fingerprint is queued or refused at most once (SADD into
/// the intset bucket decides); a refused URL is counted once, under
/// `refused:<rule>` in `stat`, and never queued; the per-host caps count in
/// `g:<host>` (`n` URLs admitted, `q:<key>` per query key, `v:<shape>` per
/// digit shape) in the order URLs arrive, checked before any is counted
/// (a refusal by one cap uses no room under another), and the digit-shape
/// cap spares depth 0 (the seeds), as in one process; a new host (HSETNX
/// `max` succeeds) gets its robots job ahead of its first URL when robots
/// are obeyed, and is `queued` for robots until that job completes; a hop
/// goes to the head of its host's list (it is at its chain's depth, the
/// crawl's level, the lowest any queued item has: behind deeper links it
/// would hold the level open for good), every other URL to the tail;
/// `pending` and `pending:<d>` count every queued item, robots jobs
/// included; a host touched here is re-judged by `refresh`. Re-running a
/// call after a lost reply queues nothing twice (it may then report fewer
/// new URLs).
enum FrontierAddScript {
    static let script = RedisScript(FrontierLua.prelude + #"""
    local obey, cap = ARGV[1] == '1', ARGV[2]
    local cap_pages, cap_query, cap_shape = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
    local added, touched = 0, {}
    for i = 6, #ARGV, 10 do
      local bucket, fp, host, depth, url, ref = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5]
      local gate, qk, shape, payload = ARGV[i + 6], ARGV[i + 7], ARGV[i + 8], ARGV[i + 9]
      if redis.call('SADD', P .. 's:' .. bucket, fp) == 1 then
        added = added + 1
        local refusal, kind = nil, 'p'
        if gate == 'h' then
          kind = 'h'
        else
          local g = P .. 'g:' .. host
          local f = redis.call('HMGET', g, 'n', 'q:' .. qk, 'v:' .. shape)
          if cap_pages >= 0 and num(f[1]) >= cap_pages then refusal = 'max-pages-per-host'
          elseif string.sub(gate, 1, 1) == '!' then refusal = string.sub(gate, 2)
          elseif cap_query >= 0 and qk ~= '' and num(f[2]) >= cap_query then refusal = 'max-query-variants'
          elseif cap_shape >= 0 and shape ~= '' and num(f[3]) >= cap_shape and tonumber(depth) > 0 then
            refusal = 'max-path-variants'
          else
            if cap_query >= 0 and qk ~= '' then redis.call('HINCRBY', g, 'q:' .. qk, 1) end
            if cap_shape >= 0 and shape ~= '' then redis.call('HINCRBY', g, 'v:' .. shape, 1) end
            if cap_pages >= 0 then redis.call('HINCRBY', g, 'n', 1) end
          end
        end
        if refusal then
          count('refused:' .. refusal, 1)
        else
          local h, q = hkey(host), qkey(host)
          if redis.call('HSETNX', h, 'max', cap) == 1 and obey then
            redis.call('HSET', h, 'robots', 'queued')
            redis.call('RPUSH', q, 'r\n0\n' .. depth .. '\n' .. host .. '/robots.txt\n')
            move(depth, nil, 'pending')
          end
          local item = kind .. '\n0\n' .. depth .. '\n' .. url .. '\n' .. ref
          if payload ~= '' then item = item .. '\n' .. payload end
          -- A hop is at its chain's depth, the crawl's current level, the
          -- lowest any queued item can have: at the head it keeps the list
          -- in depth order, behind deeper links it would block the level.
          redis.call(kind == 'h' and 'LPUSH' or 'RPUSH', q, item)
          move(depth, nil, 'pending')
          touched[host] = true
        end
      end
    end
    if added > 0 then count('ver', 1) end
    for host in pairs(touched) do refresh(host) end
    flush_counts()
    return added
    """#)
}
