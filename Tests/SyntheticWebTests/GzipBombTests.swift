import Foundation
import Testing

@testable import SyntheticWeb

/// The hand-written deflate stream, checked by an independent inflater
/// (the system's gzip) at sizes it inflates in milliseconds; the served
/// bomb differs from them only in its number of copies.
struct GzipBombTests {
    @Test(arguments: [0, 1, 3, 4, 5, 1_000, 12_345])
    func inflatesToThePrefixAndSpaces(copies: Int) throws {
        let inflated = try Self.gunzip(GzipBomb.build(copies: copies))
        #expect(inflated.count == GzipBomb.prefix.count + 258 * copies)
        #expect(inflated.starts(with: GzipBomb.prefix))
        #expect(inflated.dropFirst(GzipBomb.prefix.count).allSatisfy { $0 == UInt8(ascii: " ") })
    }

    @Test func servedBombInflatesToAGibibyteFromAboutAMebibyte() {
        #expect(GzipBomb.inflatedLength >= 1 << 30)
        #expect(GzipBomb.inflatedLength < (1 << 30) + 258 + GzipBomb.prefix.count)
        // Two bits per copy of 258 bytes, plus headers.
        #expect(GzipBomb.bytes.count < GzipBomb.copies / 4 + 200)
        #expect(GzipBomb.bytes.count > GzipBomb.copies / 4)
    }

    @Test func crcOfARunMatchesTheBytewiseCRC() {
        for count in [0, 1, 2, 7, 258, 1_000, 65_537] {
            let run = [UInt8](repeating: 0x20, count: count)
            #expect(CRC32.checksum(repeating: 0x20, count: count) == CRC32.checksum(run), "\(count)")
            let joined = CRC32.combine(CRC32.checksum(GzipBomb.prefix), CRC32.checksum(run), secondLength: count)
            #expect(joined == CRC32.checksum(GzipBomb.prefix + run), "\(count)")
        }
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)  // the CRC-32 check value
    }

    /// `gzip -dc`, which also checks the CRC and the length in the trailer.
    static func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-bomb-\(UUID().uuidString).gz")
        try Data(bytes).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", path.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ClientError(description: "gzip -dc failed") }
        return Array(data)
    }
}
