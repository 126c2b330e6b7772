#if canImport(Glibc)
import Glibc

/// Makes a child process die with its parent, even while it is stuck in
/// CPU work that never reads the pipe whose end would tell it (a worker in
/// a 34 s regular expression outlived its parent's SIGKILL by 20 s).
///
/// glibc's posix_spawn has no attribute for it, so the child arms it
/// itself, first thing: `PR_SET_PDEATHSIG` with SIGKILL, then a check that
/// its parent is still the process that spawned it (whose pid `Spawner`
/// passes in `TRAWL_PARENT_PID`): if that parent died before the `prctl`,
/// the child was already handed to another and no signal would ever come.
///
/// The kernel sends the signal when the *thread* that spawned the child
/// ends, not the process; `Spawner` therefore spawns from one thread that
/// lives as long as the process.
public enum ParentDeath {
    /// The environment variable through which `Spawner` names the parent.
    public static let environmentKey = "TRAWL_PARENT_PID"

    /// Arms the signal when this process was started by `Spawner` (its
    /// environment names the parent); does nothing otherwise, and says so.
    @discardableResult
    public static func armFromEnvironment() -> Bool {
        guard let value = getenv(environmentKey), let parent = pid_t(String(cString: value)), parent > 0 else {
            return false
        }
        // Read once and dropped: a grandchild started by other means (a
        // shell, a script) must not inherit a parent pid that is not its
        // parent's, and kill itself over it.
        unsetenv(environmentKey)
        return arm(expectedParent: parent)
    }

    /// SIGKILL when `expectedParent` ends; if it has already ended, the
    /// signal is sent now. False if the kernel refused (then nothing is
    /// armed and the process goes on).
    @discardableResult
    public static func arm(expectedParent: pid_t) -> Bool {
        guard let prctl = prctlFunction, prctl(setParentDeathSignal, UInt(SIGKILL), 0, 0, 0) == 0 else { return false }
        if getppid() != expectedParent {
            _ = kill(getpid(), SIGKILL)
        }
        return true
    }

    /// PR_SET_PDEATHSIG from <linux/prctl.h>, which Swift's Glibc module
    /// does not import.
    private static let setParentDeathSignal: Int32 = 1

    /// prctl is variadic, which Swift cannot call; it is looked up and
    /// called with its five integer arguments spelled out, as the x86-64
    /// and arm64 Linux calling conventions pass variadic integers alike.
    private typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
    private static let prctlFunction: Prctl? = dlsym(nil, "prctl").map { unsafeBitCast($0, to: Prctl.self) }
}
#endif
