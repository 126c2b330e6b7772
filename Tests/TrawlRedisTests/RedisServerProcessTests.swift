import Foundation
import Testing
@testable import TrawlRedis

struct RedisServerProcessTests {
    @Test func stopLeavesNoProcessAndNoFolderBehind() throws {
        let server = try RedisServerProcess(options: .init(listensOnTCP: true))
        try server.start()
        let pid = try #require(server.pid)
        let folder = server.directory
        #expect(folder.hasPrefix("/tmp/trawl-redis-"))
        #expect(FileManager.default.fileExists(atPath: "\(folder)/redis.sock"))
        #expect(isAlive(pid))
        server.stop()
        #expect(!isAlive(pid))
        #expect(!FileManager.default.fileExists(atPath: folder))
        #expect(!server.isRunning)
    }

    @Test func withRedisServerStopsTheServerWhenTheBodyThrows() throws {
        struct Planned: Error {}
        var seen: (pid: Int32, folder: String)?
        #expect(throws: Planned.self) {
            try withRedisServer { server in
                seen = (try #require(server.pid), server.directory)
                throw Planned()
            }
        }
        let (pid, folder) = try #require(seen)
        #expect(!isAlive(pid))
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test func droppingTheLastReferenceStopsTheServer() throws {
        var server: RedisServerProcess? = try RedisServerProcess()
        try server!.start()
        let pid = try #require(server!.pid)
        let folder = server!.directory
        server = nil
        #expect(!isAlive(pid))
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test func theServerUsesItsOwnFolderAndAppendOnlyFile() throws {
        try withRedisServer { server in
            let redis = try RedisConnection(connectingTo: server.endpoint())
            let configuration = { (name: String) throws -> String? in
                try redis.command("CONFIG", "GET", name).elements?.last?.string
            }
            #expect(try configuration("dir") == server.directory)
            #expect(try configuration("appendonly") == "yes")
            #expect(try configuration("appendfsync") == "everysec")
            #expect(try configuration("save") == "")
            #expect(try configuration("port") == "0")
            #expect(try configuration("unixsocketperm") == "700")
        }
    }

    @Test func restartKeepsThePortAndTheData() throws {
        try withRedisServer(.init(listensOnTCP: true)) { server in
            let endpoint = try #require(server.tcpEndpoint())
            try RedisConnection(connectingTo: endpoint).command("SET", "k", "v")
            try server.restart()
            #expect(server.tcpEndpoint() == endpoint)
            #expect(try RedisConnection(connectingTo: endpoint).command("GET", "k").string == "v")
        }
    }

    @Test func aMissingProgramIsReportedByName() throws {
        let server = try RedisServerProcess(options: .init(executable: "redis-server-missing"))
        defer { server.stop() }
        let error = try #require(throws: RedisError.self) {
            try server.start()
        }
        #expect(error.code == .serverProcess)
        #expect(error.message.hasPrefix("redis-server in \(server.directory): redis-server-missing not found on PATH ("))
        #expect(error.message.hasSuffix("): install Debian's redis-server (make deps)"))
    }

    @Test func aServerThatFailsToStartShowsItsLog() throws {
        let server = try RedisServerProcess(options: .init(extraConfiguration: ["no-such-directive yes"]))
        defer { server.stop() }
        let start = ContinuousClock.now
        let error = try #require(throws: RedisError.self) {
            try server.start()
        }
        #expect(error.code == .serverProcess)
        #expect(error.message.hasPrefix("redis-server in \(server.directory): exited with status 1 during start; its log ends:\n"))
        #expect(error.message.contains("Bad directive or wrong number of arguments"))
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(!server.isRunning)
    }

    @Test func aStoppedServerCannotBeStartedAgain() throws {
        let server = try RedisServerProcess()
        server.stop()
        #expect(throws: RedisError.self) { try server.start() }
    }

    private func isAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0
    }
}
