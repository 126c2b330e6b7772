/// Bidi_Class, grouped as RFC 5893's Bidi rule tells the classes apart.
/// The standard library has no Bidi_Class, so this reads a generated table
/// (IDNABidiGroup+Table.swift); raw values are the table's.
enum IDNABidiGroup: UInt8 {
    case leftToRight = 0     // L
    case rightToLeft = 1     // R and AL, which the rule treats alike
    case arabicNumber = 2    // AN
    case europeanNumber = 3  // EN
    case nonspacingMark = 4  // NSM
    case neutral = 5         // ES, CS, ET, ON, BN: allowed in either direction
    case other = 6           // B, S, WS and the embedding controls: never allowed

    init(_ scalar: Unicode.Scalar) {
        self = IDNABidiGroup(rawValue: PackedUnicodeRuns.value(of: scalar, in: Self.runs)) ?? .other
    }
}
