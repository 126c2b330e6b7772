import ArgumentParser
import Foundation
import TrawlCore

/// A command's input file, read whole ("-" reads stdin). One that cannot be
/// read is reported by name and ends the command with exit 66 (EX_NOINPUT).
enum InputFile {
    /// `kind` names the file in the message: "cannot read HTML file 'x'".
    static func bytes(_ path: String, kind: String) throws -> [UInt8] {
        do {
            let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: path))
            return [UInt8](data)
        } catch {
            Terminal.fail("cannot read \(kind) file '\(path)': \(ReadFailure(error))")
            throw ExitCode(66)
        }
    }
}
