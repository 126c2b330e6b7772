import Foundation
import Testing
@testable import TrawlURL

/// IDNAMapping computes UTS #46's mapping table from NFKC, case mapping and
/// a few corrections; this holds it to the table itself (Unicode 17.0, in
/// Resources/IdnaMappingTable-17.0.tsv) for every code point, so that a
/// different Foundation or standard library cannot change it unnoticed.
struct IDNAMappingTests {
    struct Row {
        let codePoints: ClosedRange<UInt32>
        let status: IDNAMapping.Status
    }

    static func loadTable() throws -> [Row] {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let text = try String(
            contentsOf: directory.appendingPathComponent("Resources/IdnaMappingTable-17.0.tsv"),
            encoding: .utf8)
        return text.split(separator: "\n").compactMap { line -> Row? in
            if line.hasPrefix("#") { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            let first = UInt32(fields[0], radix: 16)!, last = UInt32(fields[1], radix: 16)!
            let status: IDNAMapping.Status
            switch fields[2] {
            case "V", "D": status = .valid  // Nontransitional: deviations stay
            case "I": status = .ignored
            case "M":
                var mapping = String.UnicodeScalarView()
                for hex in fields[3].split(separator: " ") {
                    mapping.append(Unicode.Scalar(UInt32(hex, radix: 16)!)!)
                }
                status = .mapped(String(mapping))
            default: status = .disallowed
            }
            return Row(codePoints: first...last, status: status)
        }
    }

    @Test func everyCodePointHasTheTablesStatus() throws {
        let table = try Self.loadTable()
        #expect(table.first?.codePoints.lowerBound == 0 && table.last?.codePoints.upperBound == 0x10FFFF)
        var mismatches: [String] = []
        for row in table {
            for value in row.codePoints {
                guard let scalar = Unicode.Scalar(value) else { continue }  // surrogates
                let status = IDNAMapping.status(of: scalar)
                // Compare mappings as scalars: String == would equate
                // canonically equivalent mappings.
                if !Self.isSame(status, row.status) {
                    let codePoint = String(value, radix: 16, uppercase: true)
                    mismatches.append("U+\(codePoint): \(status), table \(row.status)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) code points differ: \(mismatches.prefix(20))")
    }

    static func isSame(_ a: IDNAMapping.Status, _ b: IDNAMapping.Status) -> Bool {
        switch (a, b) {
        case (.mapped(let x), .mapped(let y)): x.unicodeScalars.elementsEqual(y.unicodeScalars)
        default: a == b
        }
    }
}
