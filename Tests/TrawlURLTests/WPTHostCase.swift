import Foundation
import Testing

/// One case of WPT's url/resources/toascii.json or IdnaTestV2.json: a host
/// and what the URL parser must make of it. Files are read from this source
/// file's directory because the package manifest declares no test resources.
struct WPTHostCase: Sendable, CustomTestStringConvertible {
    let input: String
    let expected: String?  // nil: the URL must fail to parse
    let comment: String?

    var testDescription: String {
        "\(input.unicodeScalars.map(\.escapedForReport).joined()) \(comment ?? "")"
    }

    static func load(_ file: String) throws -> [WPTHostCase] {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let text = try String(
            contentsOf: directory.appendingPathComponent("Resources/\(file)"), encoding: .utf8)
        let data = Data(replacingLoneSurrogateEscapes(in: text).utf8)
        let entries = try JSONSerialization.jsonObject(with: data) as? [Any] ?? []
        return entries.compactMap { entry -> WPTHostCase? in
            guard let object = entry as? [String: Any], let input = object["input"] as? String
            else { return nil }  // comment lines, as both runners skip them
            return WPTHostCase(
                input: input, expected: object["output"] as? String,
                comment: object["comment"] as? String)
        }
    }

    /// IdnaTestV2.json has inputs with a lone surrogate (`a\ud900z`), which
    /// JSONSerialization refuses. A browser turns one into U+FFFD when the
    /// URL constructor converts its argument to a scalar value string, so
    /// this does the same to such escapes before parsing.
    static func replacingLoneSurrogateEscapes(in json: String) -> String {
        let utf16 = Array(json.utf16)
        func surrogate(at i: Int) -> UInt16? {  // the value of a "\uD800"-style escape at i
            guard i + 6 <= utf16.count, utf16[i] == 0x5C, utf16[i + 1] == 0x75,
                  let value = UInt16(String(decoding: utf16[i + 2..<i + 6], as: UTF16.self), radix: 16),
                  UTF16.isLeadSurrogate(value) || UTF16.isTrailSurrogate(value)
            else { return nil }
            return value
        }
        var output: [UInt16] = []
        var i = 0
        while i < utf16.count {
            if let value = surrogate(at: i) {
                if UTF16.isLeadSurrogate(value), let next = surrogate(at: i + 6),
                   UTF16.isTrailSurrogate(next) {
                    output += utf16[i..<i + 12]
                    i += 12
                } else {
                    output += Array("\\uFFFD".utf16)
                    i += 6
                }
            } else if utf16[i] == 0x5C, i + 1 < utf16.count {
                output += utf16[i...i + 1]  // any other escape, "\\" included
                i += 2
            } else {
                output.append(utf16[i])
                i += 1
            }
        }
        return String(decoding: output, as: UTF16.self)
    }
}

extension Unicode.Scalar {
    /// ASCII as is, anything else as \u{...}, so a report shows which code
    /// points a case has even when they are invisible or combining.
    fileprivate var escapedForReport: String {
        (0x20..<0x7F).contains(value) ? String(self) : "\\u{\(String(value, radix: 16))}"
    }
}
