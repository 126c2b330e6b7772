// Foundation is imported for Unicode normalization only (NFKC, NFD, NFC):
// the standard library has no public normalization. Apart from NFC in
// IDNALabelValidity, nothing else in TrawlURL uses Foundation.
import Foundation

/// UTS #46's mapping table (section 5), computed rather than stored.
///
/// The table is NFKC_Casefold plus a few hundred decisions of its own. The
/// standard library (Unicode 17.0 in Swift 6.3) says which code points
/// NFKC_Casefold changes and gives General_Category; Foundation's NFKC and
/// Unicode lower-casing give the mapping, with the corrections listed below
/// where those differ from case folding. Checked against the Unicode 17.0
/// table, this agrees with it for every code point.
enum IDNAMapping {
    enum Status: Equatable {
        /// Valid or deviation (ß, ς, ZWNJ, ZWJ): Nontransitional Processing
        /// keeps both.
        case valid
        case ignored
        case mapped(String)
        case disallowed
    }

    static func status(of scalar: Unicode.Scalar) -> Status {
        let v = scalar.value
        if v < 0x80 {
            // UseSTD3ASCIIRules is false, so all of ASCII is valid; the URL
            // Standard's forbidden domain code points are checked later.
            return v &- 0x41 < 26 ? .mapped(String(Unicode.Scalar(UInt8(v | 0x20)))) : .valid
        }
        if isIgnored(v) { return .ignored }
        if isDeviation(v) { return .valid }
        if isFullStop(v) { return .mapped(".") }
        if isDisallowed(scalar) { return .disallowed }
        guard let mapping = caseFoldedCompatibilityMapping(of: scalar) else {
            // Spaces NFKC leaves alone (U+1680) are disallowed; the rest
            // map to U+0020, which the URL Standard then forbids.
            return scalar.properties.generalCategory == .spaceSeparator ? .disallowed : .valid
        }
        // A mapping is used only if everything it maps to may stand in a
        // label: "⒈" (to "1.") and "︒" (to "。") are disallowed.
        for s in mapping.unicodeScalars where s == "." || isFullStop(s.value) || isDisallowed(s) {
            return .disallowed
        }
        return .mapped(mapping)
    }

    /// UTS #46 Processing steps 1 and 2: the mapped domain in NFC, or nil
    /// when it has a disallowed code point (which would fail validity).
    static func mapAndNormalize(_ domain: String) -> String? {
        var mapped = String.UnicodeScalarView()
        for scalar in domain.unicodeScalars {
            if scalar.isASCII {  // most of a domain, even a non-ASCII one
                mapped.append(Unicode.Scalar(UInt8(scalar.value).asciiLowercased))
                continue
            }
            switch status(of: scalar) {
            case .valid: mapped.append(scalar)
            case .ignored: continue
            case .mapped(let replacement): mapped.append(contentsOf: replacement.unicodeScalars)
            case .disallowed: return nil
            }
        }
        return String(mapped).precomposedStringWithCanonicalMapping
    }

    // MARK: The table's own decisions

    /// Status "ignored" (Unicode 17.0): mapped to nothing.
    private static func isIgnored(_ v: UInt32) -> Bool {
        switch v {
        case 0x00AD, 0x034F, 0x115F...0x1160, 0x17B4...0x17B5, 0x180B...0x180F, 0x200B,
             0x2060...0x2064, 0x206A...0x206F, 0x3164, 0xFE00...0xFE0F, 0xFEFF, 0xFFA0,
             0x1BCA0...0x1BCA3, 0x1D173...0x1D17A, 0xE0100...0xE01EF:
            return true
        default:
            return false
        }
    }

    private static func isDeviation(_ v: UInt32) -> Bool {
        v == 0x00DF || v == 0x03C2 || v == 0x200C || v == 0x200D
    }

    /// Ideographic and full-width full stops, which separate labels.
    private static func isFullStop(_ v: UInt32) -> Bool {
        v == 0x3002 || v == 0xFF0E || v == 0xFF61
    }

    /// Unassigned, private use, surrogates, noncharacters, controls, format
    /// characters, line and paragraph separators; plus symbols the table
    /// disallows though NFKC leaves them alone: ideographic description
    /// characters, U+FFFC and U+FFFD.
    private static func isDisallowed(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return false }
        if (0x2FF0...0x2FFF).contains(v) || v == 0x31EF || v == 0xFFFC || v == 0xFFFD { return true }
        if (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE { return true }  // noncharacters
        switch scalar.properties.generalCategory {
        case .unassigned, .privateUse, .surrogate, .control, .format,
             .lineSeparator, .paragraphSeparator:
            return true
        default:
            return false
        }
    }

    // MARK: NFKC_Casefold

    /// NFKC_Casefold of one code point, or nil when it is unchanged.
    private static func caseFoldedCompatibilityMapping(of scalar: Unicode.Scalar) -> String? {
        guard scalar.properties.changesWhenNFKCCaseFolded else { return nil }
        if let folded = caseFoldingCorrection(scalar.value) { return folded }
        // Most of these are capitals whose lower case is a single code point
        // that NFKC_Casefold leaves alone: then that is the answer (folding
        // and lower-casing part only where the corrections above step in),
        // without the cost of Foundation's normalization.
        let lowercase = scalar.properties.lowercaseMapping.unicodeScalars
        if lowercase.count == 1, let lower = lowercase.first, lower != scalar,
           !lower.properties.changesWhenNFKCCaseFolded {
            return String(lower)
        }
        let lowered = String(scalar).precomposedStringWithCompatibilityMapping.lowercased()
        // Case folding, unlike lower-casing, turns the iota subscript into
        // ι and final sigma into σ (ς is kept only as itself, a deviation).
        var decomposed = String.UnicodeScalarView()
        for s in lowered.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch s.value {
            case 0x0345: decomposed.append("\u{03B9}")
            case 0x03C2: decomposed.append("\u{03C3}")
            default: decomposed.append(s)
            }
        }
        let folded = String(decomposed).precomposedStringWithCompatibilityMapping
        return folded.unicodeScalars.elementsEqual([scalar]) ? nil : folded
    }

    /// Where case folding is not lower-casing, or Foundation's NFKC is older
    /// than Unicode 17.0.
    private static func caseFoldingCorrection(_ v: UInt32) -> String? {
        let target: UInt32
        switch v {
        // Cherokee folds to its capitals, the letters first encoded.
        case 0x13F8...0x13FD: target = v - 0x13F8 + 0x13F0
        case 0xAB70...0xABBF: target = v - 0xAB70 + 0x13A0
        // Old Cyrillic letter variants fold to the letters they vary.
        case 0x1C80: target = 0x0432
        case 0x1C81: target = 0x0434
        case 0x1C82: target = 0x043E
        case 0x1C83: target = 0x0441
        case 0x1C84, 0x1C85: target = 0x0442
        case 0x1C86: target = 0x044A
        case 0x1C87: target = 0x0463
        case 0x1C88: target = 0xA64B
        // Unicode 16.0 outlined Latin letters and digits; 17.0's small capital S.
        case 0x1CCD6...0x1CCEF: target = v - 0x1CCD6 + 0x61
        case 0x1CCF0...0x1CCF9: target = v - 0x1CCF0 + 0x30
        case 0xA7F1: target = 0x73
        default: return nil
        }
        return String(Unicode.Scalar(target)!)
    }
}
