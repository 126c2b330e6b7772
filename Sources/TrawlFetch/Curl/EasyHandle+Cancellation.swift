internal import CCurl

/// Cancelling a transfer that blocks its thread. The multi loop cancels by
/// removing a handle from its multi handle; a thread inside
/// curl_easy_perform has no such way in, so curl is asked to poll instead:
/// CURLOPT_XFERINFOFUNCTION runs on every chunk of data and, while the
/// transfer waits, each time curl_easy_perform's internal poll wakes (at
/// least once a second in libcurl 7.88). Returning non-zero there aborts
/// the transfer with CURLE_ABORTED_BY_CALLBACK.
extension EasyHandle {
    /// Runs the prepared transfer on the calling thread, asking
    /// `isCancelled` whenever curl reports progress; once it says yes the
    /// transfer stops and fails with `FetchError.Code.cancelled`.
    func perform(isCancelled: () -> Bool) -> Result<FinishedTransfer, FetchError> {
        if isCancelled() {
            return .failure(FetchError(code: .cancelled, url: url, message: "cancelled before the transfer started"))
        }
        // The callback options are not configuration: they belong to this
        // way of driving a transfer, and the next `prepare`'s
        // curl_easy_reset removes them.
        var options = OptionSetter(handle: raw)
        options.set(CURLOPT_NOPROGRESS, 0)
        options.set(CURLOPT_XFERINFODATA, pointer: Unmanaged.passUnretained(self).toOpaque())
        options.setProgressFunction { context, _, _, _, _ in
            EasyHandle.from(context)?.pollCancellation() ?? 0
        }
        if let failure = options.failure {
            return .failure(FetchError(
                code: .other, url: url,
                message: "could not set \(failure.option): \(failure.code.explanation)",
                curlCode: failure.code.rawValue))
        }
        // `isCancelled` only has to live as long as this call: the handle
        // holds it while curl_easy_perform runs and drops it before
        // returning, which withoutActuallyEscaping verifies.
        return withoutActuallyEscaping(isCancelled) { check in
            cancellationCheck = check
            defer { cancellationCheck = nil }
            return perform()
        }
    }

    /// The progress callback's answer: 1 aborts the transfer.
    fileprivate func pollCancellation() -> Int32 {
        guard let check = cancellationCheck, check() else { return 0 }
        abortedByCaller = true
        return 1
    }
}

extension OptionSetter {
    fileprivate mutating func setProgressFunction(_ function: curl_xferinfo_callback) {
        record(CCurl_easy_setopt_xferinfo_function(handle, function), CURLOPT_XFERINFOFUNCTION)
    }
}
