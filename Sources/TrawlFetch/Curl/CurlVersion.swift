internal import CCurl

/// The libcurl this process runs with, for reports that must say what was
/// measured.
public enum CurlVersion {
    /// curl_version(): "libcurl/7.88.1 OpenSSL/3.0.17 zlib/1.2.13 …".
    public static var description: String { String(cString: curl_version()) }
}
