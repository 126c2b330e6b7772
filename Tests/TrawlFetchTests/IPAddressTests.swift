import Foundation
import Testing
import TrawlFetch

struct IPAddressTests {
    static let parsed: [(text: String, address: IPAddress, canonical: String)] = [
        ("169.254.169.254", .v4(0xA9FE_A9FE), "169.254.169.254"),
        ("0.0.0.0", .v4(0), "0.0.0.0"),
        ("255.255.255.255", .v4(0xFFFF_FFFF), "255.255.255.255"),
        ("::", .v6(0), "::"),
        ("::1", .v6(1), "::1"),
        ("[::1]", .v6(1), "::1"),
        ("fe80::1%lo", .v6(0xFE80_0000_0000_0000_0000_0000_0000_0001), "fe80::1"),
        ("[fe80::1%25lo]", .v6(0xFE80_0000_0000_0000_0000_0000_0000_0001), "fe80::1"),
        ("FEBF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF", .v6(0xFEBF_FFFF_FFFF_FFFF_FFFF_FFFF_FFFF_FFFF),
         "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
        ("::ffff:169.254.169.254", .v6(0xFFFF_A9FE_A9FE), "::ffff:169.254.169.254"),
        ("::FFFF:a9fe:a9fe", .v6(0xFFFF_A9FE_A9FE), "::ffff:169.254.169.254"),
        ("64:ff9b::10.0.0.1", .v6(0x0064_FF9B_0000_0000_0000_0000_0A00_0001), "64:ff9b::a00:1"),
    ]

    @Test(arguments: parsed)
    func parsesAndPrintsCanonically(text: String, address: IPAddress, canonical: String) {
        #expect(IPAddress(text) == address)
        #expect(address.description == canonical)
    }

    @Test(arguments: [
        "", "localhost", "meta.test", "169.254.169", "169.254.169.254.1", "256.0.0.1", "127.1", "0x7f.0.0.1",
        "1.2.3.4 ", "fe80::1::2", "[::1", "::1]", "gggg::", "1.2.3.4:80",
    ])
    func rejectsWhatIsNotAnAddress(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test func codesAsCanonicalText() throws {
        let addresses: [IPAddress] = [.v4(0x7F00_0001), .v6(0xFFFF_A9FE_A9FE)]
        let json = try JSONEncoder().encode(addresses)
        #expect(String(decoding: json, as: UTF8.self) == #"["127.0.0.1","::ffff:169.254.169.254"]"#)
        #expect(try JSONDecoder().decode([IPAddress].self, from: json) == addresses)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([IPAddress].self, from: Data(#"["meta.test"]"#.utf8))
        }
    }
}
