internal import CLibXML2

/// Owns one libxml2 HTML push-parser context, in SAX mode, for one page of
/// UTF-8 (`InputDecoder` converts everything else first).
///
/// `parse` consumes the parser: the context and the SAX session are freed
/// by `deinit` when `parse` returns, so no libxml2 object outlives the call
/// and none can be used after it is freed.
struct HTMLPushParser: ~Copyable {
    private let context: htmlParserCtxtPtr
    private let session: UnsafeMutablePointer<SAXSession>

    /// Recover from malformed markup; never print, never touch the network;
    /// and ignore `<meta charset>`, so the input stays UTF-8 to the end.
    ///
    /// Not HTML_PARSE_NOIMPLIED: without an implied `<html>` the push parser
    /// ends the document when its first top-level element closes, so
    /// `<a href=/1>1</a><a href=/2>2</a>` would yield one link.
    static let options = Int32(bitPattern:
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)

    /// Nil if libxml2 cannot allocate a context.
    init?(limits: ExtractionLimits) {
        let session = UnsafeMutablePointer<SAXSession>.allocate(capacity: 1)
        session.initialize(to: SAXSession(limits: limits))
        var handlers = SAXSession.initialHandlers()
        guard let context = htmlCreatePushParserCtxt(&handlers, session, nil, 0, nil, XML_CHAR_ENCODING_UTF8) else {
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
        // libxml2 reports its errors (never printed: see `options`) to this
        // thread's structured-error handler, which is also where the parse
        // deadline is read. The setting is per thread in libxml2, this
        // parse runs on this thread from here to `deinit`, and TrawlExtract
        // is the process's only libxml2 user.
        xmlSetStructuredErrorFunc(session, SAXSession.errorHandler)
    }

    deinit {
        // No handler may keep a pointer to the session it is about to free.
        xmlSetStructuredErrorFunc(nil) { _, _ in }
        htmlFreeParserCtxt(context)
        session.deinitialize(count: 1)
        session.deallocate()
    }

    /// Parses the whole page and returns what its SAX events built, and
    /// whether the deadline stopped it early.
    consuming func parse(_ bytes: UnsafeRawBufferPointer) -> (page: PageAccumulator, stoppedEarly: Bool) {
        // One terminating push: terminate=1 spares libxml2 its look-ahead
        // scans for the end of each tag and text run.
        push(bytes)
        var resumedAt: UInt = 0
        while Self.resumeAfterEarlyEnd(context, lastResume: &resumedAt) { htmlParseChunk(context, nil, 0, 1) }
        session.pointee.page.finish()
        return (session.pointee.page, session.pointee.stoppedEarly)
    }

    private func push(_ bytes: UnsafeRawBufferPointer) {
        Self.push(bytes, to: context)
    }

    /// All of `bytes` in one terminating push (in pieces of 1 GiB: the size
    /// is an Int32).
    static func push(_ bytes: UnsafeRawBufferPointer, to context: htmlParserCtxtPtr) {
        // htmlParseChunk takes an Int32 size.
        let chunkLimit = 1 << 30
        var offset = 0
        repeat {
            let count = min(bytes.count - offset, chunkLimit)
            let isLast = offset + count == bytes.count
            let chunk = bytes.baseAddress.map { ($0 + offset).assumingMemoryBound(to: CChar.self) }
            htmlParseChunk(context, chunk, Int32(count), isLast ? 1 : 0)
            offset += count
        } while offset < bytes.count
    }

    /// libxml2's push parser ends the document at the first tag after the
    /// element that closes its root (`…</html><a href=/x>`), though browsers
    /// put such content in the body, links and all; its pull parser carries
    /// on. Puts the parser back into content state when that happened with
    /// input left over, so the rest is parsed too. Never twice at the same
    /// input position, so it cannot loop; never after the deadline stopped
    /// the parse (which sets `disableSAX`).
    static func resumeAfterEarlyEnd(_ context: htmlParserCtxtPtr, lastResume: inout UInt) -> Bool {
        guard context.pointee.instate == XML_PARSER_EOF, context.pointee.disableSAX == 0,
              let input = context.pointee.input, let cur = input.pointee.cur, let base = input.pointee.base,
              let end = input.pointee.end, cur >= base, cur < end
        else { return false }
        let position = input.pointee.consumed &+ UInt(cur - base) &+ 1
        guard position > lastResume else { return false }
        lastResume = position
        context.pointee.instate = XML_PARSER_CONTENT
        return true
    }
}
