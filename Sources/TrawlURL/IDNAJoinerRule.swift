/// CheckJoiners: the CONTEXTJ rules of RFC 5892 (Appendix A.1 and A.2),
/// which allow ZERO WIDTH NON-JOINER and ZERO WIDTH JOINER only where they
/// change how the text around them is rendered.
enum IDNAJoinerRule {
    static func allows(_ label: [Unicode.Scalar]) -> Bool {
        for (index, scalar) in label.enumerated() where scalar.value == 0x200C || scalar.value == 0x200D {
            // Either joiner may follow a virama (it picks the conjunct form).
            if index > 0, label[index - 1].properties.canonicalCombiningClass == .virama { continue }
            // Otherwise only ZWNJ, and only between two letters that would
            // join: (L | D) T* ZWNJ T* (R | D).
            guard scalar.value == 0x200C else { return false }
            switch (joiningType(before: index, in: label), joiningType(after: index, in: label)) {
            case (.leftJoining?, .rightJoining?), (.leftJoining?, .dualJoining?),
                 (.dualJoining?, .rightJoining?), (.dualJoining?, .dualJoining?):
                continue
            default:
                return false
            }
        }
        return true
    }

    /// The Joining_Type of the nearest non-transparent code point before
    /// `index`, if any.
    private static func joiningType(before index: Int, in label: [Unicode.Scalar]) -> IDNAJoiningType? {
        label[..<index].reversed().lazy.map(IDNAJoiningType.init).first { $0 != .transparent }
    }

    private static func joiningType(after index: Int, in label: [Unicode.Scalar]) -> IDNAJoiningType? {
        label[(index + 1)...].lazy.map(IDNAJoiningType.init).first { $0 != .transparent }
    }
}
