import Foundation

/// Makes stdin, stdout and stderr safe to use before anything else runs.
/// A descriptor among 0–2 that is closed at start (`2>&-`) is reopened on
/// /dev/null, as OpenSSH and git do: otherwise the next file trawl opens
/// would take its number, and a warning would land in pages.jsonl. SIGPIPE
/// is ignored, so a write to a pipe whose reader has gone fails with EPIPE
/// (dropped for stderr and the summary, reported for the worker protocol)
/// instead of killing trawl before it writes its exports.
enum StandardStreams {
    static func prepare() {
        for fd in STDIN_FILENO...STDERR_FILENO where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", O_RDWR)
            // open returns the lowest free number: `fd` itself, as the
            // lower ones are open (or were reopened in this loop).
            if null >= 0 && null != fd {
                dup2(null, fd)
                close(null)
            }
        }
        signal(SIGPIPE, SIG_IGN)
    }
}
