internal import CCurl

/// The multi handle's options and its two callbacks. Callbacks return curl
/// codes and never trap.
extension MultiLoop {
    static func from(_ context: UnsafeMutableRawPointer?) -> MultiLoop? {
        guard let context else { return nil }
        return Unmanaged<MultiLoop>.fromOpaque(context).takeUnretainedValue()
    }

    /// Returns a description of the first option that failed, or nil.
    func configureMulti() -> String? {
        let context = Unmanaged.passUnretained(self).toOpaque()
        var results: [(String, CURLMcode)] = [
            ("CURLMOPT_SOCKETDATA", CCurl_multi_setopt_pointer(multi, CURLMOPT_SOCKETDATA, context)),
            ("CURLMOPT_TIMERDATA", CCurl_multi_setopt_pointer(multi, CURLMOPT_TIMERDATA, context)),
            ("CURLMOPT_SOCKETFUNCTION", CCurl_multi_setopt_socket_function(multi) { _, socket, what, context, marker in
                MultiLoop.from(context)?.updateSocket(socket, what, registered: marker != nil) ?? -1
            }),
            ("CURLMOPT_TIMERFUNCTION", CCurl_multi_setopt_timer_function(multi) { _, timeout, context in
                MultiLoop.from(context)?.updateTimer(timeout) ?? -1
            }),
            ("CURLMOPT_MAXCONNECTS", CCurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, configuration.maxConnections)),
            ("CURLMOPT_MAX_TOTAL_CONNECTIONS",
             CCurl_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, configuration.maxConnections)),
        ]
        if configuration.maxConnectionsPerHost > 0 {
            results.append(("CURLMOPT_MAX_HOST_CONNECTIONS",
                            CCurl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, configuration.maxConnectionsPerHost)))
        }
        guard let (option, code) = results.first(where: { $0.1 != CURLM_OK }) else { return nil }
        return "could not set \(option): " + String(cString: curl_multi_strerror(code))
    }

    /// CURLMOPT_SOCKETFUNCTION: keep epoll's interest in `socket` in line
    /// with what curl wants. REMOVE of a socket epoll does not know is a no-op.
    private func updateSocket(_ socket: curl_socket_t, _ what: Int32, registered: Bool) -> Int32 {
        if what == CURL_POLL_REMOVE {
            // curl forgets the marker along with the socket.
            return !registered || CCurl_epoll_remove(epollFD, socket) == 0 ? 0 : -1
        }
        var interest: UInt32 = 0
        if what & CURL_POLL_IN != 0 { interest |= UInt32(CCurl_READABLE) }
        if what & CURL_POLL_OUT != 0 { interest |= UInt32(CCurl_WRITABLE) }
        guard CCurl_epoll_set(epollFD, socket, interest, registered ? 0 : 1) == 0 else { return -1 }
        if !registered {
            _ = curl_multi_assign(multi, socket, MultiLoop.registeredMarker)
        }
        return 0
    }

    /// The curl_multi_assign value of a socket epoll watches; never dereferenced.
    private static var registeredMarker: UnsafeMutableRawPointer? { UnsafeMutableRawPointer(bitPattern: 1) }

    /// CURLMOPT_TIMERFUNCTION: remember when curl wants
    /// `socket_action(CURL_SOCKET_TIMEOUT)` (-1: never, 0: at once); `run()`
    /// arms the timerfd before it next waits.
    private func updateTimer(_ timeoutMilliseconds: Int) -> Int32 {
        if timeoutMilliseconds < 0 {
            requestedDeadline = -1
        } else {
            let (milliseconds, overflow) = Int64(timeoutMilliseconds).multipliedReportingOverflow(by: 1_000_000)
            requestedDeadline = overflow ? Int64.max : CCurl_monotonic_ns() &+ milliseconds
        }
        return 0
    }
}
