internal import CLibXML2

/// libxml2's process-wide set-up, done exactly once, before the first parse
/// on any thread: `xmlInitParser()` and the registration of the windows-1252
/// decoder. Reaching `shared` is what guarantees both.
struct LibXML2Runtime: @unchecked Sendable {
    // Sendable because: `windows1252` is written once, in `init`, which Swift
    // runs exactly once under `swift_once` before any reader can see `shared`;
    // afterwards neither we nor libxml2 write to the handler (libxml2 never
    // frees a registered handler), and its input function keeps no state.
    let windows1252: UnsafeMutablePointer<xmlCharEncodingHandler>?

    static let shared = LibXML2Runtime()

    private init() {
        xmlInitParser()
        // Registered (libxml2 allocates it at its real size, ICU fields
        // included; see shim.h) and so never freed by xmlCharEncCloseFunc.
        windows1252 = xmlNewCharEncodingHandler(
            "windows-1252",
            { output, outputLength, input, inputLength in
                Windows1252Decoder.decode(output, outputLength, input, inputLength)
            },
            nil  // Decoding only: trawl never serialises HTML.
        )
    }
}
