import ArgumentParser

/// A byte count written as 500, 64KB, 10MB or 1GB (powers of 1024).
struct ByteSize: ExpressibleByArgument, CustomStringConvertible, Sendable {
    var bytes: Int

    /// The largest whole unit: "10MB", "4KB", "1500B"; --help shows defaults so.
    var description: String {
        for (suffix, factor) in [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)] where bytes % factor == 0 {
            return "\(bytes / factor)\(suffix)"
        }
        return "\(bytes)B"
    }

    var defaultValueDescription: String { description }

    init(bytes: Int) { self.bytes = bytes }

    init?(argument: String) {
        let text = argument.uppercased().replacingOccurrences(of: "IB", with: "B")
        let units: [(String, Int)] = [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10), ("B", 1)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            // A size beyond Int (1e30GB) is no size: refused, not trapped.
            guard let value = Double(text.dropLast(suffix.count)), value > 0,
                  value * Double(factor) < Double(Int.max) else { return nil }
            bytes = Int(value * Double(factor))
            return
        }
        guard let value = Int(text), value > 0 else { return nil }
        bytes = value
    }
}

/// A `ByteSize`, or "0" (no cap at all).
struct ByteSizeOrZero: ExpressibleByArgument, CustomStringConvertible, Sendable {
    var bytes: Int

    var description: String { bytes == 0 ? "0" : ByteSize(bytes: bytes).description }

    init?(argument: String) {
        if argument == "0" {
            bytes = 0
        } else if let size = ByteSize(argument: argument) {
            bytes = size.bytes
        } else {
            return nil
        }
    }
}
