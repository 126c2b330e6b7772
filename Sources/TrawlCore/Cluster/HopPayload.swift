import TrawlFetch

/// A redirect chain in progress, as a shared frontier carries it from the
/// worker that fetched one hop to the one that leases the next: the
/// `RedirectHop` in the wire format, as hex (the item format is text).
enum HopPayload {
    static func encode(_ hop: RedirectHop) -> String {
        var writer = WireWriter()
        writer.string(hop.origin)
        writer.count(hop.fetched.count)
        for url in hop.fetched { writer.string(url) }
        writer.count(hop.statuses.count)
        for status in hop.statuses { writer.int(status) }
        for phase in [hop.timings.dns, hop.timings.connect, hop.timings.tls, hop.timings.firstByte,
                      hop.timings.total, hop.timings.redirect] {
            writer.double(phase.milliseconds)
        }
        writer.double(hop.wallMilliseconds)
        return hex(writer.bytes)
    }

    static func decode(_ text: String) throws(TrawlError) -> RedirectHop {
        guard let bytes = unhex(text) else {
            throw TrawlError(.protocolViolation, "a redirect hop in the shared frontier is not hex: it is corrupt")
        }
        let decoded = bytes.withUnsafeBytes { buffer in Result { () throws(TrawlError) -> RedirectHop in
            var reader = WireReader(buffer, context: "redirect hop")
            let origin = try reader.string("origin")
            var fetched: [String] = []
            for _ in 0..<(try reader.count("fetched")) { fetched.append(try reader.string("fetched URL")) }
            var statuses: [Int] = []
            for _ in 0..<(try reader.count("statuses")) { statuses.append(try reader.int("status")) }
            var phases: [Duration] = []
            for _ in 0..<6 { phases.append(.milliseconds(try reader.double("timing"))) }
            let wall = try reader.double("wall time")
            try reader.expectEnd()
            return RedirectHop(origin: origin, fetched: fetched, statuses: statuses,
                               timings: FetchTimings(dns: phases[0], connect: phases[1], tls: phases[2],
                                                     firstByte: phases[3], total: phases[4], redirect: phases[5]),
                               wallMilliseconds: wall)
        } }
        return try decoded.get()
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex(_ bytes: [UInt8]) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func unhex(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        for at in stride(from: 0, to: utf8.count, by: 2) {
            guard let high = RobotsByte.hexValue(utf8[at]), let low = RobotsByte.hexValue(utf8[at + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }
}
