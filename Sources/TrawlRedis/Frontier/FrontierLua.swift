/// The Lua every partition script starts with: key names, the clock, the
/// item format, counters and the one rule that decides a host's place in
/// `ready`. Each script is `FrontierLua.prelude + body`, so there is one
/// copy of these rules however many scripts use them.
///
/// Keys. KEYS[1] is the partition's prefix `trawl:{NAME:p}:`; every key a
/// script builds from it carries the same hash tag, so one script touches
/// one cluster slot. (They are built, not declared in KEYS: Redis runs
/// that on one node, and in a cluster as long as the slot is the one of
/// KEYS[1]; a script with a `#!lua flags=` line would refuse it.)
///
///     ready        ZSET  host → headDepth·2^42 + nextReadyMs
///     q:<host>     LIST  items, FIFO (level-sorted under level-synchronous BFS)
///     h:<host>     HASH  inflight, max, next (ms), robots (queued|leased|done),
///                        rules (bytes), crawldelay (ms)
///     s:<bucket>   SET   fingerprints as signed decimals (an intset)
///     leases       ZSET  lease id → expiry ms
///     lease        HASH  lease id → host "\n" item
///     leaseseq     STRING the lease-id counter (the fencing token)
///     records      STREAM one entry per fenced page completion
///     dead         LIST  host "\n" item, each item given up on
///     later        ZSET  host "\n" item → due ms: pages waiting out their
///                        own retry wait (their hosts go on meanwhile)
///     stat         HASH  pending, inflight, done, dead, ver, refused:<rule>, and per depth d
///                        pending:<d>, inflight:<d>, dead:<d>
///
/// An item is `kind \n attempt \n depth \n url \n referrer [\n payload]`,
/// kind `p` (page), `r` (robots job) or `h` (redirect hop, with its
/// payload), referrer empty for none or `=` + the URL.
///
///     g:<host>     HASH  the per-host admission caps' counts (add script)
///     refused:<rule> in `stat`: distinct URLs each limit refused
///
/// Scores: depth·2^42 + ms stays an exact double below 2^53, so depths
/// below 2,047 with any clock before the year 2109.
enum FrontierLua {
    static let prelude = #"""
    local P = KEYS[1]
    local READY, STAT, LEASES, LEASE = P .. 'ready', P .. 'stat', P .. 'leases', P .. 'lease'
    local LEVEL_UNIT = 4398046511104

    local function num(s) return tonumber(s) or 0 end
    local function fmt(n) return string.format('%d', n) end
    local function hkey(host) return P .. 'h:' .. host end
    local function qkey(host) return P .. 'q:' .. host end
    -- Counter changes are summed here and written once, by `flush_counts`
    -- at the script's end: one HMGET and one HSET instead of a HINCRBY per
    -- change (a command run from Lua costs Redis about a microsecond beyond
    -- its own work, and a lease moves four counters). Every script that
    -- counts calls `flush_counts` before it returns.
    local deltas = {}
    local function count(field, by) deltas[field] = (deltas[field] or 0) + by end
    local function flush_counts()
      local fields = {}
      for field, by in pairs(deltas) do if by ~= 0 then fields[#fields + 1] = field end end
      if #fields == 0 then return end
      local values = redis.call('HMGET', STAT, unpack(fields))
      local changes = {}
      for i, field in ipairs(fields) do
        changes[#changes + 1] = field
        changes[#changes + 1] = fmt(num(values[i]) + deltas[field])
      end
      redis.call('HSET', STAT, unpack(changes))
      deltas = {}
    end

    -- One clock for every worker: the server's.
    local function now_ms()
      local t = redis.call('TIME')
      return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
    end

    local function parse(item)
      local kind, attempt, depth, rest = string.match(item, '^([^\n]*)\n([^\n]*)\n([^\n]*)\n(.*)$')
      return kind, tonumber(attempt), tonumber(depth), rest
    end

    local function retried(item)
      local kind, attempt, depth, rest = parse(item)
      return kind .. '\n' .. fmt(attempt + 1) .. '\n' .. fmt(depth) .. '\n' .. rest
    end

    -- A lease's payload: host "\n" item.
    local function split_held(held)
      local at = string.find(held, '\n', 1, true)
      return string.sub(held, 1, at - 1), string.sub(held, at + 1)
    end

    -- Moves one item of depth d from counter `from` to `to` (either may be nil).
    local function move(depth, from, to)
      if from then count(from, -1) count(from .. ':' .. depth, -1) end
      if to then count(to, 1) count(to .. ':' .. depth, 1) end
    end

    local function host_delay(host, configured)
      return math.max(configured, num(redis.call('HGET', hkey(host), 'crawldelay')))
    end

    -- A leased item that did not finish: back to the head of its host's list
    -- with attempt+1, inflight → pending; or, when that would be its
    -- max_attempts-th lease (0: no limit), onto the partition's `dead` list,
    -- inflight → dead. A robots job given up on leaves its host `done`
    -- without rules (the worker decides what no rules mean).
    local function give_back(host, item, max_attempts)
      local kind, attempt, depth = parse(item)
      local h = hkey(host)
      if max_attempts > 0 and attempt + 1 >= max_attempts then
        redis.call('RPUSH', P .. 'dead', host .. '\n' .. retried(item))
        move(depth, 'inflight', 'dead')
        if kind == 'r' then redis.call('HSET', h, 'robots', 'done') end
      else
        redis.call('LPUSH', qkey(host), retried(item))
        move(depth, 'inflight', 'pending')
        if kind == 'r' then redis.call('HSET', h, 'robots', 'queued') end
      end
    end

    -- A page whose own retry waits (not its host's): into `later`, due at
    -- `due` (ms), until `acquire` puts it back at the head of its host's
    -- list; inflight → pending, or given up on as `give_back` would.
    local function give_back_later(host, item, max_attempts, due)
      local _, attempt, depth = parse(item)
      if max_attempts > 0 and attempt + 1 >= max_attempts then
        give_back(host, item, max_attempts)
        return
      end
      redis.call('ZADD', P .. 'later', fmt(due), host .. '\n' .. retried(item))
      move(depth, 'inflight', 'pending')
    end

    -- The one readiness rule: a host is in `ready` iff its list is non-empty,
    -- it is below its cap and no robots job holds it (leased, or queued
    -- behind leases still out); its score follows its head item's depth.
    -- `known`, when the caller has just read and written the host's hash,
    -- holds its inflight, max, next and robots, so they are not read again.
    local function refresh(host, known)
      local head = redis.call('LINDEX', qkey(host), 0)
      if not head then redis.call('ZREM', READY, host) return end
      if not known then
        local f = redis.call('HMGET', hkey(host), 'inflight', 'max', 'next', 'robots')
        known = { inflight = num(f[1]), max = num(f[2]), next = num(f[3]), robots = f[4] }
      end
      local inflight, robots = known.inflight, known.robots
      if robots == 'leased' or inflight >= known.max or (robots == 'queued' and inflight > 0) then
        redis.call('ZREM', READY, host)
        return
      end
      local _, _, depth = parse(head)
      redis.call('ZADD', READY, fmt(depth * LEVEL_UNIT + known.next), host)
    end

    -- The depth band of `ready`'s member at `rank` (0 the lowest, -1 the
    -- highest), or nil when `ready` is empty: scores are depth·2^42 + ms.
    local function depth_at(rank)
      local top = redis.call('ZRANGE', READY, rank, rank, 'WITHSCORES')
      if top[2] then return math.floor(tonumber(top[2]) / LEVEL_UNIT) end
    end

    """#
}
