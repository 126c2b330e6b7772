import Testing

/// Groups the `--mode processes` building blocks, so that
/// `swift test --filter Processes` runs exactly these suites. Serialized:
/// the CPU-bound tests would otherwise hold both threads of the cooperative
/// pool (2 cores) and delay the timing checks of the child-process tests.
@Suite(.serialized, .timeLimit(.minutes(1)))
enum Processes {}
