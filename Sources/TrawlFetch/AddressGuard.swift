/// Which addresses trawl refuses to connect to. Judged on the address a
/// connection is actually about to be made to (see
/// `EasyHandle+AddressGuard.swift`), so neither a DNS answer, a
/// `resolve` entry nor a redirect gets past it.
///
/// **Link-local** (`refuseLinkLocal`, on by default): 169.254.0.0/16 and
/// fe80::/10. No public site lives there; cloud metadata services
/// (169.254.169.254) do.
///
/// **Private** (`refusePrivate`, `--deny-private`): loopback
/// (127.0.0.0/8, ::1), RFC 1918 (10/8, 172.16/12, 192.168/16), the shared
/// address space of RFC 6598 (100.64.0.0/10), "this network" (0.0.0.0/8,
/// which Linux connects to the local host), the unspecified ::, unique
/// local fc00::/7 and the deprecated site-local fec0::/10. The shared
/// space counts as private: it is not routed on the internet, and where it
/// is reachable it is a provider's inside (carrier NAT equipment, VPN
/// overlays, Alibaba Cloud's metadata service at 100.100.100.200).
/// Other special-purpose blocks (multicast, 240/4, documentation ranges)
/// are not refused: no TCP connection reaches a host there. Note that
/// EC2's IPv6 metadata endpoint, fd00:ec2::254, is unique local, so only
/// `refusePrivate` refuses it (the default is the issue's: link-local).
///
/// An IPv6 address that carries an IPv4 address is judged as that IPv4
/// address too: IPv4-mapped (`::ffff:169.254.169.254`, which an IPv6
/// socket connects to over IPv4), IPv4-compatible (`::a.b.c.d`,
/// deprecated) and the NAT64 well-known prefix (`64:ff9b::a.b.c.d`).
///
/// **Exemptions**: an address in `exemptions` is never refused, and
/// neither is an IPv6 address carrying one. `EasyHandle` adds the targets
/// the user named with `--connect-to` (`exempting(connectTo:)`): naming an
/// address is asking for it. The exemption is by address, for every URL.
///
/// Not covered: a proxy (from `http_proxy` and the like) is the address
/// connected to, and the guard cannot see the address the proxy connects to.
/// A proxy named with `--proxy` is exempt like a `--connect-to` target
/// (`exempting(proxy:)`); one from the environment is not.
public struct AddressGuard: Sendable, Codable, Equatable {
    /// Refuse 169.254.0.0/16 and fe80::/10 (`--allow-link-local` turns it off).
    public var refuseLinkLocal: Bool
    /// Refuse loopback, private, shared, unique-local and unspecified
    /// addresses (`--deny-private`).
    public var refusePrivate: Bool
    /// Addresses never refused.
    public var exemptions: Set<IPAddress>

    public init(refuseLinkLocal: Bool = true, refusePrivate: Bool = false, exemptions: Set<IPAddress> = []) {
        self.refuseLinkLocal = refuseLinkLocal
        self.refusePrivate = refusePrivate
        self.exemptions = exemptions
    }

    /// Whether any address can be refused at all; when not, no transfer
    /// needs to be watched.
    public var refusesAnything: Bool { refuseLinkLocal || refusePrivate }

    /// Why `address` must not be connected to, naming the address, the rule
    /// and the flag that changes it; nil when it may be.
    public func refusal(for address: IPAddress) -> String? {
        guard refusesAnything else { return nil }
        let embedded = Self.embeddedIPv4(in: address)
        if exemptions.contains(address) { return nil }
        if let (v4, _) = embedded, exemptions.contains(v4) { return nil }
        if let rule = rule(matching: address) {
            return rule.refusal(of: address, as: nil)
        }
        if let (v4, form) = embedded, let rule = rule(matching: v4) {
            return rule.refusal(of: address, as: form)
        }
        return nil
    }

    /// This guard, with the CONNECT-HOSTs of `entries` (CURLOPT_CONNECT_TO's
    /// `HOST:PORT:CONNECT-HOST:CONNECT-PORT`) added to its exemptions: an
    /// IP address as written (IPv6 in brackets), and for `localhost` or a
    /// name under `.localhost` the two addresses libcurl connects such
    /// names to, 127.0.0.1 and ::1. Other names exempt nothing, because
    /// the address they will resolve to is not known here: name the address.
    public func exempting(connectTo entries: [String]) -> AddressGuard {
        var copy = self
        for entry in entries {
            guard let host = Self.connectHost(of: entry) else { continue }
            copy.exempt(host)
        }
        return copy
    }

    /// This guard, with the host of `proxy` (`--proxy`, a URL) exempt as
    /// `exempting(connectTo:)` exempts a CONNECT-HOST: with a proxy, the
    /// proxy is the address every transfer connects to, and the user named it.
    public func exempting(proxy: String?) -> AddressGuard {
        guard let proxy else { return self }
        var authority = Substring(proxy)
        if let colon = authority.firstIndex(of: ":"), authority[colon...].hasPrefix("://") {
            authority = authority[colon...].dropFirst(3)
        }
        authority = authority.prefix { $0 != "/" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        // "[::1]:3128" keeps its brackets (IPAddress reads them); "a:3128" loses its port.
        let host = authority.hasPrefix("[") ? String(authority.prefix { $0 != "]" }) + "]" : String(authority.prefix { $0 != ":" })
        var copy = self
        copy.exempt(host)
        return copy
    }

    /// An IP address as written, or for `localhost` or a name under
    /// `.localhost` the two addresses libcurl connects such names to,
    /// 127.0.0.1 and ::1. Other names exempt nothing: the address they will
    /// resolve to is not known here.
    private mutating func exempt(_ host: String) {
        if let address = IPAddress(host) {
            exemptions.insert(address)
        } else if host.lowercased() == "localhost" || host.lowercased().hasSuffix(".localhost") {
            exemptions.formUnion([.v4(0x7F00_0001), .v6(1)])
        }
    }

    /// The CONNECT-HOST field of a connect-to entry, brackets kept; nil when
    /// the entry does not have four colon-separated fields.
    static func connectHost(of entry: String) -> String? {
        var fields: [Substring] = []
        var start = entry.startIndex
        var inBrackets = false
        for index in entry.indices {
            switch entry[index] {
            case "[": inBrackets = true
            case "]": inBrackets = false
            case ":" where !inBrackets:
                fields.append(entry[start..<index])
                start = entry.index(after: index)
            default: break
            }
        }
        fields.append(entry[start...])
        return fields.count == 4 ? String(fields[2]) : nil
    }

    // MARK: Rules

    private struct Rule {
        enum Kind { case linkLocal, `private` }
        let kind: Kind
        let network: IPAddress
        let prefixLength: Int
        let name: String

        init(_ kind: Kind, _ network: IPAddress, _ prefixLength: Int, _ name: String) {
            self.kind = kind
            self.network = network
            self.prefixLength = prefixLength
            self.name = name
        }

        func refusal(of address: IPAddress, as form: String?) -> String {
            let range = "\(network)/\(prefixLength)"
            let within = form.map { "\(range), \($0)" } ?? range
            switch kind {
            case .linkLocal:
                return "\(address) is \(name) (\(within)): refused; --allow-link-local allows it"
            case .private:
                return "\(address) is \(name) (\(within)): refused by --deny-private; a --connect-to target is allowed"
            }
        }
    }

    /// Numbers rather than parsed text, so that nothing here can fail
    /// inside curl's callback; the tests check every boundary.
    private static let rules: [Rule] = [
        Rule(.linkLocal, .v4(0xA9FE_0000), 16, "link-local"),                                // 169.254.0.0/16
        Rule(.linkLocal, .v6(0xFE80_0000_0000_0000_0000_0000_0000_0000), 10, "link-local"),   // fe80::/10
        Rule(.private, .v4(0x0000_0000), 8, "unspecified"),                                  // 0.0.0.0/8
        Rule(.private, .v4(0x0A00_0000), 8, "private"),                                      // 10.0.0.0/8
        Rule(.private, .v4(0x6440_0000), 10, "CGNAT shared space"),                          // 100.64.0.0/10
        Rule(.private, .v4(0x7F00_0000), 8, "loopback"),                                     // 127.0.0.0/8
        Rule(.private, .v4(0xAC10_0000), 12, "private"),                                     // 172.16.0.0/12
        Rule(.private, .v4(0xC0A8_0000), 16, "private"),                                     // 192.168.0.0/16
        Rule(.private, .v6(0), 128, "unspecified"),                                          // ::/128
        Rule(.private, .v6(1), 128, "loopback"),                                             // ::1/128
        Rule(.private, .v6(0xFC00_0000_0000_0000_0000_0000_0000_0000), 7, "unique local"),    // fc00::/7
        Rule(.private, .v6(0xFEC0_0000_0000_0000_0000_0000_0000_0000), 10, "site-local"),     // fec0::/10
    ]

    private func rule(matching address: IPAddress) -> Rule? {
        Self.rules.first { rule in
            switch rule.kind {
            case .linkLocal: refuseLinkLocal && address.isIn(rule.network, rule.prefixLength)
            case .private: refusePrivate && address.isIn(rule.network, rule.prefixLength)
            }
        }
    }

    /// The IPv4 address an IPv6 address carries in its low 32 bits, and the
    /// form it is in; nil for IPv4 and other IPv6 addresses.
    static func embeddedIPv4(in address: IPAddress) -> (IPAddress, form: String)? {
        guard case .v6(let bits) = address else { return nil }
        let v4 = IPAddress.v4(UInt32(truncatingIfNeeded: bits))
        switch bits >> 32 {
        case 0xFFFF: return (v4, "IPv4-mapped")
        case 0x0064_FF9B_0000_0000_0000_0000: return (v4, "NAT64")
        case 0 where bits > 1: return (v4, "IPv4-compatible")   // not :: or ::1
        default: return nil
        }
    }
}
