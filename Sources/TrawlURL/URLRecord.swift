/// The spec's "URL record" while a parse is under way: components as byte
/// buffers. The path is kept flat, already serialized ("/a/b", each segment
/// preceded by "/"), so "shorten the path" is a truncation at the last "/"
/// and the finished path is copied out in one go.
struct URLRecord {
    var scheme: [UInt8] = []
    var kind: SchemeKind = .other
    var username: [UInt8] = []
    var password: [UInt8] = []
    var host: [UInt8] = []
    var hostKind: HostKind = .none
    var port: Int? = nil
    var path: [UInt8] = []
    var hasOpaquePath = false
    var query: [UInt8]? = nil
    var fragment: [UInt8]? = nil

    /// The URL serializer; also records where each component starts so the
    /// accessors of `WebURL` are slices of `href`.
    func serialized() -> WebURL {
        var out = [UInt8]()
        out.reserveCapacity(scheme.count + username.count + password.count + host.count
            + path.count + (query?.count ?? 0) + (fragment?.count ?? 0) + 16)
        out.append(contentsOf: scheme)
        let schemeEnd = out.count
        out.append(ASCII.colon)
        var usernameStart = out.count, usernameEnd = out.count, passwordEnd = out.count
        var hostStart = out.count, hostEnd = out.count
        if hostKind != .none {
            out.append(ASCII.slash)
            out.append(ASCII.slash)
            usernameStart = out.count
            if !username.isEmpty || !password.isEmpty {
                out.append(contentsOf: username)
                usernameEnd = out.count
                if !password.isEmpty {
                    out.append(ASCII.colon)
                    out.append(contentsOf: password)
                }
                passwordEnd = out.count
                out.append(ASCII.at)
            } else {
                usernameEnd = usernameStart
                passwordEnd = usernameStart
            }
            hostStart = out.count
            out.append(contentsOf: host)
            hostEnd = out.count
            if let port {
                out.append(ASCII.colon)
                ASCII.appendDecimal(port, to: &out)
            }
        } else if !hasOpaquePath, path.count > 1, path[0] == ASCII.slash, path[1] == ASCII.slash {
            // Without "/." the path "//x" would read back as host "x".
            out.append(ASCII.slash)
            out.append(ASCII.period)
        }
        let pathStart = out.count
        out.append(contentsOf: path)
        let queryStart = out.count
        if let query {
            out.append(ASCII.question)
            out.append(contentsOf: query)
        }
        let fragmentStart = out.count
        if let fragment {
            out.append(ASCII.hash)
            out.append(contentsOf: fragment)
        }
        return WebURL(
            href: String(decoding: out, as: UTF8.self),
            layout: WebURL.Layout(
                schemeEnd: UInt32(schemeEnd),
                usernameStart: UInt32(usernameStart), usernameEnd: UInt32(usernameEnd),
                passwordEnd: UInt32(passwordEnd),
                hostStart: UInt32(hostStart), hostEnd: UInt32(hostEnd),
                pathStart: UInt32(pathStart), queryStart: UInt32(queryStart),
                fragmentStart: UInt32(fragmentStart),
                port: Int32(port ?? -1),
                kind: kind, hostKind: hostKind, hasOpaquePath: hasOpaquePath,
                hasQuery: query != nil, hasFragment: fragment != nil))
    }
}
