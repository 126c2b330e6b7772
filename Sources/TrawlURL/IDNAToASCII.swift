/// UTS #46 ToASCII with the URL Standard's options (CheckHyphens false,
/// CheckBidi true, CheckJoiners true, UseSTD3ASCIIRules false,
/// Nontransitional Processing, VerifyDnsLength false,
/// IgnoreInvalidPunycode false). Any error is a failure.
enum IDNAToASCII {
    static func convert(_ domain: String) -> [UInt8]? {
        // Processing steps 1-3: map, normalize, break into labels.
        guard let mapped = IDNAMapping.mapAndNormalize(domain) else { return nil }
        var labels: [[Unicode.Scalar]] = []
        for label in mapped.unicodeScalars.split(separator: ".", omittingEmptySubsequences: false) {
            // Step 4: "xn--" labels are replaced by what they decode to.
            guard let unicodeLabel = convertAndValidate(Array(label)) else { return nil }
            labels.append(unicodeLabel)
        }
        if IDNABidiRule.isBidiDomain(labels), !labels.allSatisfy(IDNABidiRule.allows) { return nil }
        return encode(labels)
    }

    /// Processing step 4 for one label: its Unicode form if it is valid.
    private static func convertAndValidate(_ label: [Unicode.Scalar]) -> [Unicode.Scalar]? {
        guard IDNALabelValidity.startsWithACEPrefix(label) else {
            return IDNALabelValidity.isValid(label, isMapped: true) ? label : nil
        }
        // A Punycode label must be ASCII, must decode, and must decode to
        // something Punycode was needed for (not empty, not ASCII only)
        // that would itself be a valid label.
        guard label.allSatisfy(\.isASCII),
              let decoded = Punycode.decode(ArraySlice(label.dropFirst(4).map { UInt8($0.value) })),
              decoded.contains(where: { $0 >= 0x80 })
        else { return nil }
        let scalars = decoded.compactMap(Unicode.Scalar.init)
        return IDNALabelValidity.isValid(scalars, isMapped: false) ? scalars : nil
    }

    /// ToASCII step 3: labels with non-ASCII code points become "xn--"
    /// plus their Punycode.
    private static func encode(_ labels: [[Unicode.Scalar]]) -> [UInt8]? {
        var result: [UInt8] = []
        for (index, label) in labels.enumerated() {
            if index > 0 { result.append(ASCII.period) }
            if label.allSatisfy(\.isASCII) {
                result.append(contentsOf: label.map { UInt8($0.value) })
            } else {
                guard let punycode = Punycode.encode(label.map(\.value)) else { return nil }
                result.append(contentsOf: "xn--".utf8)
                result.append(contentsOf: punycode)
            }
        }
        return result
    }
}
