// Foundation is imported for Unicode normalization only
// (precomposedStringWith{Compatibility,Canonical}Mapping): the standard
// library has no public NFC/NFKC, and writing those tables here would be a
// second project. Nothing else in TrawlURL uses Foundation.
import Foundation

/// "Domain to ASCII" for hosts that are not plain ASCII (non-ASCII, or
/// percent-encoded, or with an "xn--" label). The ASCII fast path lives in
/// `HostParser`.
///
/// UTS #46 is approximated without its mapping table:
/// - Mapping: "ignored" code points (soft hyphen, ZWSP, word joiner,
///   variation selectors, BOM, ...) are removed; ideographic and full-width
///   full stops become "."; then NFKC and Unicode lower-casing stand in for
///   the table's NFKC_Casefold-based mapping. This agrees with the table for
///   letters, full-width forms and compatibility characters; it differs for
///   the few code points UTS #46 maps specially (e.g. it keeps "ß" and
///   final sigma, as we do, but some symbols it disallows NFKC maps).
/// - Validity: disallowed = unassigned, private use, surrogates,
///   noncharacters, C1 controls, U+FFFD, line/paragraph separators and
///   format characters; ZWJ/ZWNJ only after a virama (a reduced CheckJoiners);
///   a label may not start with a combining mark. CheckBidi is not done.
/// - "xn--" labels are decoded with Punycode and must decode to a non-ASCII
///   label that the mapping above leaves unchanged (i.e. is already valid).
/// CheckHyphens, UseSTD3ASCIIRules and VerifyDnsLength are false, as the URL
/// Standard asks; Transitional_Processing is false.
enum DomainToASCII {
    static func convert(_ domain: [UInt8]) -> [UInt8]? {
        // "UTF-8 decode without BOM": invalid sequences become U+FFFD, which
        // is disallowed below, so the URL fails as it should.
        let decoded = String(decoding: domain, as: UTF8.self)
        guard let mapped = map(decoded) else { return nil }

        var result: [UInt8] = []
        result.reserveCapacity(domain.count + 8)
        var first = true
        for label in mapped.unicodeScalars.split(separator: ".", omittingEmptySubsequences: false) {
            if !first { result.append(ASCII.period) }
            first = false
            guard processLabel(Array(label), into: &result) else { return nil }
        }
        if result.isEmpty { return nil }
        for b in result where HostParser.isForbiddenDomainByte(b) { return nil }
        return result
    }

    /// The mapping step plus normalization; nil if a disallowed code point
    /// is present.
    static func map(_ input: String) -> String? {
        var scalars = String.UnicodeScalarView()
        for s in input.unicodeScalars {
            switch s.value {
            case 0x3002, 0xFF0E, 0xFF61: scalars.append(".")
            case 0x00AD, 0x034F, 0x180B...0x180D, 0x180F, 0x200B, 0x2060, 0x2064,
                 0xFE00...0xFE0F, 0xFEFF, 0x1BCA0...0x1BCA3, 0xE0100...0xE01EF:
                continue  // UTS #46 "ignored": mapped to nothing
            default: scalars.append(s)
            }
        }
        let normalized = String(scalars).precomposedStringWithCompatibilityMapping
            .lowercased().precomposedStringWithCanonicalMapping
        var previous: Unicode.Scalar? = nil
        for s in normalized.unicodeScalars {
            if isDisallowed(s, after: previous) { return nil }
            previous = s
        }
        return normalized
    }

    private static func isDisallowed(_ s: Unicode.Scalar, after previous: Unicode.Scalar?) -> Bool {
        let v = s.value
        if v < 0x80 { return false }  // ASCII is left to the forbidden-code-point check
        if v <= 0x9F || v == 0xFFFD { return true }
        if (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE { return true }
        if v == 0x200C || v == 0x200D {
            return previous?.properties.canonicalCombiningClass != .virama
        }
        switch s.properties.generalCategory {
        case .unassigned, .privateUse, .surrogate, .lineSeparator, .paragraphSeparator,
             .format, .control:
            return true
        default:
            return false
        }
    }

    private static func isCombiningMark(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    private static func processLabel(_ label: [Unicode.Scalar], into out: inout [UInt8]) -> Bool {
        let isASCII = label.allSatisfy { $0.isASCII }
        if label.count >= 4, label[0] == "x", label[1] == "n", label[2] == "-", label[3] == "-" {
            guard isASCII else { return false }
            let ascii = label.map { UInt8($0.value) }
            guard let scalars = Punycode.decode(ascii[4...]),
                  scalars.contains(where: { $0 >= 0x80 }),
                  isValidDecodedLabel(scalars)
            else { return false }
            out.append(contentsOf: ascii)
            return true
        }
        if isASCII {
            for s in label { out.append(UInt8(s.value)) }
            return true
        }
        if isCombiningMark(label[0]) { return false }
        guard let encoded = Punycode.encode(label.map(\.value)) else { return false }
        out.append(contentsOf: Array("xn--".utf8))
        out.append(contentsOf: encoded)
        return true
    }

    /// A decoded "xn--" label is valid when mapping would leave it unchanged
    /// (NFC, lower-case, nothing disallowed) and it does not start with a mark.
    private static func isValidDecodedLabel(_ scalars: [UInt32]) -> Bool {
        var view = String.UnicodeScalarView()
        for v in scalars {
            guard let s = Unicode.Scalar(v) else { return false }
            view.append(s)
        }
        let label = String(view)
        guard let first = view.first, !isCombiningMark(first) else { return false }
        guard let mapped = map(label), !mapped.unicodeScalars.contains(".") else { return false }
        return Array(mapped.unicodeScalars) == Array(view)
    }
}
