import FuzzSupport
import TrawlCore
import TrawlExtract
import TrawlURL

/// A libFuzzer target: each input is a response body. It is extracted
/// twice, once under a Content-Type without a charset (so the `<meta>`
/// prescan and UTF-8 sniffing decide) and once under a charset the first
/// byte picks (so every decoder, iconv's included, sees hostile bytes), and
/// its links are resolved exactly as the crawler resolves them.
///
/// Beyond "no crash, no memory error", a violated invariant traps, so the
/// fuzzer reports it like a crash (see `LinkInvariants`).
@main
enum FuzzLinkExtractor {
    static func main() {
        LibFuzzer.run(fuzzLinkExtractor)
    }
}

/// One input, as libFuzzer calls it (also by this name, without `main`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLinkExtractor(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let body = UnsafeRawBufferPointer(start: data, count: size)
    LinkInvariants.check(HTMLExtractor.extract(body, contentType: "text/html"), of: body)
    if let first = body.first {
        let charset = LinkInvariants.charsets[Int(first) % LinkInvariants.charsets.count]
        LinkInvariants.check(HTMLExtractor.extract(body, contentType: "text/html; charset=\(charset)"), of: body)
    }
    return 0
}
