internal import CLibXML2

/// Owns one libxml2 HTML push-parser context, in SAX mode, for one page.
///
/// `parse` consumes the parser: the context, the encoding handler it holds
/// and the SAX session are all freed by `deinit` when `parse` returns, so no
/// libxml2 object outlives the call and none can be used after it is freed.
struct HTMLPushParser: ~Copyable {
    private let context: htmlParserCtxtPtr
    private let session: UnsafeMutablePointer<SAXSession>

    /// Recover from malformed markup; never print, never touch the network;
    /// and ignore `<meta charset>`, so the encoding chosen here is the one
    /// used to the end of the page.
    ///
    /// Not HTML_PARSE_NOIMPLIED: without an implied `<html>` the push parser
    /// ends the document when its first top-level element closes, so
    /// `<a href=/1>1</a><a href=/2>2</a>` would yield one link.
    private static let options = Int32(bitPattern:
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)

    /// Nil if libxml2 cannot allocate a context. Takes ownership of
    /// `decoder`'s handler either way.
    init?(decoder: InputDecoder) {
        // Errors that libxml2 raises outside a context (an encoder refusing
        // a byte) go to this thread's structured-error handler, by default
        // printing to stderr. The setting is per thread in libxml2, and
        // TrawlExtract is the process's only libxml2 user.
        xmlSetStructuredErrorFunc(nil) { _, _ in }

        let session = UnsafeMutablePointer<SAXSession>.allocate(capacity: 1)
        session.initialize(to: SAXSession())
        var handlers = SAXSession.initialHandlers()
        // UTF-8 is declared at creation so libxml2 reads it with no
        // conversion; anything else is switched to before the first byte.
        let encoding = if case .utf8 = decoder { XML_CHAR_ENCODING_UTF8 } else { XML_CHAR_ENCODING_NONE }
        guard let context = htmlCreatePushParserCtxt(&handlers, session, nil, 0, nil, encoding) else {
            if case .handler(let handler) = decoder { xmlCharEncCloseFunc(handler) }
            session.deinitialize(count: 1)
            session.deallocate()
            return nil
        }
        self.context = context
        self.session = session
        htmlCtxtUseOptions(context, Self.options)
        // htmlCreatePushParserCtxt copied `handlers`; toggle its copy.
        session.pointee.handlers = context.pointee.sax
        session.pointee.context = context
        if case .handler(let handler) = decoder {
            // The context owns the handler from here (even on failure,
            // which cannot happen with a push context's input buffer).
            xmlSwitchToEncoding(context, handler)
        }
    }

    deinit {
        htmlFreeParserCtxt(context)
        session.deinitialize(count: 1)
        session.deallocate()
    }

    /// Parses the whole page and returns what its SAX events built.
    consuming func parse(_ bytes: UnsafeRawBufferPointer) -> PageAccumulator {
        let decodes = context.pointee.input?.pointee.buf?.pointee.encoder != nil
        // UTF-8 goes in one terminating push: terminate=1 spares libxml2 its
        // look-ahead scans for the end of each tag and text run. Input to be
        // decoded is pushed without terminating, so what its decoder leaves
        // behind can still be drained before the end.
        push(bytes, terminating: !decodes)
        if decodes { finish(decoding: true) }
        var resumedAt: UInt = 0
        while resumeAfterEarlyEnd(lastResume: &resumedAt) { finish(decoding: decodes) }
        session.pointee.page.finish()
        return session.pointee.page
    }

    private func push(_ bytes: UnsafeRawBufferPointer, terminating: Bool) {
        // htmlParseChunk takes an Int32 size.
        let chunkLimit = 1 << 30
        var offset = 0
        repeat {
            let count = min(bytes.count - offset, chunkLimit)
            let isLast = offset + count == bytes.count
            let chunk = bytes.baseAddress.map { ($0 + offset).assumingMemoryBound(to: CChar.self) }
            htmlParseChunk(context, chunk, Int32(count), isLast && terminating ? 1 : 0)
            if !terminating { drainUndecodedInput() }
            offset += count
        } while offset < bytes.count
    }

    private func finish(decoding: Bool) {
        if decoding { drainUndecodedInput() }
        htmlParseChunk(context, nil, 0, 1)
    }

    /// libxml2's push parser ends the document at the first tag after the
    /// element that closes its root (`…</html><a href=/x>`), though browsers
    /// put such content in the body, links and all; its pull parser carries
    /// on. Puts the parser back into content state when that happened with
    /// input left over, so the rest is parsed too. Never twice at the same
    /// input position, so it cannot loop.
    private func resumeAfterEarlyEnd(lastResume: inout UInt) -> Bool {
        guard context.pointee.instate == XML_PARSER_EOF, context.pointee.disableSAX == 0,
              let input = context.pointee.input, let cur = input.pointee.cur, let base = input.pointee.base,
              let end = input.pointee.end, cur >= base
        else { return false }
        let undecoded = input.pointee.buf?.pointee.raw.map { xmlBufUse($0) } ?? 0
        guard cur < end || undecoded > 0 else { return false }
        let position = input.pointee.consumed &+ UInt(cur - base) &+ 1
        guard position > lastResume else { return false }
        lastResume = position
        context.pointee.instate = XML_PARSER_CONTENT
        return true
    }

    /// Feeds the parser whatever its decoder has not converted yet.
    ///
    /// One push converts at most twice its size in UTF-8 output, and a
    /// single-byte page of euros or Thai letters needs three; libxml2 would
    /// silently drop the rest. And an iconv decoder refuses an invalid byte
    /// and everything after it: that byte is dropped (a browser would show
    /// U+FFFD) so the rest of the page still parses.
    private func drainUndecodedInput() {
        while context.pointee.instate != XML_PARSER_EOF,
              let raw = context.pointee.input?.pointee.buf?.pointee.raw {
            let before = xmlBufUse(raw)
            guard before > 0 else { return }
            htmlParseChunk(context, nil, 0, 0)
            if xmlBufUse(raw) >= before { xmlBufShrink(raw, 1) }
        }
    }
}
