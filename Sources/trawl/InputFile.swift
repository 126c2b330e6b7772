import ArgumentParser
import Foundation

/// A command's input file, read whole ("-" reads stdin). One that cannot be
/// read is reported by name and ends the command with exit 66 (EX_NOINPUT).
enum InputFile {
    /// `kind` names the file in the message: "cannot read HTML file 'x'".
    static func bytes(_ path: String, kind: String) throws -> [UInt8] {
        do {
            let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: path))
            return [UInt8](data)
        } catch {
            Terminal.fail("cannot read \(kind) file '\(path)': \(reason(error))")
            throw ExitCode(66)
        }
    }

    /// The system's own words ("No such file or directory", "Is a
    /// directory") when Foundation wraps a POSIX error, which its generic
    /// "could not be completed" message hides.
    private static func reason(_ error: any Error) -> String {
        let error = error as NSError
        if let posix = error.userInfo[NSUnderlyingErrorKey] as? POSIXError {
            return String(cString: strerror(posix.code.rawValue))
        }
        return error.localizedDescription
    }
}
