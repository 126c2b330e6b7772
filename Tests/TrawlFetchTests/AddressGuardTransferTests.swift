import Testing
import TrawlFetch

/// The guard on real transfers that stay on loopback (127.0.0.0/8), so they
/// are safe to run anywhere: `refusePrivate` and its connect-to exemption.
/// Link-local addresses are tried only inside a network namespace
/// (AddressGuardNamespaceTests).
struct AddressGuardTransferTests {
    static let loopbackRefusal =
        "127.0.0.1 is loopback (127.0.0.0/8): refused by --deny-private; a --connect-to target is allowed"

    private func denyingPrivate(_ adjust: (inout FetchConfiguration) -> Void = { _ in }) -> FetchConfiguration {
        var configuration = FetchConfiguration()
        configuration.addressGuard.refusePrivate = true
        configuration.timeout = .seconds(10)
        adjust(&configuration)
        return configuration
    }

    @Test(arguments: FetcherKind.allCases)
    func denyPrivateRefusesLoopbackWithoutConnecting(kind: FetcherKind) async throws {
        try await FixtureServer.withServer { server in
            let error = try await kind.fetch(denyingPrivate(), server.url("/ok")).fetchError
            #expect(error?.code == .addressRefused)
            #expect(error?.message == Self.loopbackRefusal)
            #expect(error?.url == server.url("/ok"))
            #expect(error?.curlCode == 7)
            #expect(error?.status == nil)
            #expect(error?.bytesReceived == 0)
            #expect(server.connectionCount == 0)
        }
    }

    @Test(arguments: FetcherKind.allCases)
    func aResolveEntryIsNotExempt(kind: FetcherKind) async throws {
        try await FixtureServer.withServer { server in
            let configuration = denyingPrivate { $0.resolve = ["h1.trawl.test:\(server.port):127.0.0.1"] }
            let error = try await kind.fetch(configuration, "http://h1.trawl.test:\(server.port)/ok").fetchError
            #expect(error?.code == .addressRefused)
            #expect(error?.message == Self.loopbackRefusal)
            #expect(server.connectionCount == 0)
        }
    }

    @Test(arguments: FetcherKind.allCases, ["127.0.0.1", "localhost"])
    func aConnectToTargetIsExempt(kind: FetcherKind, target: String) async throws {
        try await FixtureServer.withServer { server in
            let configuration = denyingPrivate { $0.connectTo = ["h1.trawl.test:80:\(target):\(server.port)"] }
            let response = try await kind.fetch(configuration, "http://h1.trawl.test/headers").get()
            #expect(response.status == 200)
            #expect(response.body == Array("h1.trawl.test".utf8))
            #expect(server.connectionCount == 1)
        }
    }

    /// libcurl follows a redirect from an exempt target (127.0.0.2) to a
    /// refused address (127.0.0.1): the second connection is judged too.
    @Test(arguments: FetcherKind.allCases)
    func aRedirectLibcurlFollowsIsJudgedAgain(kind: FetcherKind) async throws {
        try await FixtureServer.withServer(host: "127.0.0.2") { front in
            try await FixtureServer.withServer { target in
                let configuration = denyingPrivate { $0.connectTo = ["front.test:80:127.0.0.2:\(front.port)"] }
                let url = "http://front.test/redirect-to/127.0.0.1/\(target.port)"
                let error = try await kind.fetch(configuration, url).fetchError
                #expect(error?.code == .addressRefused)
                #expect(error?.message == Self.loopbackRefusal)
                #expect(error?.url == url)
                #expect(error?.status == nil)
                #expect(error?.bytesReceived == 0)
                #expect(front.connectionCount == 1)
                #expect(target.connectionCount == 0)
            }
        }
    }

    @Test(arguments: FetcherKind.allCases)
    func theDefaultGuardAllowsLoopback(kind: FetcherKind) async throws {
        try await FixtureServer.withServer { server in
            let response = try await kind.fetch(FetchConfiguration(), server.url("/redirect/1")).get()
            #expect(response.status == 200)
            #expect(response.redirectCount == 1)
        }
    }
}
