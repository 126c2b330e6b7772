#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level helpers for the ASCII parts of HTML (tag and attribute names,
/// keyword tokens). They work on libxml2's UTF-8 output in place, so that no
/// `String` is made for anything the extractor does not keep.
enum ASCII {
    /// HTML's "ASCII whitespace": tab, LF, FF, CR, space.
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    /// Separators of a robots `content` value: commas and whitespace.
    @inline(__always)
    static func isRobotsSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || isWhitespace(byte)
    }

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    /// The bytes of a NUL-terminated C string, without the NUL.
    @inline(__always)
    static func bytes(ofCString string: UnsafePointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: string, count: strlen(string))
    }

    /// Whether `bytes` equals `lowercase` (which must be lower-case ASCII),
    /// ignoring ASCII case.
    @inline(__always)
    static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ lowercase: StaticString) -> Bool {
        guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
        let expected = lowercase.utf8Start
        for index in 0..<bytes.count where lowercased(bytes[index]) != expected[index] {
            return false
        }
        return true
    }

    /// Whether the C string equals `lowercase`, ignoring ASCII case; stops at
    /// the first difference, so most names are rejected after one byte.
    @inline(__always)
    static func equalsIgnoringCase(cString: UnsafePointer<UInt8>, _ lowercase: StaticString) -> Bool {
        let expected = lowercase.utf8Start
        let count = lowercase.utf8CodeUnitCount
        for index in 0..<count where lowercased(cString[index]) != expected[index] {
            // Also catches a shorter C string: its NUL differs from a letter.
            return false
        }
        return cString[count] == 0
    }

    /// `bytes` without leading and trailing ASCII whitespace.
    static func trimmingWhitespace(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let base = bytes.baseAddress else { return bytes }
        var start = 0
        var end = bytes.count
        while start < end, isWhitespace(bytes[start]) { start += 1 }
        while end > start, isWhitespace(bytes[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(start: base + start, count: end - start)
    }

    /// Calls `body` with each non-empty run of bytes between separators.
    static func forEachToken(
        in bytes: UnsafeBufferPointer<UInt8>,
        separatedBy isSeparator: (UInt8) -> Bool,
        _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) {
        guard let base = bytes.baseAddress else { return }
        var index = 0
        while index < bytes.count {
            while index < bytes.count, isSeparator(bytes[index]) { index += 1 }
            let start = index
            while index < bytes.count, !isSeparator(bytes[index]) { index += 1 }
            if index > start {
                body(UnsafeBufferPointer(start: base + start, count: index - start))
            }
        }
    }
}
