internal import CCurl

/// A CURLcode at the Swift edge. Any value is representable: a newer libcurl
/// may return codes this file does not name, and those classify as `other`.
struct CurlCode: RawRepresentable, Hashable, Sendable {
    var rawValue: Int

    init(rawValue: Int) { self.rawValue = rawValue }
    init(_ code: CURLcode) { self.rawValue = Int(code.rawValue) }

    static let ok = CurlCode(CURLE_OK)
    static let unsupportedProtocol = CurlCode(CURLE_UNSUPPORTED_PROTOCOL)
    static let couldntConnect = CurlCode(CURLE_COULDNT_CONNECT)
    static let writeError = CurlCode(CURLE_WRITE_ERROR)
    static let outOfMemory = CurlCode(CURLE_OUT_OF_MEMORY)
    static let recvError = CurlCode(CURLE_RECV_ERROR)
    static let abortedByCallback = CurlCode(CURLE_ABORTED_BY_CALLBACK)

    /// curl's one-line explanation of the code.
    var explanation: String {
        String(cString: curl_easy_strerror(CURLcode(rawValue: UInt32(truncatingIfNeeded: rawValue))))
    }

    /// The crawler-facing kind of failure this code means.
    var fetchErrorCode: FetchError.Code {
        switch CURLcode(rawValue: UInt32(truncatingIfNeeded: rawValue)) {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            .dns
        case CURLE_COULDNT_CONNECT:
            .connect
        case CURLE_OPERATION_TIMEDOUT:
            .timeout
        case CURLE_FILESIZE_EXCEEDED:
            .tooLarge
        case CURLE_TOO_MANY_REDIRECTS:
            .tooManyRedirects
        case CURLE_UNSUPPORTED_PROTOCOL:
            .unsupportedScheme
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CRL_BADFILE,
             CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS,
             CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED,
             CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED:
            .tls
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            .reset
        case CURLE_BAD_CONTENT_ENCODING:
            .badEncoding
        case CURLE_WEIRD_SERVER_REPLY, CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_HTTP3:
            .badResponse
        default:
            .other
        }
    }
}
