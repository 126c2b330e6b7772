/// What a successful transfer produced, copied out of its easy handle as raw
/// as possible: the driving thread (the multi loop) only moves bytes, and
/// `response()` does the string work on the caller's thread.
struct FinishedTransfer: Sendable {
    var url: String
    var finalURL: String
    var status: Int
    var contentType: String?
    /// The final response's header lines, status line excluded.
    var headerBytes: [UInt8]
    var body: [UInt8]
    var redirectCount: Int
    var httpVersion: String
    var timings: FetchTimings
    /// The body's place in the fetcher's budget, if it has one.
    var bodyLease: BodyLease? = nil

    func response() -> FetchResponse {
        var response = FetchResponse(
            url: url, finalURL: finalURL, status: status, contentType: contentType,
            headers: Self.parseHeaders(headerBytes), body: body, redirectCount: redirectCount,
            httpVersion: httpVersion, timings: timings)
        response.bodyLease = bodyLease
        return response
    }

    /// Splits "Name: value\r\n" lines. A line starting with a space or tab
    /// continues the previous value (obsolete folding). Text that is not
    /// UTF-8 is read as ISO-8859-1, so no byte is lost.
    static func parseHeaders(_ bytes: [UInt8]) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            let content = HeaderLine.trimmed(line)
            guard !content.isEmpty else { continue }
            if line.first == 0x20 || line.first == 0x09 {
                if !headers.isEmpty {
                    headers[headers.count - 1].value += " " + text(content)
                }
                continue
            }
            guard let colon = content.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = HeaderLine.trimmed(content[..<colon])
            let value = HeaderLine.trimmed(content[(colon + 1)...])
            headers.append((text(name), text(value)))
        }
        return headers
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(validating: bytes, as: UTF8.self)
            ?? String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}

internal import CCurl

extension EasyHandle {
    /// Reads the finished transfer's outcome. Moves the body out, so call
    /// once per transfer.
    func finish(_ code: CurlCode) -> Result<FinishedTransfer, FetchError> {
        guard code == .ok else { return .failure(error(for: code)) }
        var transfer = FinishedTransfer(
            url: url,
            finalURL: string(CURLINFO_EFFECTIVE_URL) ?? url,
            status: long(CURLINFO_RESPONSE_CODE),
            contentType: string(CURLINFO_CONTENT_TYPE),
            headerBytes: headerBytes,
            body: body,
            redirectCount: long(CURLINFO_REDIRECT_COUNT),
            httpVersion: Self.versionName(long(CURLINFO_HTTP_VERSION)),
            timings: FetchTimings(
                dns: duration(CURLINFO_NAMELOOKUP_TIME_T),
                connect: duration(CURLINFO_CONNECT_TIME_T),
                tls: duration(CURLINFO_APPCONNECT_TIME_T),
                firstByte: duration(CURLINFO_STARTTRANSFER_TIME_T),
                total: duration(CURLINFO_TOTAL_TIME_T),
                redirect: duration(CURLINFO_REDIRECT_TIME_T)))
        transfer.bodyLease = handOverBudget()
        body = []
        return .success(transfer)
    }

    /// The failure, with what had arrived of the final response. Which
    /// response is final comes from counting: every redirect curl followed
    /// (CURLINFO_REDIRECT_COUNT) completed the headers of one response, so
    /// the request that failed had its headers only if more responses than
    /// that completed. CURLINFO_RESPONSE_CODE cannot tell: after a
    /// followed redirect whose next request fails, it still holds the 3xx.
    private func error(for code: CurlCode) -> FetchError {
        let status = completedResponses > long(CURLINFO_REDIRECT_COUNT) ? completedStatus : nil
        var error = classify(code)
        error.status = status
        error.bytesReceived = status == nil ? 0 : body.count
        body = []
        // A failed transfer's bytes go back at once (a success hands them
        // to its response's lease instead), whichever fetcher drives it.
        releaseBudget()
        return error
    }

    private func classify(_ code: CurlCode) -> FetchError {
        if let refusal = addressRefusal, code == .couldntConnect {
            return FetchError(code: .addressRefused, url: url, message: refusal, curlCode: code.rawValue)
        }
        if bodyTooLarge, code == .writeError {
            return FetchError(
                code: .tooLarge, url: url,
                message: "the body is larger than the limit of \(configuration.maxBodyBytes) bytes",
                curlCode: code.rawValue)
        }
        if budgetTimedOut, code == .writeError {
            return FetchError(
                code: .timeout, url: url,
                message: "the transfer's time ran out while it waited for room in the body budget of \(budget?.limit ?? 0) bytes",
                curlCode: code.rawValue)
        }
        if let malformed = malformedReply(code) { return malformed }
        if abortedByCaller, code == .abortedByCallback || code == .writeError {
            return FetchError(code: .cancelled, url: url, message: "the transfer was cancelled by its caller", curlCode: code.rawValue)
        }
        return FetchError(code: code.fetchErrorCode, url: url, message: failureMessage(code), curlCode: code.rawValue)
    }

    /// Failures libcurl reports with codes that name something else, when
    /// the reply itself was at fault:
    /// - no status line (an HTTP/0.9 reply, or not HTTP at all): curl says
    ///   CURLE_UNSUPPORTED_PROTOCOL, "Received HTTP/0.9 when not allowed";
    ///   the URL's scheme was http(s) and no redirect was followed, so no
    ///   scheme was at fault: `badResponse`.
    /// - headers past curl's 300 KiB for one response: CURLE_RECV_ERROR,
    ///   "Too large response headers", which reads as a broken connection
    ///   and would be retried: `tooLarge`.
    /// - one header line past curl's 100 KiB: CURLE_OUT_OF_MEMORY while the
    ///   headers were arriving: `tooLarge`.
    private func malformedReply(_ code: CurlCode) -> FetchError? {
        let headersUnfinished = !blockEnded
        let detail = failureMessage(code)
        switch code {
        case .unsupportedProtocol where completedResponses == 0 && Self.isHTTP(url):
            return FetchError(code: .badResponse, url: url,
                              message: "the reply has no HTTP status line (HTTP/0.9, or not HTTP at all): \(detail)",
                              curlCode: code.rawValue)
        case .recvError where headersUnfinished && (detail.hasPrefix("Too large response headers")
                                                    || headerBytes.count >= Self.responseHeadersCap - Self.headerLineCap):
            return FetchError(code: .tooLarge, url: url,
                              message: "the response headers are larger than libcurl accepts (\(Self.responseHeadersCap >> 10) KiB): \(detail)",
                              curlCode: code.rawValue)
        case .outOfMemory where headersUnfinished:
            return FetchError(code: .tooLarge, url: url,
                              message: "a response header line is longer than libcurl accepts (\(Self.headerLineCap >> 10) KiB)",
                              curlCode: code.rawValue)
        default:
            return nil
        }
    }

    /// libcurl 7.88's caps: MAX_HTTP_RESP_HEADER_SIZE for all of one
    /// response's headers, CURL_MAX_HTTP_HEADER for one line.
    static let responseHeadersCap = 300 << 10
    static let headerLineCap = 100 << 10

    private static func isHTTP(_ url: String) -> Bool {
        let scheme = url.prefix { $0 != ":" }.lowercased()
        return scheme == "http" || scheme == "https"
    }

    private func long(_ info: CURLINFO) -> Int {
        var value = 0
        return CCurl_easy_getinfo_long(raw, info, &value) == CURLE_OK ? value : 0
    }

    private func string(_ info: CURLINFO) -> String? {
        var value: UnsafePointer<CChar>? = nil
        guard CCurl_easy_getinfo_string(raw, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    private func duration(_ info: CURLINFO) -> Duration {
        var microseconds: curl_off_t = 0
        guard CCurl_easy_getinfo_off_t(raw, info, &microseconds) == CURLE_OK else { return .zero }
        return .microseconds(microseconds)
    }

    private static func versionName(_ version: Int) -> String {
        switch version {
        case Int(CURL_HTTP_VERSION_1_0): "1.0"
        case Int(CURL_HTTP_VERSION_1_1): "1.1"
        case Int(CURL_HTTP_VERSION_2_0): "2"
        case Int(CURL_HTTP_VERSION_3): "3"
        default: "unknown (\(version))"
        }
    }
}
