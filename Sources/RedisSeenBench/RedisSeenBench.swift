import TrawlRedis

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `swift run -c release RedisSeenBench` (or `scripts/bench-redis-seen.sh`):
/// what the seen set of issue 16 costs in Redis. Starts a private
/// redis-server, SADDs URLS (default 1,000,000) distinct random int64
/// fingerprints, as decimal strings, into BUCKETS (default 4,096) sets
/// `{0}:s:<low bits of the fingerprint>` through pipelines of BATCH
/// commands, and prints the growth of `used_memory` per URL, the time
/// taken, and how many buckets Redis keeps as an `intset` (all of them,
/// or the figure is not the one the design counts on: the run then exits 1).
///
///     RedisSeenBench [--urls N] [--buckets N] [--batch N]
@main
struct RedisSeenBench {
    static func main() throws {
        let options = Options(CommandLine.arguments.dropFirst())
        try withRedisServer { server in
            // Memory is read on a connection of its own, before and after:
            // the loading connection's query buffer (up to a pipeline's
            // worth, ~0.5 MB) would count as seen-set bytes otherwise, and
            // it is freed only when that connection closes.
            let redis = try RedisConnection(connectingTo: server.endpoint(crawl: "bench"), commandTimeout: .seconds(60))
            let before = try usedMemory(redis)
            let loader = try RedisConnection(connectingTo: server.endpoint(crawl: "bench"), commandTimeout: .seconds(60))
            let clock = ContinuousClock()
            let start = clock.now
            let added = try addFingerprints(options, to: loader)
            let adding = clock.now - start
            loader.close()
            try waitForClients(1, on: redis)
            let after = try usedMemory(redis)
            let census = try bucketCensus(options, on: redis)

            let seconds = Double(adding.components.seconds) + Double(adding.components.attoseconds) / 1e18
            let grown = after - before
            print("redis-server:    \(try serverVersion(redis)), private, \(server.directory)")
            print("fingerprints:    \(options.urls) random int64, \(added) new, in \(options.buckets) buckets {0}:s:<b>")
            print("SADD:            \(format(seconds)) s, \(Int(Double(options.urls) / seconds)) SADD/s in pipelines of \(options.batch)")
            print("used_memory:     \(before) -> \(after) bytes, +\(grown)")
            print("per URL:         \(format(Double(grown) / Double(added))) bytes")
            print("bucket sizes:    \(census.smallest)…\(census.largest) members (mean \(format(Double(added) / Double(options.buckets))))")
            print("bucket 0:        \(census.sampleBytes) bytes (MEMORY USAGE)")
            print("encodings:       \(census.encodings.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
            if census.encodings.keys.sorted() != ["intset"] {
                print("error: not every bucket is an intset")
                exit(1)
            }
        }
    }

    /// SADDs every fingerprint; returns how many were new (all of them,
    /// unless two random int64s collided: odds of 3·10⁻⁸ at a million).
    static func addFingerprints(_ options: Options, to redis: RedisConnection) throws -> Int {
        var generator = SystemRandomNumberGenerator()
        let mask = UInt64(options.buckets - 1)
        var added = 0
        var sent = 0
        while sent < options.urls {
            let count = min(options.batch, options.urls - sent)
            let commands: [[any RedisArgument]] = (0..<count).map { _ in
                let fingerprint = generator.next()
                return ["SADD", "{0}:s:\(fingerprint & mask)", Int64(bitPattern: fingerprint)]
            }
            for reply in try redis.pipeline(commands) {
                guard let new = reply.integerValue else { throw BenchFailure(reply: reply) }
                added += Int(new)
            }
            sent += count
        }
        return added
    }

    /// Every bucket's size and encoding, and one bucket's bytes.
    static func bucketCensus(_ options: Options, on redis: RedisConnection)
        throws -> (smallest: Int64, largest: Int64, encodings: [String: Int], sampleBytes: Int64) {
        let keys = (0..<options.buckets).map { "{0}:s:\($0)" }
        let sizes = try redis.pipeline(keys.map { ["SCARD", $0] }).compactMap(\.integerValue)
        let encodings = try redis.pipeline(keys.map { ["OBJECT", "ENCODING", $0] })
            .reduce(into: [String: Int]()) { counts, reply in counts[reply.string ?? "\(reply)", default: 0] += 1 }
        let sampleBytes = try redis.command("MEMORY", "USAGE", keys[0]).integerValue ?? -1
        return (sizes.min() ?? 0, sizes.max() ?? 0, encodings, sampleBytes)
    }

    /// Waits (at most 2 s) until the server has let go of closed clients.
    static func waitForClients(_ count: Int, on redis: RedisConnection) throws {
        let deadline = ContinuousClock.now + .seconds(2)
        while try infoField("connected_clients", section: "clients", redis) != String(count), ContinuousClock.now < deadline {
            usleep(1_000)
        }
    }

    static func usedMemory(_ redis: RedisConnection) throws -> Int {
        try infoField("used_memory", section: "memory", redis).flatMap { Int($0) } ?? 0
    }

    static func serverVersion(_ redis: RedisConnection) throws -> String {
        "Redis " + (try infoField("redis_version", section: "server", redis) ?? "?")
    }

    /// One `name:value` line of INFO.
    static func infoField(_ name: String, section: String, _ redis: RedisConnection) throws -> String? {
        let text = try redis.command("INFO", section).string ?? ""
        return text.split(whereSeparator: \.isNewline).first { $0.hasPrefix("\(name):") }
            .map { String($0.dropFirst(name.count + 1)) }
    }

    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var reply: RedisReply
    var description: String { "SADD answered \(reply), not an integer" }
}
