/// Joining_Type (Unicode's ArabicShaping.txt), which the ZWNJ rule of
/// CheckJoiners needs. The standard library has no Joining_Type:
/// Transparent follows from General_Category (Mn, Me and Cf, ZWNJ and ZWJ
/// aside), the rest comes from a generated table
/// (IDNAJoiningType+Table.swift); raw values are the table's.
enum IDNAJoiningType: UInt8 {
    case nonJoining = 0    // U
    case dualJoining = 1   // D
    case leftJoining = 2   // L
    case rightJoining = 3  // R
    case joinCausing = 4   // C
    case transparent = 5   // T

    init(_ scalar: Unicode.Scalar) {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark:
            self = .transparent
            return
        case .format where scalar.value != 0x200C && scalar.value != 0x200D:
            self = .transparent
            return
        default:
            let rawValue = PackedUnicodeRuns.value(of: scalar, in: Self.runs)
            self = IDNAJoiningType(rawValue: rawValue) ?? .nonJoining
        }
    }
}
