internal import CCurl

/// libcurl's process-wide state. `curl_global_init` is not thread-safe in
/// curl 7.88, so it runs once, through a Swift global's one-time
/// initializer, before any handle is made.
enum CurlLibrary {
    /// The CURLcode of `curl_global_init(CURL_GLOBAL_ALL)`; 0 is success.
    private static let initResult: Int = Int(CCurl_global_init_all().rawValue)

    /// Initializes libcurl on first use; returns a description of the
    /// failure if that failed.
    static func ensureInitialized() -> String? {
        initResult == 0 ? nil : "curl_global_init failed with CURLcode \(initResult)"
    }
}
