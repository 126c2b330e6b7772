/// Why a URL could not be fetched. `code` is what a crawler branches on;
/// `message` is curl's own explanation; `curlCode` is the CURLcode (0 when
/// the failure was not curl's, e.g. `cancelled` at shutdown).
public struct FetchError: Error, Sendable, CustomStringConvertible {
    /// An open set of failure kinds: new ones may be added, so switch with a
    /// `default`.
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The host name did not resolve.
        public static let dns = Code(rawValue: "dns")
        /// No TCP connection could be made (refused, unreachable).
        public static let connect = Code(rawValue: "connect")
        /// The transfer, its connection, or its minimum speed timed out.
        public static let timeout = Code(rawValue: "timeout")
        /// The body was larger than `FetchConfiguration.maxBodyBytes`.
        public static let tooLarge = Code(rawValue: "too-large")
        /// More redirects than `FetchConfiguration.maxRedirects` (or, when
        /// libcurl follows them itself, a loop it ran round until the limit).
        public static let tooManyRedirects = Code(rawValue: "too-many-redirects")
        /// A redirect back to a URL already visited in the same chain, seen
        /// by a caller that follows redirects hop by hop.
        public static let redirectLoop = Code(rawValue: "redirect-loop")
        /// A redirect to a URL outside the caller's crawl scope, not followed.
        public static let outOfScopeRedirect = Code(rawValue: "out-of-scope-redirect")
        /// The URL, or a redirect, named a scheme other than http or https.
        public static let unsupportedScheme = Code(rawValue: "unsupported-scheme")
        /// The TLS handshake or certificate verification failed.
        public static let tls = Code(rawValue: "tls")
        /// The connection broke mid-exchange.
        public static let reset = Code(rawValue: "reset")
        /// The body is not in its declared Content-Encoding (a "gzip" body
        /// that does not inflate), or in one this libcurl cannot decode.
        public static let badEncoding = Code(rawValue: "bad-encoding")
        /// The server's reply was not valid HTTP.
        public static let badResponse = Code(rawValue: "bad-response")
        /// The fetcher shut down before the transfer finished.
        public static let cancelled = Code(rawValue: "cancelled")
        /// The address connected to is one `FetchConfiguration.addressGuard`
        /// refuses (link-local, or private with `refusePrivate`); nothing was
        /// sent to it. Not a transient failure: retrying reaches the same
        /// address.
        public static let addressRefused = Code(rawValue: "address-refused")
        /// Anything else; `message` and `curlCode` say what.
        public static let other = Code(rawValue: "other")
    }

    public var code: Code
    /// The URL that was asked for.
    public var url: String
    public var message: String
    public var curlCode: Int
    /// The final response's HTTP status when its headers had arrived before
    /// the failure (`tooLarge`, a `timeout` mid-body, `badEncoding`), else
    /// nil. After redirects, "final" is the request that failed: a redirect
    /// followed to an address that refuses connections has no status.
    public var status: Int?
    /// The final response's body bytes received before the failure, after
    /// content decoding; for `tooLarge`, those kept up to the cap. 0 when
    /// `status` is nil.
    public var bytesReceived: Int

    public init(code: Code, url: String, message: String, curlCode: Int = 0, status: Int? = nil, bytesReceived: Int = 0) {
        self.code = code
        self.url = url
        self.message = message
        self.curlCode = curlCode
        self.status = status
        self.bytesReceived = bytesReceived
    }

    public var description: String {
        let curl = curlCode == 0 ? "" : " (curl \(curlCode))"
        return "fetching \(url) failed [\(code)]: \(message)\(curl)"
    }
}
