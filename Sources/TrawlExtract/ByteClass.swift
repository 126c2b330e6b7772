/// What libxml2's tokenizer makes of a byte, as bits of a 256-entry table.
struct ByteClass: OptionSet {
    let rawValue: UInt8

    /// IS_BLANK_CH: space, tab, LF, CR (no form feed).
    static let blank = ByteClass(rawValue: 1)
    /// Starts a tag or attribute name: ASCII letter, `_`, `:`, `.`.
    static let nameStart = ByteClass(rawValue: 2)
    /// Continues one: those, digits and `-`.
    static let nameContinue = ByteClass(rawValue: 4)
    /// Ends an unquoted value or a skipped non-name: blank, `>`, NUL.
    static let endsValue = ByteClass(rawValue: 8)

    /// Immortal, never written after it is made.
    nonisolated(unsafe) static let table: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for value in 0..<256 {
            let byte = UInt8(value)
            var byteClass: ByteClass = []
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { byteClass.formUnion([.blank, .endsValue]) }
            if byte == UInt8(ascii: ">") || byte == 0 { byteClass.insert(.endsValue) }
            if LibXML2Names.startsHTMLName(byte) { byteClass.insert(.nameStart) }
            if LibXML2Names.continuesHTMLName(byte) { byteClass.insert(.nameContinue) }
            table[value] = byteClass.rawValue
        }
        return UnsafePointer(table)
    }()
}
