import ArgumentParser

/// Where `trawl crawl` takes its seeds: URLs as arguments, one seeds file
/// (as the argument or with --seeds), or standard input (`-`).
struct SeedFlags: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "Seed URLs (http:// or https://); or one seeds file; or - to read seeds from standard input.",
        discussion: "A seeds file holds one URL per line; blank lines and # comments are ignored.",
        valueName: "seeds"))
    var arguments: [String] = []

    @Option(name: .customLong("seeds"), help: ArgumentHelp("Seeds file: one URL per line (- for standard input).", valueName: "file"))
    var file: String?

    @Flag(help: "Treat a bad line of a seeds file as fatal instead of skipping it.")
    var strict = false

    /// Whether any seeds were given (`--resume` takes none: it has the
    /// crawl's own).
    var areGiven: Bool { !arguments.isEmpty || file != nil }

    /// Checked by `CrawlFlags.validate()`, which knows whether the crawl
    /// is resumed.
    func validate() throws {
        if areGiven { _ = try source() }
    }

    /// Where the seeds come from, or why the arguments name none.
    func source() throws -> SeedSource {
        if let file {
            guard arguments.isEmpty else {
                throw ValidationError("--seeds \(file) and seed arguments both given: give seeds one way")
            }
            return file == "-" ? .standardInput : .file(file)
        }
        guard let first = arguments.first else {
            throw ValidationError("no seeds: give seed URLs, a seeds file, or - to read them from standard input")
        }
        if arguments.count == 1 {
            if SeedSource.isURL(first) { return .urls(arguments) }
            return first == "-" ? .standardInput : .file(first)
        }
        // Several: each must be a URL. A file or "-" among them is refused
        // by name rather than guessed at.
        for argument in arguments where !SeedSource.isURL(argument) {
            if argument == "-" {
                throw ValidationError("'-' (seeds from standard input) must be the only seed argument")
            }
            if SeedSource.isReadableFile(argument) {
                throw ValidationError("'\(argument)' is a seeds file: give it as the only seed argument, or with --seeds")
            }
            throw ValidationError("'\(argument)' is neither a URL (http:// or https://) nor a readable seeds file")
        }
        return .urls(arguments)
    }
}
