import Foundation
import Testing
import TrawlFetch

/// The guard against link-local and private addresses on real transfers,
/// with both fetchers, run only inside a fresh network namespace
/// (`NetworkNamespace`) where 169.254.169.254, 10.77.0.1, fe80::1 and
/// fd00:77::1 are addresses of the namespace's own loopback interface: no
/// packet can leave the machine even if the guard fails, and every
/// address the guard refuses really has a server behind it (the allowed
/// scenarios prove it), so a refusal is the guard's and not the network's.
struct AddressGuardNamespaceTests {
    /// A fetch inside the namespace. `v4` and `v6` are the ports of the
    /// fixture servers listening on 0.0.0.0 and :: there.
    struct Scenario {
        var name: String
        var adjust: @Sendable (inout FetchConfiguration, _ v4: Int) -> Void
        var url: @Sendable (_ v4: Int, _ v6: Int) -> String
    }

    static let linkLocal = "169.254.169.254 is link-local (169.254.0.0/16): refused; --allow-link-local allows it"

    static let scenarios: [(Scenario, expected: String)] = [
        // Link-local, refused by default: a resolve entry (what a DNS answer
        // would be), its IPv4-mapped form, an IPv6 literal, and a redirect
        // libcurl follows from 127.0.0.1.
        (Scenario(name: "resolve to 169.254.169.254",
                  adjust: { $0.resolve = ["meta.test:\($1):169.254.169.254"] },
                  url: { v4, _ in "http://meta.test:\(v4)/ok" }),
         "address-refused: \(linkLocal) | status nil | bytes 0 | connections 0"),
        (Scenario(name: "resolve to ::ffff:169.254.169.254",
                  adjust: { $0.resolve = ["mapped.test:\($1):[::ffff:169.254.169.254]"] },
                  url: { v4, _ in "http://mapped.test:\(v4)/ok" }),
         "address-refused: ::ffff:169.254.169.254 is link-local (169.254.0.0/16, IPv4-mapped): refused; "
            + "--allow-link-local allows it | status nil | bytes 0 | connections 0"),
        (Scenario(name: "fe80::1", adjust: { _, _ in }, url: { _, v6 in "http://[fe80::1%25lo]:\(v6)/ok" }),
         "address-refused: fe80::1 is link-local (fe80::/10): refused; --allow-link-local allows it"
            + " | status nil | bytes 0 | connections 0"),
        (Scenario(name: "redirect to 169.254.169.254", adjust: { _, _ in },
                  url: { v4, _ in "http://127.0.0.1:\(v4)/redirect-to/169.254.169.254/\(v4)" }),
         "address-refused: \(linkLocal) | status nil | bytes 0 | connections 1"),
        // The same with --allow-link-local: every one of those addresses answers.
        (Scenario(name: "allow-link-local, resolve to 169.254.169.254",
                  adjust: { $0.resolve = ["meta.test:\($1):169.254.169.254"]; $0.addressGuard.refuseLinkLocal = false },
                  url: { v4, _ in "http://meta.test:\(v4)/ok" }),
         "200 | redirects 0 | connections 1"),
        (Scenario(name: "allow-link-local, resolve to ::ffff:169.254.169.254",
                  adjust: { $0.resolve = ["mapped.test:\($1):[::ffff:169.254.169.254]"]; $0.addressGuard.refuseLinkLocal = false },
                  url: { v4, _ in "http://mapped.test:\(v4)/ok" }),
         "200 | redirects 0 | connections 1"),
        (Scenario(name: "allow-link-local, fe80::1", adjust: { configuration, _ in configuration.addressGuard.refuseLinkLocal = false },
                  url: { _, v6 in "http://[fe80::1%25lo]:\(v6)/ok" }),
         "200 | redirects 0 | connections 1"),
        (Scenario(name: "allow-link-local, redirect to 169.254.169.254",
                  adjust: { configuration, _ in configuration.addressGuard.refuseLinkLocal = false },
                  url: { v4, _ in "http://127.0.0.1:\(v4)/redirect-to/169.254.169.254/\(v4)" }),
         "200 | redirects 1 | connections 2"),
        // A connect-to target is the user's own choice, link-local or not.
        (Scenario(name: "connect-to 169.254.169.254",
                  adjust: { $0.connectTo = ["meta.test:80:169.254.169.254:\($1)"] },
                  url: { _, _ in "http://meta.test/ok" }),
         "200 | redirects 0 | connections 1"),
        // Private addresses: allowed by default, refused with refusePrivate
        // unless named with connect-to.
        (Scenario(name: "resolve to 10.77.0.1", adjust: { $0.resolve = ["private.test:\($1):10.77.0.1"] },
                  url: { v4, _ in "http://private.test:\(v4)/ok" }),
         "200 | redirects 0 | connections 1"),
        (Scenario(name: "deny-private, resolve to 10.77.0.1",
                  adjust: { $0.resolve = ["private.test:\($1):10.77.0.1"]; $0.addressGuard.refusePrivate = true },
                  url: { v4, _ in "http://private.test:\(v4)/ok" }),
         "address-refused: 10.77.0.1 is private (10.0.0.0/8): refused by --deny-private; a --connect-to target is allowed"
            + " | status nil | bytes 0 | connections 0"),
        (Scenario(name: "deny-private, connect-to 10.77.0.1",
                  adjust: { $0.connectTo = ["private.test:80:10.77.0.1:\($1)"]; $0.addressGuard.refusePrivate = true },
                  url: { _, _ in "http://private.test/ok" }),
         "200 | redirects 0 | connections 1"),
        (Scenario(name: "fd00:77::1", adjust: { _, _ in }, url: { _, v6 in "http://[fd00:77::1]:\(v6)/ok" }),
         "200 | redirects 0 | connections 1"),
        (Scenario(name: "deny-private, fd00:77::1", adjust: { configuration, _ in configuration.addressGuard.refusePrivate = true },
                  url: { _, v6 in "http://[fd00:77::1]:\(v6)/ok" }),
         "address-refused: fd00:77::1 is unique local (fc00::/7): refused by --deny-private; a --connect-to target is allowed"
            + " | status nil | bytes 0 | connections 0"),
    ]

    /// Every scenario with every fetcher, as the inner run reports them.
    static var expected: [String: String] {
        var expected: [String: String] = [:]
        for kind in FetcherKind.allCases {
            for (scenario, outcome) in scenarios {
                expected["\(kind.rawValue): \(scenario.name)"] = outcome
            }
        }
        return expected
    }

    @Test(.enabled(if: NetworkNamespace.isAvailable,
                   "needs a network namespace of its own: `unshare -n` (root or CAP_SYS_ADMIN) or `unshare -rn`, and `ip`"),
          .timeLimit(.minutes(3)))
    func refusesLinkLocalAndPrivateAddressesInsideAFreshNamespace() async throws {
        let inner = try await NetworkNamespace.run(filter: "AddressGuardNamespaceTests/insideTheNamespace")
        #expect(inner.status == 0, "the run inside the namespace failed:\n\(inner.log)")
        let report = try #require(inner.report, "the run inside the namespace wrote no report:\n\(inner.log)")
        let outcomes = try JSONDecoder().decode([String: String].self, from: report)
        let expected = Self.expected
        for name in expected.keys.sorted() {
            #expect(outcomes[name] == expected[name], "\(name)")
        }
        #expect(outcomes.count == expected.count)
    }

    /// Runs only in the process `refusesLinkLocalAndPrivateAddressesInsideAFreshNamespace`
    /// starts inside the namespace.
    @Test(.enabled(if: NetworkNamespace.reportPath != nil,
                   "runs only inside the namespace that refusesLinkLocalAndPrivateAddressesInsideAFreshNamespace makes"))
    func insideTheNamespace() async throws {
        let reportPath = try #require(NetworkNamespace.reportPath)
        // Nothing below may run where a packet could leave the machine.
        try #require(try NetworkNamespace.interfaces() == ["lo"])
        let outcomes = try await FixtureServer.withServer(host: "0.0.0.0") { v4 in
            try await FixtureServer.withServer(host: "::") { v6 in
                var outcomes: [String: String] = [:]
                for kind in FetcherKind.allCases {
                    for (scenario, _) in Self.scenarios {
                        var configuration = FetchConfiguration()
                        configuration.timeout = .seconds(10)
                        configuration.connectTimeout = .seconds(5)
                        scenario.adjust(&configuration, v4.port)
                        let before = v4.connectionCount + v6.connectionCount
                        let result = try await kind.fetch(configuration, scenario.url(v4.port, v6.port))
                        let connections = v4.connectionCount + v6.connectionCount - before
                        outcomes["\(kind.rawValue): \(scenario.name)"] = Self.describe(result, connections: connections)
                    }
                }
                return outcomes
            }
        }
        try JSONEncoder().encode(outcomes).write(to: URL(fileURLWithPath: reportPath))
    }

    private static func describe(_ result: Result<FetchResponse, FetchError>, connections: Int) -> String {
        switch result {
        case .success(let response):
            "\(response.status) | redirects \(response.redirectCount) | connections \(connections)"
        case .failure(let error):
            "\(error.code): \(error.message) | status \(error.status.map(String.init) ?? "nil")"
                + " | bytes \(error.bytesReceived) | connections \(connections)"
        }
    }
}
