// Foundation is imported for NFC only (precomposedStringWithCanonicalMapping).
import Foundation

/// UTS #46 validity criteria (section 4.1) for one label, with the options
/// the URL Standard sets: CheckHyphens and UseSTD3ASCIIRules false,
/// CheckJoiners true, Nontransitional Processing. CheckBidi needs the whole
/// domain name, so `IDNAToASCII` applies `IDNABidiRule` afterwards.
enum IDNALabelValidity {
    /// `isMapped`: the label was split from the output of Processing steps
    /// 1 and 2 rather than decoded from Punycode, so criteria 1 and 7 hold
    /// already: it was just normalized ("." never composes), mapping yields
    /// only valid code points, and NFC keeps a string of valid code points
    /// valid (true of all of Unicode 17.0; make-idna-property-tables.py
    /// asserts it).
    static func isValid(_ label: [Unicode.Scalar], isMapped: Bool) -> Bool {
        // An ASCII label meets every criterion here unless it starts with
        // "xn--", which only a decoded Punycode label can still do.
        if label.allSatisfy(\.isASCII) { return !startsWithACEPrefix(label) }
        if !isMapped {
            guard isInNFC(label), label.allSatisfy({ IDNAMapping.status(of: $0) == .valid })  // 1, 7
            else { return false }
        }
        return !startsWithACEPrefix(label)  // 4: with CheckHyphens off, "xn--" is still reserved
            && !label.contains(".")  // 5
            && !isMark(label[0])  // 6
            && IDNAJoinerRule.allows(label)  // 8: CheckJoiners
    }

    /// Starts with "xn--", the ACE prefix of a Punycode label.
    static func startsWithACEPrefix(_ label: some Collection<Unicode.Scalar>) -> Bool {
        label.starts(with: ["x", "n", "-", "-"] as [Unicode.Scalar])
    }

    private static func isInNFC(_ label: [Unicode.Scalar]) -> Bool {
        String(String.UnicodeScalarView(label)).precomposedStringWithCanonicalMapping
            .unicodeScalars.elementsEqual(label)
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
