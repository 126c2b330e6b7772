#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// StoreBench's command line: `[--rows N] [--batch N] [--without-rowid]
/// [--cache-mib N] [--host-order] [--folder DIR]`.
struct Options {
    var rows = 1_000_000
    var batch = 1_000
    var withoutRowID = false
    var folder = "."
    /// SQLite's page cache in MiB; nil keeps its default (2 MiB).
    var cacheMiB: Int?
    var hostOrder = false

    init(_ arguments: ArraySlice<String>) {
        var arguments = arguments
        while let argument = arguments.popFirst() {
            switch argument {
            case "--rows": rows = arguments.popFirst().flatMap { Int($0) } ?? rows
            case "--batch": batch = arguments.popFirst().flatMap { Int($0) } ?? batch
            case "--folder": folder = arguments.popFirst() ?? folder
            case "--without-rowid": withoutRowID = true
            case "--cache-mib": cacheMiB = arguments.popFirst().flatMap { Int($0) }
            case "--host-order": hostOrder = true
            default: print("unknown argument \(argument)"); exit(2)
            }
        }
        batch = max(batch, 1)
    }
}
