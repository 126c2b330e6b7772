import Foundation
import Testing
import TrawlFetch

/// The pure rule: which addresses each guard refuses, and what it says.
/// The transfers that enforce it are in AddressGuardTransferTests and
/// AddressGuardNamespaceTests.
struct AddressGuardTests {
    /// Address, refused by the default guard (link-local only), refused with
    /// `refusePrivate` as well. Every range's first and last address and
    /// its neighbours outside.
    static let cases: [(address: String, byDefault: Bool, withPrivate: Bool)] = [
        // Link-local IPv4, 169.254.0.0/16.
        ("169.253.255.255", false, false),
        ("169.254.0.0", true, true),
        ("169.254.169.254", true, true),
        ("169.254.255.255", true, true),
        ("169.255.0.0", false, false),
        // Link-local IPv6, fe80::/10; site-local fec0::/10 follows it.
        ("fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false, false),
        ("fe80::", true, true),
        ("fe80::1", true, true),
        ("febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true, true),
        ("fec0::", false, true),
        ("feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false, true),
        ("ff02::1", false, false),
        // IPv4 carried in IPv6.
        ("::ffff:169.254.169.254", true, true),
        ("::ffff:169.253.255.255", false, false),
        ("::ffff:169.255.0.0", false, false),
        ("::ffff:10.0.0.1", false, true),
        ("::ffff:127.0.0.1", false, true),
        ("::ffff:8.8.8.8", false, false),
        ("::169.254.169.254", true, true),
        ("::10.0.0.1", false, true),
        ("::8.8.8.8", false, false),
        ("::2", false, true),   // IPv4-compatible 0.0.0.2
        ("64:ff9b::169.254.169.254", true, true),
        ("64:ff9b::127.0.0.1", false, true),
        ("64:ff9b::8.8.8.8", false, false),
        ("64:ff9b:1::169.254.169.254", false, false),
        ("::fffe:169.254.169.254", false, false),
        ("1::ffff:169.254.169.254", false, false),
        // Private IPv4.
        ("0.0.0.0", false, true),
        ("0.255.255.255", false, true),
        ("1.0.0.0", false, false),
        ("9.255.255.255", false, false),
        ("10.0.0.0", false, true),
        ("10.255.255.255", false, true),
        ("11.0.0.0", false, false),
        ("100.63.255.255", false, false),
        ("100.64.0.0", false, true),
        ("100.100.100.200", false, true),
        ("100.127.255.255", false, true),
        ("100.128.0.0", false, false),
        ("126.255.255.255", false, false),
        ("127.0.0.0", false, true),
        ("127.0.0.1", false, true),
        ("127.255.255.255", false, true),
        ("128.0.0.0", false, false),
        ("172.15.255.255", false, false),
        ("172.16.0.0", false, true),
        ("172.31.255.255", false, true),
        ("172.32.0.0", false, false),
        ("192.167.255.255", false, false),
        ("192.168.0.0", false, true),
        ("192.168.255.255", false, true),
        ("192.169.0.0", false, false),
        ("8.8.8.8", false, false),
        ("224.0.0.1", false, false),
        ("255.255.255.255", false, false),
        // Private IPv6.
        ("::", false, true),
        ("::1", false, true),
        ("::3:0:0", false, false),
        ("fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false, false),
        ("fc00::", false, true),
        ("fd00:ec2::254", false, true),
        ("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false, true),
        ("fe00::", false, false),
        ("2606:4700::1111", false, false),
        ("2001:db8::1", false, false),
    ]

    @Test(arguments: cases)
    func refusesExactlyItsRanges(address text: String, byDefault: Bool, withPrivate: Bool) throws {
        let address = try #require(IPAddress(text))
        #expect((AddressGuard().refusal(for: address) != nil) == byDefault)
        #expect((AddressGuard(refusePrivate: true).refusal(for: address) != nil) == withPrivate)
        // --deny-private --allow-link-local: private ones only.
        let privateOnly = AddressGuard(refuseLinkLocal: false, refusePrivate: true)
        #expect((privateOnly.refusal(for: address) != nil) == (withPrivate && !byDefault))
        #expect(AddressGuard(refuseLinkLocal: false).refusal(for: address) == nil)
        #expect(!AddressGuard(refuseLinkLocal: false).refusesAnything)
    }

    @Test func refusalNamesTheAddressTheRuleAndTheFlag() {
        let standard = AddressGuard()
        #expect(standard.refusal(for: IPAddress("169.254.169.254")!)
                == "169.254.169.254 is link-local (169.254.0.0/16): refused; --allow-link-local allows it")
        #expect(standard.refusal(for: IPAddress("fe80::1%lo")!)
                == "fe80::1 is link-local (fe80::/10): refused; --allow-link-local allows it")
        #expect(standard.refusal(for: IPAddress("::ffff:169.254.169.254")!)
                == "::ffff:169.254.169.254 is link-local (169.254.0.0/16, IPv4-mapped): refused; --allow-link-local allows it")
        #expect(standard.refusal(for: IPAddress("64:ff9b::a9fe:1")!)
                == "64:ff9b::a9fe:1 is link-local (169.254.0.0/16, NAT64): refused; --allow-link-local allows it")

        let strict = AddressGuard(refusePrivate: true)
        let privateSuffix = ": refused by --deny-private; a --connect-to target is allowed"
        let expected: [(String, String)] = [
            ("127.0.0.1", "127.0.0.1 is loopback (127.0.0.0/8)"),
            ("10.1.2.3", "10.1.2.3 is private (10.0.0.0/8)"),
            ("172.20.0.1", "172.20.0.1 is private (172.16.0.0/12)"),
            ("192.168.1.1", "192.168.1.1 is private (192.168.0.0/16)"),
            ("100.100.100.200", "100.100.100.200 is CGNAT shared space (100.64.0.0/10)"),
            ("0.0.0.0", "0.0.0.0 is unspecified (0.0.0.0/8)"),
            ("::", ":: is unspecified (::/128)"),
            ("::1", "::1 is loopback (::1/128)"),
            ("fd00:ec2::254", "fd00:ec2::254 is unique local (fc00::/7)"),
            ("fec0::1", "fec0::1 is site-local (fec0::/10)"),
            ("::ffff:192.168.0.1", "::ffff:192.168.0.1 is private (192.168.0.0/16, IPv4-mapped)"),
            ("::10.0.0.1", "::10.0.0.1 is private (10.0.0.0/8, IPv4-compatible)"),
        ]
        for (address, message) in expected {
            #expect(strict.refusal(for: IPAddress(address)!) == message + privateSuffix)
        }
    }

    @Test func connectToTargetsAreExempt() {
        let entries = [
            "h1.test:80:127.0.0.1:8080",
            "::[::1]:8080",
            "h2.test:443:[fd00::5]:",
            "h3.test:80:169.254.169.254:80",
            "h4.test:80:proxy.example:8080",   // a name: exempts nothing
            "h5.test:80::8080",                // no CONNECT-HOST
            "garbage",
        ]
        let exempting = AddressGuard(refusePrivate: true).exempting(connectTo: entries)
        #expect(exempting.exemptions == Set(["127.0.0.1", "::1", "fd00::5", "169.254.169.254"].compactMap(IPAddress.init)))
        for allowed in ["127.0.0.1", "::1", "fd00::5", "169.254.169.254", "::ffff:127.0.0.1", "::ffff:169.254.169.254"] {
            #expect(exempting.refusal(for: IPAddress(allowed)!) == nil, "\(allowed)")
        }
        for refused in ["127.0.0.2", "fd00::6", "169.254.169.253", "10.0.0.1"] {
            #expect(exempting.refusal(for: IPAddress(refused)!) != nil, "\(refused)")
        }
        // The rules themselves are unchanged.
        #expect(exempting.refuseLinkLocal && exempting.refusePrivate)
    }

    @Test(arguments: ["localhost", "LocalHost", "app.localhost"])
    func localhostAsATargetExemptsBothLoopbackAddresses(name: String) {
        let exempting = AddressGuard(refusePrivate: true).exempting(connectTo: ["h.test:80:\(name):8080"])
        #expect(exempting.exemptions == [.v4(0x7F00_0001), .v6(1)])
    }

    /// `--proxy`: every transfer connects to the proxy, which the user
    /// named, so its address is exempt as a connect-to target's is.
    @Test(arguments: [
        ("http://127.0.0.1:3128", ["127.0.0.1"]),
        ("socks5h://alice:pw@[fd00::5]:1080", ["fd00::5"]),
        ("http://user:p@ss@10.0.0.1", ["10.0.0.1"]),
        ("http://localhost:3128/", ["127.0.0.1", "::1"]),
        ("http://proxy.example:3128", []),   // a name: exempts nothing
    ])
    func theProxysAddressIsExempt(proxy: String, exempt: [String]) {
        let exempting = AddressGuard(refusePrivate: true).exempting(proxy: proxy)
        #expect(exempting.exemptions == Set(exempt.compactMap(IPAddress.init)))
        #expect(AddressGuard().exempting(proxy: nil) == AddressGuard())
    }

    @Test func travelsInTheFetchConfiguration() throws {
        var configuration = FetchConfiguration()
        #expect(configuration.addressGuard == AddressGuard(refuseLinkLocal: true, refusePrivate: false))
        #expect(configuration.resolve == [])
        configuration.addressGuard = AddressGuard(refuseLinkLocal: false, refusePrivate: true, exemptions: [.v4(0x0A00_0001)])
        configuration.resolve = ["meta.test:80:169.254.169.254"]
        let decoded = try JSONDecoder().decode(FetchConfiguration.self, from: JSONEncoder().encode(configuration))
        #expect(decoded.addressGuard == configuration.addressGuard)
        #expect(decoded.resolve == configuration.resolve)
    }
}
