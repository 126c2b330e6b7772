/// The authority, host and port states, and the file states.
extension URLParser {
    /// Is `b` one of the bytes that end an authority (the spec's "EOF, /, ?,
    /// # or, for special URLs, \")?
    @inline(__always) func endsAuthority(_ b: UInt8) -> Bool {
        b == ASCII.slash || b == ASCII.question || b == ASCII.hash
            || (b == ASCII.backslash && url.kind.isSpecial)
    }

    /// The authority, host and port states in one pass. The spec buffers
    /// up to the last "@" and then rescans for the host; scanning for the
    /// end of the authority first and splitting at its last "@" gives the
    /// same result (earlier "@"s end up as "%40" in the userinfo either way).
    mutating func authorityState() -> Bool {
        let start = pointer
        var end = start
        var lastAt = -1
        while end < input.count, !endsAuthority(input[end]) {
            if input[end] == ASCII.at { lastAt = end }
            end += 1
        }
        var hostStart = start
        if lastAt >= 0 {
            var inPassword = false
            for b in input[start..<lastAt] {
                if b == ASCII.colon && !inPassword {
                    inPassword = true
                } else if inPassword {
                    PercentEncodeSet.userinfo.append(b, to: &url.password)
                } else {
                    PercentEncodeSet.userinfo.append(b, to: &url.username)
                }
            }
            hostStart = lastAt + 1
            if hostStart == end { return false }  // credentials but no host
        }

        // Host state: a ":" outside brackets starts the port.
        var hostEnd = hostStart
        var insideBrackets = false
        while hostEnd < end {
            let b = input[hostEnd]
            if b == ASCII.colon && !insideBrackets { break }
            if b == ASCII.leftBracket { insideBrackets = true }
            if b == ASCII.rightBracket { insideBrackets = false }
            hostEnd += 1
        }
        if hostEnd == hostStart && (hostEnd < end || url.kind.isSpecial) { return false }
        guard let kind = HostParser.parse(
            input[hostStart..<hostEnd], isOpaque: !url.kind.isSpecial, into: &url.host)
        else { return false }
        url.hostKind = kind

        if hostEnd < end {
            // Port state: digits only, up to the end of the authority.
            var port = 0
            for b in input[(hostEnd + 1)..<end] {
                guard b.isASCIIDigit else { return false }
                port = port * 10 + Int(b &- 0x30)
                if port > 65535 { return false }
            }
            if hostEnd + 1 < end {
                url.port = port == url.kind.defaultPort ? nil : port
            }
        }
        state = .pathStart
        pointer = end - 1
        return true
    }

    mutating func fileState(_ c: Int) {
        url.kind = .file
        url.scheme = SchemeKind.file.name
        url.host = []
        url.hostKind = .empty
        if c == Int(ASCII.slash) || c == Int(ASCII.backslash) {
            state = .fileSlash
            return
        }
        if let base, base.layout.kind == .file {
            copyHostFromBase()
            copyPathFromBase()
            copyQueryFromBase()
            if c == Int(ASCII.question) {
                url.query = []
                state = .query
                return
            } else if c == Int(ASCII.hash) {
                url.fragment = []
                state = .fragment
                return
            } else if c >= 0 {
                url.query = nil
                if !startsWithWindowsDriveLetter(at: pointer) {
                    shortenPath()
                } else {
                    url.path = []
                }
            } else {
                return  // "file:" alone is the base itself, minus its fragment
            }
        }
        state = .path
        pointer -= 1
    }

    mutating func fileSlashState(_ c: Int) {
        if c == Int(ASCII.slash) || c == Int(ASCII.backslash) {
            state = .fileHost
            return
        }
        if let base, base.layout.kind == .file {
            copyHostFromBase()
            let basePath = ArraySlice(baseBytes[Int(base.layout.pathStart)..<Int(base.layout.queryStart)])
            if !startsWithWindowsDriveLetter(at: pointer),
               basePath.count >= 3, isNormalizedDriveLetter(basePath.dropFirst().prefix(2)),
               basePath.count == 3 || basePath[basePath.startIndex + 3] == ASCII.slash {
                url.path.append(contentsOf: basePath.prefix(3))
            }
        }
        state = .path
        pointer -= 1
    }

    mutating func fileHostState() -> Bool {
        var end = pointer
        while end < input.count {
            let b = input[end]
            if b == ASCII.slash || b == ASCII.backslash || b == ASCII.question || b == ASCII.hash {
                break
            }
            end += 1
        }
        let buffer = input[pointer..<end]
        if isWindowsDriveLetter(buffer) {
            // Not a host: the path state takes the buffer as its first segment.
            carriedSegment = buffer
            state = .path
        } else if buffer.isEmpty {
            url.host = []
            url.hostKind = .empty
            state = .pathStart
        } else {
            var host = [UInt8]()
            guard let kind = HostParser.parse(buffer, isOpaque: false, into: &host) else {
                return false
            }
            if host.elementsEqual("localhost".utf8) {
                url.host = []
                url.hostKind = .empty
            } else {
                url.host = host
                url.hostKind = kind
            }
            state = .pathStart
        }
        pointer = end - 1
        return true
    }

    // MARK: Windows drive letters

    func isWindowsDriveLetter(_ s: ArraySlice<UInt8>) -> Bool {
        s.count == 2 && s[s.startIndex].isASCIIAlpha
            && (s[s.startIndex + 1] == ASCII.colon || s[s.startIndex + 1] == ASCII.pipe)
    }

    func isNormalizedDriveLetter(_ s: ArraySlice<UInt8>) -> Bool {
        s.count == 2 && s[s.startIndex].isASCIIAlpha && s[s.startIndex + 1] == ASCII.colon
    }

    /// "starts with a Windows drive letter", for the input from `index` on.
    func startsWithWindowsDriveLetter(at index: Int) -> Bool {
        guard index >= 0, index + 2 <= input.count,
              isWindowsDriveLetter(input[index..<index + 2]) else { return false }
        if index + 2 == input.count { return true }
        let b = input[index + 2]
        return b == ASCII.slash || b == ASCII.backslash || b == ASCII.question || b == ASCII.hash
    }
}
