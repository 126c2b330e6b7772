import Testing

/// Groups the `--mode processes` building blocks, so that
/// `swift test --filter Processes` runs exactly these suites.
@Suite(.timeLimit(.minutes(1)))
enum Processes {}
