/// The URL Standard's IPv6 parser (with embedded IPv4) and its serializer,
/// which compresses the first longest run of two or more zero pieces.
enum IPv6Address {
    typealias Pieces = (UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16)

    /// Parses the text between "[" and "]"; nil on failure.
    static func parse(_ input: ArraySlice<UInt8>) -> [UInt16]? {
        var address = [UInt16](repeating: 0, count: 8)
        var pieceIndex = 0
        var compress: Int? = nil
        var p = input.startIndex
        let end = input.endIndex
        @inline(__always) func at(_ i: Int) -> UInt8? { i < end ? input[i] : nil }

        if at(p) == ASCII.colon {
            guard at(p + 1) == ASCII.colon else { return nil }
            p += 2
            pieceIndex += 1
            compress = pieceIndex
        }
        while let c = at(p) {
            if pieceIndex == 8 { return nil }
            if c == ASCII.colon {
                if compress != nil { return nil }
                p += 1
                pieceIndex += 1
                compress = pieceIndex
                continue
            }
            var value: UInt16 = 0
            var length = 0
            while length < 4, let h = at(p), h.isASCIIHexDigit {
                value = value << 4 | UInt16(h.hexValue)
                p += 1
                length += 1
            }
            if at(p) == ASCII.period {
                if length == 0 { return nil }
                p -= length
                if pieceIndex > 6 { return nil }
                guard parseEmbeddedIPv4(input, from: p, into: &address, at: &pieceIndex) else {
                    return nil
                }
                p = end
                break
            } else if at(p) == ASCII.colon {
                p += 1
                if at(p) == nil { return nil }
            } else if at(p) != nil {
                return nil
            }
            address[pieceIndex] = value
            pieceIndex += 1
        }
        if let compressStart = compress {
            var swaps = pieceIndex - compressStart
            pieceIndex = 7
            while pieceIndex != 0 && swaps > 0 {
                address.swapAt(pieceIndex, compressStart + swaps - 1)
                pieceIndex -= 1
                swaps -= 1
            }
        } else if pieceIndex != 8 {
            return nil
        }
        return address
    }

    private static func parseEmbeddedIPv4(
        _ input: ArraySlice<UInt8>, from start: Int,
        into address: inout [UInt16], at pieceIndex: inout Int
    ) -> Bool {
        var p = start
        var numbersSeen = 0
        while p < input.endIndex {
            var c = input[p]
            var ipv4Piece: Int? = nil
            if numbersSeen > 0 {
                if c == ASCII.period && numbersSeen < 4 {
                    p += 1
                } else {
                    return false
                }
            }
            guard p < input.endIndex, input[p].isASCIIDigit else { return false }
            while p < input.endIndex, input[p].isASCIIDigit {
                c = input[p]
                let number = Int(c &- 0x30)
                if ipv4Piece == nil {
                    ipv4Piece = number
                } else if ipv4Piece == 0 {
                    return false
                } else {
                    ipv4Piece = ipv4Piece! * 10 + number
                }
                if ipv4Piece! > 255 { return false }
                p += 1
            }
            address[pieceIndex] = address[pieceIndex] * 0x100 + UInt16(ipv4Piece!)
            numbersSeen += 1
            if numbersSeen == 2 || numbersSeen == 4 { pieceIndex += 1 }
        }
        return numbersSeen == 4
    }

    static func serialize(_ address: [UInt16], to out: inout [UInt8]) {
        // Find the first longest run of zero pieces of length >= 2.
        var bestStart = -1, bestLength = 1
        var i = 0
        while i < 8 {
            if address[i] == 0 {
                var j = i
                while j < 8 && address[j] == 0 { j += 1 }
                if j - i > bestLength {
                    bestStart = i
                    bestLength = j - i
                }
                i = j
            } else {
                i += 1
            }
        }
        var ignore0 = false
        for index in 0..<8 {
            if ignore0 && address[index] == 0 { continue }
            ignore0 = false
            if index == bestStart {
                out.append(contentsOf: index == 0 ? [ASCII.colon, ASCII.colon] : [ASCII.colon])
                ignore0 = true
                continue
            }
            appendHex(address[index], to: &out)
            if index != 7 { out.append(ASCII.colon) }
        }
    }

    private static func appendHex(_ value: UInt16, to out: inout [UInt8]) {
        var started = false
        for shift in stride(from: 12, through: 0, by: -4) {
            let nibble = Int((value >> UInt16(shift)) & 0xF)
            if nibble != 0 || started || shift == 0 {
                out.append(ASCII.lowerHex[nibble])
                started = true
            }
        }
    }
}
