internal import CCurl

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Enforcing `AddressGuard` on the address actually connected to.
///
/// **Why CURLOPT_OPENSOCKETFUNCTION and not CURLOPT_PREREQFUNCTION.** curl
/// calls the open-socket callback with the very `curl_sockaddr` it will
/// pass to connect(2), for every address it tries (each happy-eyeballs
/// attempt, each redirect that needs a new connection, connect-to and
/// resolve entries applied), before the socket exists. Refusing there
/// sends nothing at all to the address: no SYN, no TLS ClientHello with
/// the host name. The pre-request callback (7.80+) only runs once the
/// connection, TLS included, is up, and hands over the address as text.
/// A refused address is skipped like an unreachable one, so a host that
/// also has an allowed address still connects to that one.
///
/// A reused connection opens no socket and is not judged again: it was
/// judged when it was opened, by the same guard (every handle of a fetcher
/// has the same configuration; the multi loop's connection cache and a
/// blocking handle's own connection are never shared with another fetcher).
extension EasyHandle {
    /// CURLOPT_OPENSOCKETFUNCTION: the socket for `address`, or
    /// CURL_SOCKET_BAD (curl then fails the attempt with
    /// CURLE_COULDNT_CONNECT) when the guard refuses it. Never traps.
    func openSocket(_ purpose: curlsocktype, _ address: UnsafeMutablePointer<curl_sockaddr>) -> curl_socket_t {
        let family = address.pointee.family
        // The sockaddr continues past `addr`'s declared 16 bytes for IPv6:
        // curl keeps it in a buffer of `addrlen` bytes starting there. (A
        // C struct's field always has an offset; without one, fail closed.)
        guard let offset = MemoryLayout<curl_sockaddr>.offset(of: \curl_sockaddr.addr) else { return CURL_SOCKET_BAD }
        let socketAddress = UnsafeRawPointer(address) + offset
        if purpose == CURLSOCKTYPE_IPCXN,
           let ip = IPAddress(socketAddress: socketAddress, length: Int(address.pointee.addrlen), family: family),
           let refusal = addressGuard.refusal(for: ip) {
            addressRefusal = refusal
            return CURL_SOCKET_BAD
        }
        // Allowed, or not an IP address (curl makes no other for http). If
        // this connection then fails, it fails as itself (`connect`), not
        // as an earlier refused address of the same host.
        addressRefusal = nil
        return socket(family, address.pointee.socktype | Int32(SOCK_CLOEXEC.rawValue), address.pointee.protocol)
    }
}

extension OptionSetter {
    /// Routes every new connection of the transfer through `openSocket`.
    mutating func guardAddresses(context: UnsafeMutableRawPointer) {
        record(CCurl_easy_setopt_pointer(handle, CURLOPT_OPENSOCKETDATA, context), CURLOPT_OPENSOCKETDATA)
        record(CCurl_easy_setopt_opensocket_function(handle) { context, purpose, address in
            guard let address, let handle = EasyHandle.from(context) else { return CURL_SOCKET_BAD }
            return handle.openSocket(purpose, address)
        }, CURLOPT_OPENSOCKETFUNCTION)
    }
}
