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

    /// Without "/." a path such as "//x" on a host-less URL would read back
    /// as the host "x".
    private var needsPathPrefix: Bool {
        hostKind == .none && !hasOpaquePath && path.count > 1
            && path[0] == ASCII.slash && path[1] == ASCII.slash
    }

    private static func decimalDigits(_ value: Int) -> Int {
        var digits = 1, v = value
        while v >= 10 { v /= 10; digits += 1 }
        return digits
    }

    /// The URL serializer. It writes straight into the new String's storage
    /// and records where each component starts, so the accessors of
    /// `WebURL` are slices of `href`.
    func serialized() -> WebURL {
        let hasCredentials = !username.isEmpty || !password.isEmpty
        var length = scheme.count + 1 + path.count
        if hostKind != .none {
            length += 2 + host.count
            if hasCredentials { length += username.count + 1 + (password.isEmpty ? 0 : password.count + 1) }
            if let port { length += 1 + Self.decimalDigits(port) }
        } else if needsPathPrefix {
            length += 2
        }
        if let query { length += 1 + query.count }
        if let fragment { length += 1 + fragment.count }

        var layout = WebURL.Layout(
            schemeEnd: 0, usernameStart: 0, usernameEnd: 0, passwordEnd: 0, hostStart: 0,
            hostEnd: 0, pathStart: 0, queryStart: 0, fragmentStart: 0, port: Int32(port ?? -1),
            kind: kind, hostKind: hostKind, hasOpaquePath: hasOpaquePath,
            hasQuery: query != nil, hasFragment: fragment != nil)
        let href = String(unsafeUninitializedCapacity: length) { buffer in
            var i = 0
            func put(_ b: UInt8) { buffer[i] = b; i += 1 }
            func put(_ bytes: [UInt8]) {
                bytes.withUnsafeBufferPointer { src in
                    guard let base = src.baseAddress, !src.isEmpty else { return }
                    (buffer.baseAddress! + i).update(from: base, count: src.count)
                }
                i += bytes.count
            }
            put(scheme)
            layout.schemeEnd = UInt32(i)
            put(ASCII.colon)
            layout.usernameStart = UInt32(i)
            if hostKind != .none {
                put(ASCII.slash)
                put(ASCII.slash)
                layout.usernameStart = UInt32(i)
                layout.usernameEnd = UInt32(i)
                layout.passwordEnd = UInt32(i)
                if hasCredentials {
                    put(username)
                    layout.usernameEnd = UInt32(i)
                    if !password.isEmpty {
                        put(ASCII.colon)
                        put(password)
                    }
                    layout.passwordEnd = UInt32(i)
                    put(ASCII.at)
                }
                layout.hostStart = UInt32(i)
                put(host)
                layout.hostEnd = UInt32(i)
                if let port {
                    put(ASCII.colon)
                    let digits = Self.decimalDigits(port)
                    var v = port
                    for k in stride(from: i + digits - 1, through: i, by: -1) {
                        buffer[k] = UInt8(v % 10) + 0x30
                        v /= 10
                    }
                    i += digits
                }
            } else {
                layout.usernameEnd = layout.usernameStart
                layout.passwordEnd = layout.usernameStart
                layout.hostStart = layout.usernameStart
                layout.hostEnd = layout.usernameStart
                if needsPathPrefix {
                    put(ASCII.slash)
                    put(ASCII.period)
                }
            }
            layout.pathStart = UInt32(i)
            put(path)
            layout.queryStart = UInt32(i)
            if let query {
                put(ASCII.question)
                put(query)
            }
            layout.fragmentStart = UInt32(i)
            if let fragment {
                put(ASCII.hash)
                put(fragment)
            }
            return i
        }
        return WebURL(href: href, layout: layout)
    }
}
