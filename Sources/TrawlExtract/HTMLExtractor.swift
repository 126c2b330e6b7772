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
    public static func extract(_ html: UnsafeRawBufferPointer, contentType: String?) -> ExtractedPage {
        let runtime = LibXML2Runtime.shared
        let decision = CharsetDetector.decide(html, contentType: contentType)
        let body = UnsafeRawBufferPointer(rebasing: html[decision.contentOffset...])
        let (decoder, encoding) = InputDecoder.resolve(decision.encoding, runtime: runtime)

        let page: PageAccumulator?
        if case .utf8 = decoder, !decision.isValidatedUTF8, !UTF8Validation.isValid(body) {
            // Declared UTF-8 but not: libxml2 would switch to Latin-1 at the
            // first bad byte, so give it the browser's repaired text instead.
            page = UTF8Validation.repaired(body).withUnsafeBytes { parse($0, decoder: decoder) }
        } else {
            page = parse(body, decoder: decoder)
        }
        guard let page else { return ExtractedPage(encoding: encoding) }
        return ExtractedPage(
            links: page.links,
            baseHref: page.baseHref,
            title: page.title,
            robots: page.robots,
            encoding: encoding
        )
    }

    public static func extract(_ html: [UInt8], contentType: String?) -> ExtractedPage {
        html.withUnsafeBytes { extract($0, contentType: contentType) }
    }

    private static func parse(_ body: UnsafeRawBufferPointer, decoder: InputDecoder) -> PageAccumulator? {
        guard let parser = HTMLPushParser(decoder: decoder) else { return nil }
        return parser.parse(body)
    }
}
