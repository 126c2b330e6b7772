internal import CLibFuzzer
import Glibc

/// Starts libFuzzer from a Swift entry point.
///
/// libFuzzer brings a `main` of its own, but SwiftPM links every Swift
/// executable with `--defsym main=<Module>_main`, its renamed entry point,
/// so a fuzz target without one fails to link on Linux ("undefined symbol
/// 'FuzzRobots_main'"). Each target therefore has a `@main` that hands its
/// `LLVMFuzzerTestOneInput` to libFuzzer's driver: the same run, flags and
/// output as libFuzzer's own `main`.
public enum LibFuzzer {
    public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    public static func run(_ testOneInput: TestOneInput) -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
    }
}
