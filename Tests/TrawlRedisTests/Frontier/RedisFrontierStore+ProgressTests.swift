import Testing
@testable import TrawlRedis

struct RedisFrontierStoreProgressTests {
    let hosts = (0..<12).map { "h\($0).example" }

    @Test func statusSumsEveryPartition() throws {
        try withFrontier(partitions: 8) { store, _ in
            try store.add(hosts.flatMap { host in (0..<3).map { page(host, "\($0)") } })
            #expect(Set(hosts.map { store.partition(ofHost: "https://\($0)") }).count > 1)
            let fresh = try store.status()
            #expect(fresh.pending == 36)
            #expect(fresh.readyHosts == 12)
            #expect(fresh.leased == 0)
            let leases = try store.acquireAny()
            #expect(leases.count == 12)
            for lease in leases.prefix(5) { try store.complete(lease, outcome: .page(record: [1])) }
            let status = try store.status()
            #expect(status.pending == 24)
            #expect(status.inFlight == 7)
            #expect(status.leased == 7)
            #expect(status.done == 5)
            #expect(status.readyHosts == 5)
            #expect(status.versions.count == 8)
            #expect(try store.allRecords().count == 5)
        }
    }

    @Test func theCrawlIsFinishedOnlyWhenNothingIsPendingOrLeased() throws {
        try withFrontier(partitions: 8) { store, _ in
            #expect(try store.isFinished())
            try store.add(hosts.map { page($0, "x") })
            #expect(try store.isFinished() == false)
            let leases = try store.acquireAny()
            #expect(leases.count == 12)
            #expect(try store.isFinished() == false)
            for lease in leases.dropLast() { try store.complete(lease, outcome: .page(record: Array(lease.url.utf8))) }
            #expect(try store.isFinished() == false)
            try store.complete(leases[11], outcome: .page(record: Array(leases[11].url.utf8)))
            #expect(try store.isFinished())
            let records = try store.allRecords().map { String(decoding: $0, as: UTF8.self) }
            #expect(records.count == 12)
            #expect(Set(records) == Set(hosts.map { "https://\($0)/x" }))
        }
    }

    @Test func recordsAreReadInPagesAfterTheLastId() throws {
        try withFrontier(partitions: 1) { store, _ in
            try store.add(hosts.map { page($0, "r") })
            for lease in try store.acquireAny() { try store.complete(lease, outcome: .page(record: Array(lease.url.utf8))) }
            var after = "0"
            var pages: [[String]] = []
            while true {
                let batch = try store.readRecords(partition: 0, after: after, count: 5)
                guard let last = batch.last else { break }
                pages.append(batch.map { String(decoding: $0.bytes, as: UTF8.self) })
                after = last.id
            }
            #expect(pages.map(\.count) == [5, 5, 2])
            #expect(Set(pages.joined()) == Set(hosts.map { "https://\($0)/r" }))
        }
    }

    @Test func theScriptsSurviveAFlushedScriptCache() throws {
        try withFrontier { store, _ in
            try store.add([page("a.example", "1"), page("b.example", "1")])
            try store.redis.command("SCRIPT", "FLUSH")
            let leases = try store.acquireAny()
            #expect(leases.count == 2)
            try store.redis.command("SCRIPT", "FLUSH")
            for lease in leases { #expect(try store.complete(lease, outcome: .page(record: [2]))) }
            try store.redis.command("SCRIPT", "FLUSH")
            #expect(try store.add([page("a.example", "1"), page("a.example", "2")]) == 1)
            #expect(try store.status().done == 2)
        }
    }

    @Test func theFrontierSurvivesAKilledServer() throws {
        try withFrontier(server: .init(appendFsync: .always)) { store, server in
            try store.add(hosts.map { page($0, "1") } + hosts.map { page($0, "2") })
            let leases = try store.acquireAny()
            #expect(leases.count == 12)
            for lease in leases.prefix(4) { try store.complete(lease, outcome: .page(record: [3])) }
            let before = try store.status()
            server.kill()
            try server.restart()
            #expect(try store.status() == before)
            #expect(try store.add([page("h0.example", "1")]) == 0)
            for lease in leases.dropFirst(4) { #expect(try store.complete(lease, outcome: .page(record: [3]))) }
            var more: [FrontierLease] = []
            let deadline = ContinuousClock.now + .seconds(3)
            while more.count < 12 && ContinuousClock.now < deadline { more += try store.acquireAny() }
            #expect(Set(more.map(\.url)) == Set(hosts.map { "https://\($0)/2" }))
            for lease in more { #expect(try store.complete(lease, outcome: .page(record: [3]))) }
            #expect(try store.isFinished())
            #expect(try store.allRecords().count == 24)
        }
    }
}
