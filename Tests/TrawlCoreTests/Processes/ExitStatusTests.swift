import Testing
@testable import TrawlCore

extension Processes {
    struct ExitStatusTests {
        @Test func waitStatusesDecode() {
            #expect(ExitStatus(waitStatus: 0) == .exited(0))
            #expect(ExitStatus(waitStatus: 3 << 8) == .exited(3))
            #expect(ExitStatus(waitStatus: 9) == .signalled(9))
            #expect(ExitStatus(waitStatus: 0x80 | 11) == .signalled(11), "core dumped")
            #expect(ExitStatus.signalled(15).description == "killed by signal 15 (SIGTERM)")
            #expect(ExitStatus.signalled(40).description == "killed by signal 40")
        }
    }
}
