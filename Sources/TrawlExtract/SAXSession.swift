internal import CLibXML2

/// What libxml2's SAX callbacks reach through the parser's user-data pointer.
///
/// Ownership rule: an `HTMLPushParser` allocates one session, registers it as
/// the context's user data, and frees it only after freeing the context, so
/// the pointer is valid in every callback. `recover` is the only way back
/// from libxml2's `void *`.
struct SAXSession {
    var page: PageAccumulator
    /// Stops libxml2 when the page has cost `maxParseTime` of CPU.
    var deadline: ParseDeadline
    /// Whether the deadline stopped the parse before the end of the page.
    private(set) var stoppedEarly = false
    /// The context's own copy of the handler table. Text and end-tag events
    /// are switched on only inside `<title>`: every other text node and end
    /// tag of the page then costs no call at all.
    var handlers: UnsafeMutablePointer<htmlSAXHandler>?
    /// The context itself, to see where its input stands during a callback.
    var context: htmlParserCtxtPtr?

    init(limits: ExtractionLimits) {
        page = PageAccumulator(maxTitleBytes: limits.maxTitleBytes)
        deadline = ParseDeadline(after: limits.maxParseTime)
    }

    static func recover(_ userData: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<SAXSession>? {
        userData?.assumingMemoryBound(to: SAXSession.self)
    }

    /// The table a context starts with: start tags only.
    static func initialHandlers() -> htmlSAXHandler {
        var handlers = htmlSAXHandler()
        handlers.startElement = { userData, name, attributes in
            guard let session = SAXSession.recover(userData), let name else { return }
            session.pointee.startElement(name, attributes)
        }
        return handlers
    }

    private mutating func startElement(_ name: UnsafePointer<UInt8>, _ attributes: PageAccumulator.Attributes?) {
        // libxml2 reports start tags (implied ones too) even once stopped.
        guard !stoppedEarly else { return }
        if deadline.tick() {
            stop()
            return
        }
        guard startTagIsComplete() else { return }
        let wasInTitle = page.titleState == .inside
        page.startElement(name, attributes)
        if !wasInTitle, page.titleState == .inside { listenToTitle(true) }
    }

    private mutating func endElement(_ name: UnsafePointer<UInt8>) {
        page.endElement(name)
        if page.titleState != .inside { listenToTitle(false) }
    }

    /// Whether the start tag being reported was closed by `>`. libxml2 also
    /// reports a tag cut off by the end of the input, with what it had read
    /// (`<a href="/tw`); browsers drop such a tag, and a crawler should not
    /// follow half a URL. The callback runs before libxml2 consumes the `>`,
    /// so a cut-off tag is one whose parse reached the end of the input.
    private func startTagIsComplete() -> Bool {
        guard let input = context?.pointee.input, let cur = input.pointee.cur, let end = input.pointee.end
        else { return true }
        return cur < end
    }

    /// Every libxml2 error of the parse, through the thread's structured
    /// error handler (see `HTMLPushParser`): each one is a tick of the
    /// deadline. libxml2's superlinear paths other than attributes (an end
    /// tag or `<body>` that searches a deep element stack) raise one error
    /// per search, so the deadline is read even when no element starts.
    static let errorHandler: xmlStructuredErrorFunc = { userData, error in
        guard let session = recover(userData), let error,
              let context = session.pointee.context, error.pointee.ctxt == UnsafeMutableRawPointer(context),
              !session.pointee.stoppedEarly, session.pointee.deadline.tick()
        else { return }
        // Stopped only where libxml2 reads no input after the report: the
        // stack searches' own errors. Any other error waits for the next
        // start tag or one of these.
        let code = Int32(error.pointee.code)
        if code == Int32(XML_ERR_TAG_NAME_MISMATCH.rawValue) || code == Int32(XML_HTML_STRUCURE_ERROR.rawValue) {
            session.pointee.stop()
        }
    }

    private mutating func stop() {
        stoppedEarly = true
        if let context { xmlStopParser(context) }
    }

    private func listenToTitle(_ on: Bool) {
        guard let handlers else { return }
        guard on else {
            handlers.pointee.characters = nil
            handlers.pointee.ignorableWhitespace = nil
            handlers.pointee.endElement = nil
            return
        }
        let characters: charactersSAXFunc = { userData, text, length in
            guard let session = SAXSession.recover(userData), let text, length > 0 else { return }
            session.pointee.page.characters(UnsafeBufferPointer(start: text, count: Int(length)))
        }
        handlers.pointee.characters = characters
        // libxml2 may report a blank run as ignorable; in a title it still
        // separates words.
        handlers.pointee.ignorableWhitespace = characters
        handlers.pointee.endElement = { userData, name in
            guard let session = SAXSession.recover(userData), let name else { return }
            session.pointee.endElement(name)
        }
    }
}
