/// The URL Standard's basic URL parser (no state override: trawl never uses
/// the setters), ported state by state over UTF-8 bytes.
///
/// `pointer` and the states follow the spec's wording so the code can be
/// checked against it line by line; the authority, path, query and
/// fragment states consume whole runs of bytes at once, which is where the
/// time goes for real links.
struct URLParser {
    enum State {
        case schemeStart, scheme, noScheme, specialRelativeOrAuthority, pathOrAuthority
        case relative, relativeSlash, specialAuthoritySlashes, specialAuthorityIgnoreSlashes
        case authority, file, fileSlash, fileHost, pathStart, path, opaquePath, query, fragment
    }

    let input: [UInt8]
    let base: WebURL?
    /// `base.href`'s UTF-8, borrowed for the duration of the parse so base
    /// components can be copied as slices without copying the whole href.
    let baseBytes: UnsafeBufferPointer<UInt8>
    var url = URLRecord()
    var state = State.schemeStart
    var pointer = 0
    /// Bytes the file host state hands to the path state (a drive letter
    /// such as "C:" in "file://C:/x" is a path segment, not a host).
    var carriedSegment: ArraySlice<UInt8> = []

    static func parse(_ string: String, base: WebURL?) -> WebURL? {
        let input = preprocess(string)
        guard let base else {
            let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
            var parser = URLParser(input: input, base: nil, baseBytes: none)
            return parser.run() ? parser.url.serialized() : nil
        }
        var baseHREF = base.href
        return baseHREF.withUTF8 { bytes in
            var parser = URLParser(input: input, base: base, baseBytes: bytes)
            return parser.run() ? parser.url.serialized() : nil
        }
    }

    private init(input: [UInt8], base: WebURL?, baseBytes: UnsafeBufferPointer<UInt8>) {
        self.input = input
        self.base = base
        self.baseBytes = baseBytes
    }

    /// Strips leading and trailing C0 controls and spaces and removes every
    /// tab and newline, as the spec does before parsing.
    static func preprocess(_ string: String) -> [UInt8] {
        func strip(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
            var start = 0, end = bytes.count
            while start < end && bytes[start] <= ASCII.space { start += 1 }
            while end > start && bytes[end - 1] <= ASCII.space { end -= 1 }
            var out = [UInt8]()
            out.reserveCapacity(end - start)
            for i in start..<end {
                let b = bytes[i]
                if b == ASCII.tab || b == ASCII.lf || b == ASCII.cr { continue }
                out.append(b)
            }
            return out
        }
        if let result = string.utf8.withContiguousStorageIfAvailable(strip) { return result }
        return Array(string.utf8).withUnsafeBufferPointer(strip)
    }

    @inline(__always) func byte(at i: Int) -> Int {
        i >= 0 && i < input.count ? Int(input[i]) : -1
    }

    /// "remaining starts with": the byte after `pointer`.
    @inline(__always) func next(is b: UInt8) -> Bool { byte(at: pointer + 1) == Int(b) }

    /// Runs the state machine; false is failure.
    mutating func run() -> Bool {
        let n = input.count
        while true {
            let c = byte(at: pointer)
            guard step(c) else { return false }
            if pointer >= n { return true }
            pointer += 1
        }
    }

    private mutating func step(_ c: Int) -> Bool {
        switch state {
        case .schemeStart:
            if c >= 0, UInt8(c).isASCIIAlpha {
                state = .scheme
            } else {
                state = .noScheme
                pointer -= 1
            }
        case .scheme: return schemeState(c)
        case .noScheme: return noSchemeState(c)
        case .specialRelativeOrAuthority:
            if c == Int(ASCII.slash) && next(is: ASCII.slash) {
                state = .specialAuthorityIgnoreSlashes
                pointer += 1
            } else {
                state = .relative
                pointer -= 1
            }
        case .pathOrAuthority:
            if c == Int(ASCII.slash) {
                state = .authority
            } else {
                state = .path
                pointer -= 1
            }
        case .relative: relativeState(c)
        case .relativeSlash: relativeSlashState(c)
        case .specialAuthoritySlashes:
            state = .specialAuthorityIgnoreSlashes
            if c == Int(ASCII.slash) && next(is: ASCII.slash) {
                pointer += 1
            } else {
                pointer -= 1
            }
        case .specialAuthorityIgnoreSlashes:
            if c != Int(ASCII.slash) && c != Int(ASCII.backslash) {
                state = .authority
                pointer -= 1
            }
        case .authority: return authorityState()
        case .file: fileState(c)
        case .fileSlash: fileSlashState(c)
        case .fileHost: return fileHostState()
        case .pathStart: pathStartState(c)
        case .path: pathState()
        case .opaquePath: opaquePathState()
        case .query: queryState()
        case .fragment: fragmentState()
        }
        return true
    }

    private mutating func schemeState(_ c: Int) -> Bool {
        if c >= 0, UInt8(c).isASCIIAlphanumeric || c == 0x2B || c == 0x2D || c == 0x2E {
            return true
        }
        guard c == Int(ASCII.colon) else {
            // Not a scheme after all: start over as a relative reference.
            state = .noScheme
            pointer = -1
            return true
        }
        let scheme = input[0..<pointer].map(\.asciiLowercased)
        url.kind = SchemeKind(scheme)
        url.scheme = url.kind.isSpecial ? url.kind.name : scheme
        if url.kind == .file {
            state = .file
        } else if url.kind.isSpecial, let base, base.layout.kind == url.kind {
            state = .specialRelativeOrAuthority
        } else if url.kind.isSpecial {
            state = .specialAuthoritySlashes
        } else if next(is: ASCII.slash) {
            state = .pathOrAuthority
            pointer += 1
        } else {
            url.hasOpaquePath = true
            state = .opaquePath
        }
        return true
    }

    private mutating func noSchemeState(_ c: Int) -> Bool {
        guard let base else { return false }
        if base.layout.hasOpaquePath {
            guard c == Int(ASCII.hash) else { return false }
            copySchemeFromBase()
            url.hasOpaquePath = true
            copyPathFromBase()
            copyQueryFromBase()
            url.fragment = []
            state = .fragment
        } else {
            state = base.layout.kind == .file ? .file : .relative
            pointer -= 1
        }
        return true
    }

    private mutating func relativeState(_ c: Int) {
        copySchemeFromBase()
        if c == Int(ASCII.slash) || (url.kind.isSpecial && c == Int(ASCII.backslash)) {
            state = .relativeSlash
            return
        }
        copyAuthorityFromBase()
        copyPathFromBase()
        copyQueryFromBase()
        if c == Int(ASCII.question) {
            url.query = []
            state = .query
        } else if c == Int(ASCII.hash) {
            url.fragment = []
            state = .fragment
        } else if c >= 0 {
            url.query = nil
            shortenPath()
            state = .path
            pointer -= 1
        }
    }

    private mutating func relativeSlashState(_ c: Int) {
        if url.kind.isSpecial && (c == Int(ASCII.slash) || c == Int(ASCII.backslash)) {
            state = .specialAuthorityIgnoreSlashes
        } else if c == Int(ASCII.slash) {
            state = .authority
        } else {
            copyAuthorityFromBase()
            state = .path
            pointer -= 1
        }
    }

    // MARK: Copying from the base URL

    mutating func copySchemeFromBase() {
        guard let base else { return }
        url.kind = base.layout.kind
        url.scheme = url.kind.isSpecial
            ? url.kind.name : Array(baseBytes[0..<Int(base.layout.schemeEnd)])
    }

    mutating func copyAuthorityFromBase() {
        guard let layout = base?.layout else { return }
        url.username = Array(baseBytes[Int(layout.usernameStart)..<Int(layout.usernameEnd)])
        url.password = layout.passwordEnd > layout.usernameEnd
            ? Array(baseBytes[Int(layout.usernameEnd) + 1..<Int(layout.passwordEnd)]) : []
        copyHostFromBase()
        url.port = layout.port < 0 ? nil : Int(layout.port)
    }

    mutating func copyHostFromBase() {
        guard let layout = base?.layout else { return }
        url.host = Array(baseBytes[Int(layout.hostStart)..<Int(layout.hostEnd)])
        url.hostKind = layout.hostKind
    }

    mutating func copyPathFromBase() {
        guard let layout = base?.layout else { return }
        let basePath = baseBytes[Int(layout.pathStart)..<Int(layout.queryStart)]
        url.path.removeAll(keepingCapacity: true)
        url.path.reserveCapacity(basePath.count + input.count)
        url.path.append(contentsOf: basePath)
    }

    mutating func copyQueryFromBase() {
        guard let layout = base?.layout else { return }
        url.query = layout.hasQuery
            ? Array(baseBytes[Int(layout.queryStart) + 1..<Int(layout.fragmentStart)]) : nil
    }
}
