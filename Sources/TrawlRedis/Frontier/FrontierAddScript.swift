/// `add`: new URLs into one partition.
///
///     KEYS[1]  the partition prefix `trawl:{NAME:p}:`
///     ARGV[1]  obeyRobots, "1" or "0"
///     ARGV[2]  the in-flight cap a new host starts with
///     then six per URL: bucket, fingerprint (signed decimal), host key,
///     depth, URL, referrer field ("" or "=" + URL)
///     returns  how many URLs were new
///
/// Invariants: a fingerprint is queued at most once (SADD into the
/// intset bucket decides); a new host (HSETNX `max` succeeds) gets its
/// robots job ahead of its first URL when robots are obeyed, and is
/// `queued` for robots until that job completes; `pending` and
/// `pending:<d>` count every queued item, robots jobs included; a host
/// touched here is re-judged by `refresh`. Re-running a call after a lost
/// reply queues nothing twice (it may then report fewer new URLs).
enum FrontierAddScript {
    static let script = RedisScript(FrontierLua.prelude + #"""
    local obey, cap = ARGV[1] == '1', ARGV[2]
    local added, touched = 0, {}
    for i = 3, #ARGV, 6 do
      local bucket, fp, host, depth, url, ref = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5]
      if redis.call('SADD', P .. 's:' .. bucket, fp) == 1 then
        added = added + 1
        local h, q = hkey(host), qkey(host)
        if redis.call('HSETNX', h, 'max', cap) == 1 and obey then
          redis.call('HSET', h, 'robots', 'queued')
          redis.call('RPUSH', q, 'r\n0\n' .. depth .. '\n' .. host .. '/robots.txt\n')
          move(depth, nil, 'pending')
        end
        redis.call('RPUSH', q, 'p\n0\n' .. depth .. '\n' .. url .. '\n' .. ref)
        move(depth, nil, 'pending')
        touched[host] = true
      end
    end
    if added > 0 then count('ver', 1) end
    for host in pairs(touched) do refresh(host) end
    return added
    """#)
}
