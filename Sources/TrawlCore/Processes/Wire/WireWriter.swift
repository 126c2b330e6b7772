/// Appends the field encodings of the shard protocol to a byte array.
/// See `FrameCodec` for the format.
struct WireWriter {
    var bytes: [UInt8]

    init(bytes: [UInt8] = []) {
        self.bytes = bytes
    }

    mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    mutating func bool(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    /// Unsigned LEB128: 7 bits per byte, low groups first, high bit = more.
    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Zigzag (0, -1, 1, -2 … → 0, 1, 2, 3 …) then LEB128, so small
    /// negative numbers stay short.
    mutating func int(_ value: Int) {
        let wide = Int64(value)
        varint(UInt64(bitPattern: (wide << 1) ^ (wide >> 63)))
    }

    mutating func count(_ value: Int) {
        varint(UInt64(value))
    }

    /// The IEEE 754 bit pattern, 8 bytes big-endian.
    mutating func double(_ value: Double) {
        uint64BigEndian(value.bitPattern)
    }

    mutating func uint64BigEndian(_ value: UInt64) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func data<Bytes: Collection<UInt8>>(_ value: Bytes) {
        count(value.count)
        bytes.append(contentsOf: value)
    }

    /// A presence byte (0 absent, 1 present), then the value if present.
    /// Concrete per type: the generic version went unspecialized.
    mutating func optional(_ value: Int?) {
        guard let value else { return bytes.append(0) }
        bytes.append(1)
        int(value)
    }

    mutating func optional(_ value: String?) {
        guard let value else { return bytes.append(0) }
        bytes.append(1)
        string(value)
    }
}
