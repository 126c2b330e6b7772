/// Punycode (RFC 3492) with the parameters IDNA uses. Works on Unicode
/// scalar values; the "xn--" prefix is the caller's business.
enum Punycode {
    private static let base: UInt32 = 36, tMin: UInt32 = 1, tMax: UInt32 = 26
    private static let skew: UInt32 = 38, damp: UInt32 = 700
    private static let initialBias: UInt32 = 72, initialN: UInt32 = 128

    private static func adapt(_ delta: UInt32, _ numPoints: UInt32, _ firstTime: Bool) -> UInt32 {
        var delta = firstTime ? delta / damp : delta / 2
        delta += delta / numPoints
        var k: UInt32 = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    private static func digit(_ d: UInt32) -> UInt8 {
        d < 26 ? UInt8(d) + 0x61 : UInt8(d - 26) + 0x30
    }

    /// Encodes scalars to ASCII; nil on overflow.
    static func encode(_ input: [UInt32]) -> [UInt8]? {
        var output: [UInt8] = input.filter { $0 < 0x80 }.map { UInt8($0) }
        let basicCount = UInt32(output.count)
        var handled = basicCount
        if basicCount > 0 { output.append(0x2D) }
        var n = initialN, delta: UInt32 = 0, bias = initialBias
        while handled < UInt32(input.count) {
            let m = input.filter { $0 >= n }.min()!
            let (mul, o1) = (m - n).multipliedReportingOverflow(by: handled + 1)
            let (sum, o2) = delta.addingReportingOverflow(mul)
            if o1 || o2 { return nil }
            delta = sum
            n = m
            for c in input {
                if c < n {
                    delta += 1
                    if delta == 0 { return nil }
                }
                if c == n {
                    var q = delta
                    var k = base
                    while true {
                        let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                        if q < t { break }
                        output.append(digit(t + (q - t) % (base - t)))
                        q = (q - t) / (base - t)
                        k += base
                    }
                    output.append(digit(q))
                    bias = adapt(delta, handled + 1, handled == basicCount)
                    delta = 0
                    handled += 1
                }
            }
            delta += 1
            n += 1
        }
        return output
    }

    /// Decodes ASCII to scalars; nil when the input is not valid Punycode.
    static func decode(_ input: ArraySlice<UInt8>) -> [UInt32]? {
        var output: [UInt32] = []
        var rest = input
        if let lastDash = input.lastIndex(of: 0x2D) {
            for b in input[input.startIndex..<lastDash] {
                guard b < 0x80 else { return nil }
                output.append(UInt32(b))
            }
            rest = input[(lastDash + 1)...]
        }
        var n = initialN, i: UInt32 = 0, bias = initialBias
        var p = rest.startIndex
        while p < rest.endIndex {
            let oldI = i
            var w: UInt32 = 1
            var k = base
            while true {
                guard p < rest.endIndex else { return nil }
                let b = rest[p]
                p += 1
                let d: UInt32
                switch b {
                case 0x30...0x39: d = UInt32(b - 0x30) + 26
                case 0x41...0x5A: d = UInt32(b - 0x41)
                case 0x61...0x7A: d = UInt32(b - 0x61)
                default: return nil
                }
                let (dw, o1) = d.multipliedReportingOverflow(by: w)
                let (ni, o2) = i.addingReportingOverflow(dw)
                if o1 || o2 { return nil }
                i = ni
                let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                if d < t { break }
                let (nw, o3) = w.multipliedReportingOverflow(by: base - t)
                if o3 { return nil }
                w = nw
                k += base
            }
            let count = UInt32(output.count + 1)
            bias = adapt(i - oldI, count, oldI == 0)
            let (nn, o4) = n.addingReportingOverflow(i / count)
            if o4 { return nil }
            n = nn
            i %= count
            guard n <= 0x10FFFF, !(0xD800...0xDFFF).contains(n) else { return nil }
            output.insert(n, at: Int(i))
            i += 1
        }
        return output
    }
}
