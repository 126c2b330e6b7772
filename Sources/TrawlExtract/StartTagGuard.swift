#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts start tags down to a number of attributes before libxml2 sees them.
///
/// libxml2 2.9.14 compares each attribute of a start tag with every earlier
/// one (`htmlParseStartTag`), and no callback runs until the tag ends, so a
/// tag with 60,000 attributes holds a core for seconds and a 10 MB one for
/// many minutes. The guard reads the UTF-8 that is about to be parsed, the
/// way libxml2's push parser tokenizes it (its source is the spec here, not
/// WHATWG), and drops everything after the `maxAttributes`-th attribute of a
/// tag up to the tag's `>`: libxml2 then sees the same tag with its first
/// attributes, and the rest of the page exactly as before.
///
/// What it follows, from HTMLparser.c: a start tag is `<` and an ASCII
/// letter; comments run from `<!--` to `-->` or `--!>`; `<?` with a name is
/// read to the next `>`; `<!DOCTYPE` with its quoted literals; end tags to
/// the next `>`; `<script>` and `<style>` hold raw text up to `</` and their
/// name; names are read 100 bytes at a time; a NUL ends a tag unclosed.
///
/// One rewrite keeps the guard in step where libxml2 would consult its
/// element stack: in raw text, `</script` followed by more name characters
/// (`</scripts>`) is an end tag libxml2 looks up in its stack, and it could
/// close the script early. Browsers ignore it; so does the guard, by
/// dropping its `<` (raw text is never extracted, so nothing is lost).
struct StartTagGuard {
    /// Byte ranges to drop, in order and disjoint.
    private(set) var cuts: [Range<Int>] = []
    /// How many start tags were cut down.
    private(set) var cutTags = 0

    /// Scans `bytes` (valid UTF-8, as the parser will see it).
    init(scanning bytes: UnsafeBufferPointer<UInt8>, maxAttributes: Int) {
        var scanner = Scanner(bytes: bytes, maxAttributes: maxAttributes)
        scanner.run()
        cuts = scanner.cuts
        cutTags = scanner.cutTags
    }

    /// `bytes` without the cut ranges.
    func applied(to bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count - cuts.reduce(0) { $0 + $1.count })
        var start = 0
        for cut in cuts {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<cut.lowerBound]))
            start = cut.upperBound
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        return output
    }
}

private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxAttributes: Int
    /// `ByteClass` of every byte value.
    let classes = ByteClass.table
    /// Whether the page has a NUL byte at all; almost none has, and then
    /// no value needs a second search for one.
    let hasNUL: Bool
    var cuts: [Range<Int>] = []
    var cutTags = 0
    var index = 0
    /// Inside `<script>` or `<style>`: raw text up to `</` and this name.
    var rawText: StaticString?

    init(bytes: UnsafeBufferPointer<UInt8>, maxAttributes: Int) {
        self.bytes = bytes
        self.maxAttributes = maxAttributes
        hasNUL = bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false
    }

    @inline(__always)
    func has(_ byte: UInt8, _ byteClass: ByteClass) -> Bool {
        classes[Int(byte)] & byteClass.rawValue != 0
    }

    mutating func run() {
        while index < bytes.count {
            if let name = rawText {
                skipRawText(name)
            } else {
                scanContent()
            }
        }
    }

    /// The byte at `position`, or 0 past the end (libxml2's buffer ends
    /// with a NUL).
    @inline(__always)
    func byte(_ position: Int) -> UInt8 {
        position < bytes.count ? bytes[position] : 0
    }

    @inline(__always)
    func skipBlanks(_ start: Int) -> Int {
        var position = start
        while position < bytes.count, has(bytes[position], .blank) { position += 1 }
        return position
    }

    /// The end of the `htmlParseHTMLName` name at `start` (a name start):
    /// at most 100 name bytes.
    @inline(__always)
    func htmlNameEnd(from start: Int) -> Int {
        let limit = min(bytes.count, start + LibXML2Names.htmlNameLimit)
        var position = start + 1
        while position < limit, has(bytes[position], .nameContinue) { position += 1 }
        return position
    }

    /// The first `target` at or after `start` and before `end`, or nil.
    @inline(__always)
    func find(_ target: UInt8, from start: Int, before end: Int? = nil) -> Int? {
        let end = end ?? bytes.count
        guard start < end, let base = bytes.baseAddress else { return nil }
        guard let found = memchr(base + start, Int32(target), end - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    // MARK: - Content

    /// From `index` to past the next markup construct (or the end).
    mutating func scanContent() {
        guard let open = find(UInt8(ascii: "<"), from: index) else {
            index = bytes.count
            return
        }
        let next = byte(open + 1)
        switch next {
        case UInt8(ascii: "!"):
            if isDoctype(at: open) {
                index = doctypeEnd(from: open)
            } else if byte(open + 2) == UInt8(ascii: "-"), byte(open + 3) == UInt8(ascii: "-") {
                index = commentEnd(from: open)
            } else {
                index = open + 1
            }
        case UInt8(ascii: "?"):
            index = processingInstructionEnd(from: open)
        case UInt8(ascii: "/"):
            index = endTag(from: open).end
        default:
            index = LibXML2Names.isASCIILetter(next) ? startTag(from: open) : open + 1
        }
    }

    /// htmlParseComment: `<!--`, then up to `-->` or `--!>` whose dashes
    /// come after the opening ones; unterminated, it takes the rest.
    func commentEnd(from open: Int) -> Int {
        var search = open + 6
        while let close = find(UInt8(ascii: ">"), from: search) {
            let dash = UInt8(ascii: "-")
            if close - 2 >= open + 4, bytes[close - 1] == dash, bytes[close - 2] == dash { return close + 1 }
            if close - 1 >= open + 6, bytes[close - 1] == UInt8(ascii: "!"), bytes[close - 2] == dash,
               bytes[close - 3] == dash {
                return close + 1
            }
            search = close + 1
        }
        return bytes.count
    }

    /// htmlParsePI: with a target name, up to the next `>`; without one,
    /// only `<?` is consumed.
    func processingInstructionEnd(from open: Int) -> Int {
        guard LibXML2Names.xmlNameEnd(bytes, from: open + 2) != nil else { return open + 2 }
        return find(UInt8(ascii: ">"), from: open + 2).map { $0 + 1 } ?? bytes.count
    }

    func isDoctype(at open: Int) -> Bool {
        matchesIgnoringCase("DOCTYPE", at: open + 2)
    }

    /// htmlParseDocTypeDecl: name, then SYSTEM "…" or PUBLIC "…" "…" (whose
    /// quotes may hold `>`), then anything up to `>`.
    func doctypeEnd(from open: Int) -> Int {
        var position = skipBlanks(open + 9)
        if let nameEnd = LibXML2Names.xmlNameEnd(bytes, from: position) { position = nameEnd }
        position = skipBlanks(position)
        if matchesIgnoringCase("SYSTEM", at: position) {
            position = literalEnd(from: skipBlanks(position + 6))
        } else if matchesIgnoringCase("PUBLIC", at: position) {
            position = skipBlanks(literalEnd(from: skipBlanks(position + 6)))
            position = literalEnd(from: position)
        }
        position = skipBlanks(position)
        while position < bytes.count, bytes[position] != UInt8(ascii: ">"), bytes[position] != 0 { position += 1 }
        return byte(position) == UInt8(ascii: ">") ? position + 1 : position
    }

    /// A quoted literal at `start`, if any: up to its closing quote or a NUL.
    func literalEnd(from start: Int) -> Int {
        let quote = byte(start)
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return start }
        var position = start + 1
        while position < bytes.count, bytes[position] != quote, bytes[position] != 0 { position += 1 }
        return byte(position) == quote ? position + 1 : position
    }

    /// `uppercase` at `start`, compared as libxml2's UPP does (toupper).
    func matchesIgnoringCase(_ uppercase: StaticString, at start: Int) -> Bool {
        let expected = uppercase.utf8Start
        for offset in 0..<uppercase.utf8CodeUnitCount {
            let byte = byte(start + offset)
            let upper = byte &- UInt8(ascii: "a") < 26 ? byte &- 0x20 : byte
            if upper != expected[offset] { return false }
        }
        return true
    }

    /// htmlParseEndTag at `</`: the name (nil when none: then only `</`
    /// is consumed), then anything up to the next `>`.
    func endTag(from open: Int) -> (end: Int, name: Range<Int>?) {
        let nameStart = open + 2
        guard has(byte(nameStart), .nameStart) else { return (nameStart, nil) }
        let nameEnd = htmlNameEnd(from: nameStart)
        var position = skipBlanks(nameEnd)
        while position < bytes.count, bytes[position] != UInt8(ascii: ">"), bytes[position] != 0 { position += 1 }
        let end = byte(position) == UInt8(ascii: ">") ? position + 1 : position
        return (end, nameStart..<nameEnd)
    }

    // MARK: - Start tags

    /// htmlParseStartTag's attribute loop, counting the named attributes;
    /// past `maxAttributes`, the rest of the tag up to its end is cut.
    mutating func startTag(from open: Int) -> Int {
        let nameEnd = htmlNameEnd(from: open + 1)
        let raw = rawTextName(open + 1..<nameEnd)
        var position = nameEnd
        var attributes = 0
        var cutStart: Int?
        while true {
            position = skipBlanks(position)
            let current = byte(position)
            let endsTag = position == bytes.count || current == 0 || current == UInt8(ascii: ">")
                || (current == UInt8(ascii: "/") && byte(position + 1) == UInt8(ascii: ">"))
            if endsTag {
                if let cutStart {
                    cuts.append(cutStart..<position)
                    cutTags += 1
                }
                switch current {
                case UInt8(ascii: ">") where position < bytes.count:
                    rawText = raw
                    return position + 1
                case UInt8(ascii: "/"):
                    return position + 2
                default:
                    // Cut off by a NUL or the end: libxml2 drops the
                    // element and reads on from here as text.
                    return position
                }
            }
            if has(current, .nameStart) {
                attributes += 1
                if attributes > maxAttributes, cutStart == nil { cutStart = position }
                position = skipBlanks(htmlNameEnd(from: position))
                if byte(position) == UInt8(ascii: "=") {
                    position = valueEnd(from: skipBlanks(position + 1))
                }
            } else {
                // Not a name: libxml2 skips it up to a blank or the tag's end.
                position += 1
                while position < bytes.count {
                    let byte = bytes[position]
                    if has(byte, .endsValue) { break }
                    if byte == UInt8(ascii: "/"), self.byte(position + 1) == UInt8(ascii: ">") { break }
                    position += 1
                }
            }
        }
    }

    /// htmlParseAttValue: quoted up to the same quote (or a NUL), else up
    /// to a blank, `>` or NUL.
    func valueEnd(from start: Int) -> Int {
        let first = byte(start)
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            let close = find(first, from: start + 1) ?? bytes.count
            // A NUL before the quote ends the value there.
            if hasNUL, let nul = find(0, from: start + 1, before: close) { return nul }
            return close < bytes.count ? close + 1 : close
        }
        var position = start
        while position < bytes.count, !has(bytes[position], .endsValue) { position += 1 }
        return position
    }

    /// "script" or "style" when the tag name is one of them (libxml2
    /// lower-cases names).
    func rawTextName(_ name: Range<Int>) -> StaticString? {
        if name.count == 6, matchesIgnoringCase("SCRIPT", at: name.lowerBound) { return "SCRIPT" }
        if name.count == 5, matchesIgnoringCase("STYLE", at: name.lowerBound) { return "STYLE" }
        return nil
    }

    // MARK: - Raw text

    /// htmlParseScript: up to `</` followed by the element's name in any
    /// case; then the end tag, which ends the raw text if its whole name is
    /// the element's.
    mutating func skipRawText(_ name: StaticString) {
        var search = index
        while let open = find(UInt8(ascii: "<"), from: search) {
            guard byte(open + 1) == UInt8(ascii: "/"), matchesIgnoringCase(name, at: open + 2) else {
                search = open + 1
                continue
            }
            let (end, tagName) = endTag(from: open)
            if tagName?.count == name.utf8CodeUnitCount {
                rawText = nil
                index = end
            } else {
                // `</scripts>`: see the type's comment.
                cuts.append(open..<open + 1)
                search = open + 1
                continue
            }
            return
        }
        index = bytes.count
    }
}
