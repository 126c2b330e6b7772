/// The path start, path, opaque path, query and fragment states.
extension URLParser {
    mutating func pathStartState(_ c: Int) {
        if url.kind.isSpecial {
            state = .path
            if c != Int(ASCII.slash) && c != Int(ASCII.backslash) { pointer -= 1 }
        } else if c == Int(ASCII.question) {
            url.query = []
            state = .query
        } else if c == Int(ASCII.hash) {
            url.fragment = []
            state = .fragment
        } else if c >= 0 {
            state = .path
            if c != Int(ASCII.slash) { pointer -= 1 }
        }
    }

    /// The path state, one segment after another until "?", "#" or the end.
    /// Each segment is written straight into the flat path as "/segment" and
    /// taken back out again if it turns out to be "." or "..".
    mutating func pathState() {
        let special = url.kind.isSpecial
        var p = pointer
        url.path.reserveCapacity(url.path.count + input.count - p + carriedSegment.count + 1)
        var segmentStart = url.path.count
        url.path.append(ASCII.slash)
        url.path.append(contentsOf: carriedSegment)
        carriedSegment = []
        while true {
            let c: UInt8? = p < input.count ? input[p] : nil
            if let c, c != ASCII.slash, c != ASCII.question, c != ASCII.hash,
               !(special && c == ASCII.backslash) {
                PercentEncodeSet.path.append(c, to: &url.path)
                p += 1
                continue
            }
            let endsWithSlash = c == ASCII.slash || (special && c == ASCII.backslash)
            finishSegment(startingAt: segmentStart, followedBySlash: endsWithSlash)
            switch c {
            case nil:
                pointer = p
                return
            case ASCII.question:
                url.query = []
                state = .query
                pointer = p
                return
            case ASCII.hash:
                url.fragment = []
                state = .fragment
                pointer = p
                return
            default:
                segmentStart = url.path.count
                url.path.append(ASCII.slash)
                p += 1
            }
        }
    }

    private mutating func finishSegment(startingAt start: Int, followedBySlash: Bool) {
        let segment = url.path[(start + 1)...]
        if isDoubleDotSegment(segment) {
            url.path.removeSubrange(start...)
            shortenPath()
            if !followedBySlash { url.path.append(ASCII.slash) }
        } else if isSingleDotSegment(segment) {
            url.path.removeSubrange(start...)
            if !followedBySlash { url.path.append(ASCII.slash) }
        } else if url.kind == .file, start == 0, isWindowsDriveLetter(segment) {
            url.path[2] = ASCII.colon
        }
    }

    /// "shorten a path": drop the last segment, except a lone drive letter
    /// of a file URL.
    mutating func shortenPath() {
        if url.kind == .file, url.path.count == 3, isNormalizedDriveLetter(url.path[1...]) {
            return
        }
        guard let lastSlash = url.path.lastIndex(of: ASCII.slash) else { return }
        url.path.removeSubrange(lastSlash...)
    }

    private func isSingleDotSegment(_ s: ArraySlice<UInt8>) -> Bool {
        switch s.count {
        case 1: return s.first == ASCII.period
        case 3: return isEncodedDot(s, at: s.startIndex)
        default: return false
        }
    }

    private func isDoubleDotSegment(_ s: ArraySlice<UInt8>) -> Bool {
        let i = s.startIndex
        switch s.count {
        case 2: return s[i] == ASCII.period && s[i + 1] == ASCII.period
        case 4:
            return (s[i] == ASCII.period && isEncodedDot(s, at: i + 1))
                || (isEncodedDot(s, at: i) && s[i + 3] == ASCII.period)
        case 6: return isEncodedDot(s, at: i) && isEncodedDot(s, at: i + 3)
        default: return false
        }
    }

    /// "%2e" or "%2E" at `i`.
    private func isEncodedDot(_ s: ArraySlice<UInt8>, at i: Int) -> Bool {
        s[i] == ASCII.percent && s[i + 1] == 0x32 && s[i + 2] | 0x20 == 0x65
    }

    mutating func opaquePathState() {
        var p = pointer
        while p < input.count {
            let c = input[p]
            if c == ASCII.question {
                url.query = []
                state = .query
                break
            }
            if c == ASCII.hash {
                url.fragment = []
                state = .fragment
                break
            }
            PercentEncodeSet.c0Control.append(c, to: &url.path)
            p += 1
        }
        pointer = p
    }

    mutating func queryState() {
        let set: PercentEncodeSet = url.kind.isSpecial ? .specialQuery : .query
        var p = pointer
        var query = url.query ?? []
        url.query = nil  // keep `query` uniquely referenced while appending
        while p < input.count, input[p] != ASCII.hash {
            set.append(input[p], to: &query)
            p += 1
        }
        url.query = query
        if p < input.count {
            url.fragment = []
            state = .fragment
        }
        pointer = p
    }

    mutating func fragmentState() {
        var fragment = url.fragment ?? []
        url.fragment = nil  // keep `fragment` uniquely referenced while appending
        for b in input[min(pointer, input.count)...] {
            PercentEncodeSet.fragment.append(b, to: &fragment)
        }
        url.fragment = fragment
        pointer = input.count
    }
}
