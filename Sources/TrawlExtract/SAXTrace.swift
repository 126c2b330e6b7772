internal import CLibXML2

/// Every SAX event libxml2 reports for a page of UTF-8, parsed as
/// `HTMLPushParser` parses it: for tests that check `StartTagGuard` against
/// libxml2 itself. Not used in crawling.
enum SAXTrace {
    enum Event: Equatable, CustomStringConvertible {
        /// A start tag and the attributes libxml2 kept; `duplicates` counts
        /// those it dropped as repeats of an earlier name.
        case start(String, attributes: [String], duplicates: Int = 0)
        case end(String)
        case text(String)

        var description: String {
            switch self {
            case .start(let name, let attributes, let duplicates):
                "<\(name) \(attributes.joined(separator: " "))\(duplicates > 0 ? " +\(duplicates) repeated" : "")>"
            case .end(let name): "</\(name)>"
            case .text(let text): "\(text.debugDescription)"
            }
        }
    }

    /// The events, adjacent text merged; `guarded` applies `StartTagGuard`
    /// with `maxAttributes` first. Nil if libxml2 cannot allocate a parser.
    static func events(of utf8: [UInt8], guardedAt maxAttributes: Int? = nil) -> [Event]? {
        var bytes = utf8
        if let maxAttributes {
            bytes = utf8.withUnsafeBufferPointer {
                StartTagGuard(scanning: $0, maxAttributes: maxAttributes).applied(to: $0)
            }
        }
        var recorder = Recorder()
        var handlers = htmlSAXHandler()
        handlers.startElement = { userData, name, attributes in
            guard let recorder = Recorder.recover(userData), let name else { return }
            var names: [String] = []
            var cursor = attributes
            while let attribute = cursor?[0] {
                names.append(String(cString: attribute))
                cursor = cursor! + 2
            }
            recorder.pointee.events.append(
                .start(String(cString: name), attributes: names, duplicates: recorder.pointee.duplicates))
            recorder.pointee.duplicates = 0
        }
        handlers.endElement = { userData, name in
            guard let recorder = Recorder.recover(userData), let name else { return }
            recorder.pointee.events.append(.end(String(cString: name)))
        }
        let characters: charactersSAXFunc = { userData, text, length in
            guard let recorder = Recorder.recover(userData), let text else { return }
            let piece = String(decoding: UnsafeBufferPointer(start: text, count: Int(length)), as: UTF8.self)
            if case .text(let earlier) = recorder.pointee.events.last {
                recorder.pointee.events[recorder.pointee.events.count - 1] = .text(earlier + piece)
            } else {
                recorder.pointee.events.append(.text(piece))
            }
        }
        handlers.characters = characters
        handlers.ignorableWhitespace = characters
        handlers.cdataBlock = characters
        return withUnsafeMutablePointer(to: &recorder) { recorder -> [Event]? in
            xmlSetStructuredErrorFunc(recorder) { userData, error in
                guard let recorder = Recorder.recover(userData), let error,
                      error.pointee.code == Int32(XML_ERR_ATTRIBUTE_REDEFINED.rawValue)
                else { return }
                recorder.pointee.duplicates += 1
            }
            defer { xmlSetStructuredErrorFunc(nil) { _, _ in } }
            guard let context = htmlCreatePushParserCtxt(&handlers, recorder, nil, 0, nil, XML_CHAR_ENCODING_UTF8)
            else { return nil }
            defer { htmlFreeParserCtxt(context) }
            htmlCtxtUseOptions(context, HTMLPushParser.options)
            bytes.withUnsafeBytes { HTMLPushParser.push($0, to: context) }
            var resumedAt: UInt = 0
            while HTMLPushParser.resumeAfterEarlyEnd(context, lastResume: &resumedAt) {
                htmlParseChunk(context, nil, 0, 1)
            }
            return recorder.pointee.events
        }
    }

    private struct Recorder {
        var events: [Event] = []
        /// Attributes dropped as repeats since the last start tag.
        var duplicates = 0

        static func recover(_ userData: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<Recorder>? {
            userData?.assumingMemoryBound(to: Recorder.self)
        }
    }

    /// Whether `guarded` (parsed with the guard at `limit`) is `baseline`
    /// (parsed without) with each start tag's attributes cut to its first
    /// `limit`: exactly so when libxml2 dropped no repeated name in the
    /// tag; else (a repeat still counts as one of the `limit`) a prefix of
    /// them, at most `limit` long, never empty when they are not.
    static func agrees(_ guarded: [Event], with baseline: [Event], limit: Int) -> Bool {
        guard guarded.count == baseline.count else { return false }
        for (cut, whole) in zip(guarded, baseline) {
            guard case .start(let name, let kept, _) = cut, case .start(let wholeName, let all, let repeats) = whole
            else {
                if cut != whole { return false }
                continue
            }
            guard name == wholeName, kept.count <= limit, Array(all.prefix(kept.count)) == kept,
                  all.isEmpty || !kept.isEmpty
            else { return false }
            if repeats == 0, kept != Array(all.prefix(limit)) { return false }
        }
        return true
    }
}
