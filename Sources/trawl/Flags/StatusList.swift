import ArgumentParser
import Foundation

/// HTTP statuses as a comma-separated list (`408,429,500`), or `none`.
struct StatusList: ExpressibleByArgument, Sendable {
    var codes: [Int]

    init(codes: [Int]) { self.codes = codes }

    init?(argument: String) {
        if argument == "none" {
            codes = []
            return
        }
        var codes: [Int] = []
        for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let code = Int(part.trimmingCharacters(in: .whitespaces)), (100...599).contains(code) else { return nil }
            codes.append(code)
        }
        self.codes = codes
    }

    var defaultValueDescription: String { codes.map(String.init).joined(separator: ",") }
}
