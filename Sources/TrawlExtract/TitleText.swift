/// A title as its text arrives: whitespace collapsed and trimmed on the fly
/// (HTML's "strip and collapse"), at most `maxBytes` of it kept, the length
/// of the whole counted — so a megabyte title costs a kilobyte.
struct TitleText {
    let maxBytes: Int
    /// UTF-8 bytes of the whole collapsed title.
    private(set) var length = 0
    /// Its first bytes, one more than `maxBytes` at most: the extra byte
    /// tells whether the cut falls inside a character.
    private(set) var kept: [UInt8] = []
    /// Whitespace seen after some text: one space, written only if more
    /// text follows (so the end is trimmed).
    private var pendingSpace = false

    init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
        let keepLimit = maxBytes == .max ? maxBytes : maxBytes + 1
        for byte in text {
            if ASCII.isWhitespace(byte) {
                pendingSpace = length > 0
                continue
            }
            if pendingSpace {
                pendingSpace = false
                length += 1
                if kept.count < keepLimit { kept.append(0x20) }
            }
            length += 1
            if kept.count < keepLimit { kept.append(byte) }
        }
    }

    /// The kept title: all of it, or its longest prefix of at most
    /// `maxBytes` that ends on a character boundary, trailing space trimmed.
    var text: String {
        guard length > maxBytes else { return String(decoding: kept, as: UTF8.self) }
        var end = maxBytes
        // Back off continuation bytes (10xxxxxx) to the start of the
        // character the cut falls in.
        while end > 0, kept[end] & 0xC0 == 0x80 { end -= 1 }
        while end > 0, kept[end - 1] == 0x20 { end -= 1 }
        return String(decoding: kept[..<end], as: UTF8.self)
    }
}
