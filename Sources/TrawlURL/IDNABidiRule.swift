/// CheckBidi: the Bidi rule of RFC 5893 (section 2), which keeps a domain
/// name that mixes right-to-left and left-to-right text from displaying in
/// a misleading order.
enum IDNABidiRule {
    /// A Bidi domain name has an R, AL or AN code point in some label; only
    /// then does the rule apply.
    static func isBidiDomain(_ labels: [[Unicode.Scalar]]) -> Bool {
        labels.contains { label in
            label.contains { !$0.isASCII && isRightToLeftOrArabicNumber(IDNABidiGroup($0)) }
        }
    }

    /// The six conditions for one label of a Bidi domain name.
    ///
    /// All-ASCII labels are let through: RFC 5893 read literally fails a
    /// label such as "1" (it starts with EN) beside an Arabic one, and
    /// WPT's toascii.json expects "1.\u{064A}" to give "1.xn--mhb".
    static func allows(_ label: [Unicode.Scalar]) -> Bool {
        guard label.contains(where: { !$0.isASCII }) else { return true }
        let groups = label.map(IDNABidiGroup.init)
        // Conditions 3 and 6 look at the end, past trailing NSMs.
        guard let last = groups.last(where: { $0 != .nonspacingMark }) else { return false }
        switch groups[0] {
        case .rightToLeft:
            // 2: only R, AL, AN, EN, ES, CS, ET, ON, BN, NSM.
            if groups.contains(where: { $0 == .leftToRight || $0 == .other }) { return false }
            // 3: ends with R, AL, EN or AN.
            guard last == .rightToLeft || last == .europeanNumber || last == .arabicNumber
            else { return false }
            // 4: EN and AN not both.
            return !(groups.contains(.europeanNumber) && groups.contains(.arabicNumber))
        case .leftToRight:
            // 5: only L, EN, ES, CS, ET, ON, BN, NSM.
            if groups.contains(where: { isRightToLeftOrArabicNumber($0) || $0 == .other }) {
                return false
            }
            // 6: ends with L or EN.
            return last == .leftToRight || last == .europeanNumber
        default:
            return false  // 1: starts with L, R or AL.
        }
    }

    private static func isRightToLeftOrArabicNumber(_ group: IDNABidiGroup) -> Bool {
        group == .rightToLeft || group == .arabicNumber
    }
}
