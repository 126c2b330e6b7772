internal import CLibXML2

/// HTML bytes → the links, base, title and robots directives of the page,
/// through libxml2's HTML parser in SAX mode (no tree is built).
///
/// Safe to call from any number of threads at once: each call owns its own
/// parser context and shares nothing mutable.
public enum HTMLExtractor {
    /// - Parameters:
    ///   - html: the response body, in whatever encoding it was served.
    ///   - contentType: the Content-Type header, whose `charset` wins over
    ///     any `<meta>` declaration (see `CharsetDetector`).
    ///   - limits: what one page may cost; a page that reaches a limit is
    ///     marked `parseLimited`.
    public static func extract(
        _ html: UnsafeRawBufferPointer, contentType: String?, limits: ExtractionLimits = ExtractionLimits()
    ) -> ExtractedPage {
        let runtime = LibXML2Runtime.shared
        let decision = CharsetDetector.decide(html, contentType: contentType)
        let body = UnsafeRawBufferPointer(rebasing: html[decision.contentOffset...])
        let (decoder, resolvedEncoding) = InputDecoder.resolve(decision.encoding, runtime: runtime)
        var encoding = resolvedEncoding

        // Everything reaches libxml2 as valid UTF-8: declared UTF-8 that is
        // not would make it switch to Latin-1 at the first bad byte, so it
        // gets the browser's repaired text instead.
        var converted: [UInt8]?
        if case .handler(let handler) = decoder {
            converted = InputDecoder.convert(body, with: handler)
            xmlCharEncCloseFunc(handler)
            if converted == nil, let windows1252 = runtime.windows1252 {
                encoding = "windows-1252"
                converted = InputDecoder.convert(body, with: windows1252)
            }
            if let text = converted, !text.withUnsafeBytes(UTF8Validation.isValid) {
                converted = text.withUnsafeBytes(UTF8Validation.repaired)
            }
        } else if !decision.isValidatedUTF8, !UTF8Validation.isValid(body) {
            converted = UTF8Validation.repaired(body)
        }
        let parsed = if let converted {
            converted.withUnsafeBytes { parse($0, limits: limits) }
        } else {
            parse(body, limits: limits)
        }
        guard let (page, limited) = parsed else { return ExtractedPage(encoding: encoding) }
        return ExtractedPage(
            links: page.links,
            baseHref: page.baseHref,
            title: page.title,
            titleLength: page.titleLength,
            robots: page.robots,
            encoding: encoding,
            parseLimited: limited
        )
    }

    public static func extract(
        _ html: [UInt8], contentType: String?, limits: ExtractionLimits = ExtractionLimits()
    ) -> ExtractedPage {
        html.withUnsafeBytes { extract($0, contentType: contentType, limits: limits) }
    }

    /// Parses valid UTF-8, start tags cut down by `StartTagGuard` first.
    /// Nil if libxml2 cannot allocate a parser.
    private static func parse(
        _ utf8: UnsafeRawBufferPointer, limits: ExtractionLimits
    ) -> (page: PageAccumulator, limited: Bool)? {
        let bytes = utf8.assumingMemoryBound(to: UInt8.self)
        let guarded = limits.maxAttributesPerTag == .max
            ? nil : StartTagGuard(scanning: bytes, maxAttributes: limits.maxAttributesPerTag)
        guard let guarded, !guarded.cuts.isEmpty else {
            guard let parser = HTMLPushParser(limits: limits) else { return nil }
            let (page, stoppedEarly) = parser.parse(utf8)
            return (page, stoppedEarly)
        }
        return guarded.applied(to: bytes).withUnsafeBytes { cut in
            guard let parser = HTMLPushParser(limits: limits) else { return nil }
            let (page, stoppedEarly) = parser.parse(cut)
            return (page, stoppedEarly || guarded.cutTags > 0)
        }
    }
}
