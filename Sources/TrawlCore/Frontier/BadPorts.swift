/// The Fetch Standard's "bad ports": ports of services that speak a line
/// protocol a crafted HTTP request could drive (mail, IRC, SIP, X11, …).
/// Browsers refuse them, so a page cannot aim a crawler's requests at a
/// mail or IRC server either.
enum BadPorts {
    static let all: Set<Int> = [
        1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
        109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
        526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
        3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
    ]

    /// Whether the politeness key "scheme://host[:port]" names a bad port.
    /// (A default port is never written in a normalized key, and 80 and
    /// 443 are not bad.)
    static func contains(hostKey: String) -> Bool {
        guard let colon = hostKey.lastIndex(of: ":") else { return false }
        let digits = hostKey[hostKey.index(after: colon)...]
        guard !digits.isEmpty, digits.count <= 5, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let port = Int(digits) else { return false }
        return all.contains(port)
    }
}
