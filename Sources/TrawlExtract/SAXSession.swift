internal import CLibXML2

/// What libxml2's SAX callbacks reach through the parser's user-data pointer.
///
/// Ownership rule: an `HTMLPushParser` allocates one session, registers it as
/// the context's user data, and frees it only after freeing the context, so
/// the pointer is valid in every callback. `recover` is the only way back
/// from libxml2's `void *`.
struct SAXSession {
    var page = PageAccumulator()
    /// The context's own copy of the handler table. Text and end-tag events
    /// are switched on only inside `<title>`: every other text node and end
    /// tag of the page then costs no call at all.
    var handlers: UnsafeMutablePointer<htmlSAXHandler>?
    /// The context itself, to see where its input stands during a callback.
    var context: htmlParserCtxtPtr?

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
