internal import CCurl

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// curl's docs/examples/ephiperfifo.c in Swift: one thread owns a multi
/// handle, an epoll fd, a timerfd (CURLMOPT_TIMERFUNCTION) and the
/// mailbox's eventfd, and drives every transfer with
/// `curl_multi_socket_action`. One difference: the timer callback only
/// records curl's deadline, and the timerfd is armed (absolute time) once
/// per pass instead of once per callback (timerfd_settime calls fell from
/// ~1.9 per page to ~0.03 in the loopback benchmark).
///
/// Made on the caller's thread, then moved to the loop thread, which runs
/// `run()` and drops the last reference: from then on it is confined to
/// that thread, which is why it is not Sendable. Its only work is moving
/// bytes: header parsing and continuation bookkeeping happen elsewhere.
///
/// **Context pointer rule.** CURLMOPT_SOCKETDATA and CURLMOPT_TIMERDATA
/// hold `self`, unretained; `self` owns the multi handle and unsets both
/// callbacks before cleaning it up, so curl never calls back into a dead
/// loop. `MultiLoop.from(_:)` recovers it. The per-socket pointer
/// (curl_multi_assign) is not an object at all: a non-nil marker meaning
/// "epoll has this socket", so a socket's first registration is an ADD and
/// later ones a MOD without a failed syscall to find out.
final class MultiLoop {
    /// The CURLM * this loop owns.
    let multi: UnsafeMutableRawPointer
    let epollFD: Int32
    let timerFD: Int32
    private let wakeFD: Int32
    private let mailbox: LoopMailbox
    let configuration: FetchConfiguration

    /// Transfers added to the multi handle, by mailbox id; this table keeps
    /// their EasyHandles (and so their context pointers) alive.
    private var active: [UInt64: EasyHandle] = [:]
    /// Easy handles waiting for their next transfer.
    private var idle: [EasyHandle] = []
    /// The cap on body bytes all transfers hold at once, and the
    /// transfers paused until it has room, oldest first.
    let bodyBudget: BodyBudget?
    private let paused = PausedTransfers()
    /// Outcomes collected during one pass, delivered together.
    private var finished: [(id: UInt64, result: Result<FinishedTransfer, FetchError>)] = []

    /// The deadline curl's timer callback last asked for (CLOCK_MONOTONIC
    /// ns, -1: none) and the one the timerfd holds. curl moves its timer
    /// many times per pass; the timerfd is armed once, before epoll_wait.
    var requestedDeadline: Int64 = -1
    private var armedDeadline: Int64 = -1

    private static let eventCapacity = 256
    private let events = UnsafeMutablePointer<CCurl_ready_event>.allocate(capacity: MultiLoop.eventCapacity)

    /// Attached to every handle: the cookie store of `--cookie-jar`, which
    /// a multi handle does not share between its transfers by itself.
    private let share: CurlShare?

    init(configuration: FetchConfiguration, share: CurlShare?, bodyBudget: BodyBudget?, mailbox: LoopMailbox,
         wakeUp: EventFD) throws(FetchError) {
        if let failure = CurlLibrary.ensureInitialized() {
            throw FetchError(code: .other, url: "", message: failure)
        }
        let epollFD = CCurl_epoll_create()
        let timerFD = CCurl_timerfd_create()
        let multi = curl_multi_init()
        guard epollFD >= 0, timerFD >= 0, let multi,
              CCurl_epoll_set(epollFD, timerFD, UInt32(CCurl_READABLE), 1) == 0,
              CCurl_epoll_set(epollFD, wakeUp.fd, UInt32(CCurl_READABLE), 1) == 0
        else {
            let reason = String(cString: strerror(errno))
            if epollFD >= 0 { close(epollFD) }
            if timerFD >= 0 { close(timerFD) }
            if let multi { curl_multi_cleanup(multi) }
            events.deallocate()
            throw FetchError(code: .other, url: "", message: "could not set up the curl event loop: \(reason)")
        }
        self.multi = multi
        self.epollFD = epollFD
        self.timerFD = timerFD
        self.wakeFD = wakeUp.fd
        self.mailbox = mailbox
        self.configuration = configuration
        self.share = share
        self.bodyBudget = bodyBudget
        if let failure = configureMulti() {
            throw FetchError(code: .other, url: "", message: failure)
        }
    }

    deinit {
        // Unset the callbacks first: nothing below may call back into a
        // loop that is being torn down.
        _ = CCurl_multi_setopt_socket_function(multi, nil)
        _ = CCurl_multi_setopt_timer_function(multi, nil)
        for handle in active.values {
            curl_multi_remove_handle(multi, handle.raw)
        }
        curl_multi_cleanup(multi)
        active = [:]
        idle = []
        paused.handles = []
        close(timerFD)
        close(epollFD)
        events.deallocate()
    }

    /// Runs until the mailbox says stop. Call once, on the loop thread.
    func run() {
        var stopping = false
        while !stopping {
            if requestedDeadline != armedDeadline {
                _ = CCurl_timerfd_arm_at(timerFD, requestedDeadline)
                armedDeadline = requestedDeadline
            }
            let count = CCurl_epoll_wait(epollFD, events, Int32(Self.eventCapacity), -1)
            if count < 0 {
                // Cannot happen with valid fds; fail everything rather than spin.
                mailbox.close()
                return
            }
            for index in 0..<Int(count) {
                let event = events[index]
                if event.fd == wakeFD {
                    stopping = runCommands() || stopping
                } else if event.fd == timerFD {
                    // Fired timers are spent: curl asks again if it needs one.
                    guard CCurl_counter_drain(timerFD) > 0 else { continue }
                    requestedDeadline = -1
                    armedDeadline = -1
                    socketAction(CURL_SOCKET_TIMEOUT, 0)
                } else {
                    socketAction(event.fd, Self.socketActionMask(event.readiness))
                }
            }
            collectFinished()
            resumePaused()
            if !finished.isEmpty {
                mailbox.deliver(finished)
                finished.removeAll(keepingCapacity: true)
            }
        }
    }

    // MARK: Commands from the mailbox

    /// Returns true when told to stop.
    private func runCommands() -> Bool {
        let commands = mailbox.takeCommands()
        for command in commands {
            switch command {
            case .start(let id, let url, let timeout):
                start(id, url, timeout: timeout)
            case .cancel(let id):
                cancel(id)
            case .stop:
                return true
            }
        }
        return false
    }

    private func start(_ id: UInt64, _ url: String, timeout: Duration?) {
        guard let handle = idle.popLast()
                ?? EasyHandle(configuration: configuration, share: share, budget: bodyBudget, budgetWait: .pause(paused)) else {
            finished.append((id, .failure(FetchError(code: .other, url: url, message: "libcurl could not create an easy handle"))))
            return
        }
        do {
            try handle.prepare(url: url, timeout: timeout)
        } catch {
            finished.append((id, .failure(error)))
            recycle(handle)
            return
        }
        handle.tag = id
        let code = curl_multi_add_handle(multi, handle.raw)
        guard code == CURLM_OK else {
            let message = "curl_multi_add_handle failed: " + String(cString: curl_multi_strerror(code))
            finished.append((id, .failure(FetchError(code: .other, url: url, message: message))))
            recycle(handle)
            return
        }
        active[id] = handle
    }

    private func cancel(_ id: UInt64) {
        guard let handle = active.removeValue(forKey: id) else { return }   // already finished
        curl_multi_remove_handle(multi, handle.raw)
        recycle(handle)
    }

    private func recycle(_ handle: EasyHandle) {
        if handle.budgetWaiting {
            paused.handles.removeAll { $0 === handle }
        }
        handle.releaseBuffers()
        idle.append(handle)
    }

    /// Resumes paused transfers, oldest first, while the budget has room
    /// for them. A resumed transfer may take the room and pause again at
    /// once (curl delivers its kept chunk inside curl_easy_pause), which
    /// puts it back in `paused`: those stay behind the ones not tried yet.
    private func resumePaused() {
        guard let bodyBudget, !paused.handles.isEmpty else { return }
        var waiting = paused.handles[...]
        paused.handles = []
        while let handle = waiting.first, bodyBudget.admitsWaiting {
            waiting.removeFirst()
            handle.resumeAfterBudgetPause()
        }
        paused.handles = Array(waiting) + paused.handles
        if paused.handles.isEmpty { bodyBudget.noneWaiting() }
    }

    // MARK: Driving curl

    private func socketAction(_ socket: curl_socket_t, _ mask: Int32) {
        var running: Int32 = 0
        // CURLM_BAD_SOCKET (a socket curl closed earlier in this batch) is
        // harmless; no other code is possible with a valid multi handle.
        _ = curl_multi_socket_action(multi, socket, mask, &running)
    }

    /// Drains curl_multi_info_read: every finished transfer leaves the multi
    /// handle, its outcome is read, and its easy handle goes back to `idle`.
    private func collectFinished() {
        var easy: UnsafeMutableRawPointer? = nil
        var result = CURLE_OK
        while CCurl_multi_info_read_done(multi, &easy, &result) == 1 {
            guard let easy, let handle = EasyHandle.owning(easy) else { continue }
            curl_multi_remove_handle(multi, easy)
            active.removeValue(forKey: handle.tag)
            finished.append((handle.tag, handle.finish(CurlCode(result))))
            recycle(handle)
        }
    }

    private static func socketActionMask(_ readiness: UInt32) -> Int32 {
        var mask: Int32 = 0
        if readiness & UInt32(CCurl_READABLE | CCurl_HANGUP) != 0 { mask |= CURL_CSELECT_IN }
        if readiness & UInt32(CCurl_WRITABLE) != 0 { mask |= CURL_CSELECT_OUT }
        if readiness & UInt32(CCurl_ERROR) != 0 { mask |= CURL_CSELECT_ERR }
        return mask
    }
}
