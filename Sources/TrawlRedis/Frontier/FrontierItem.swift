/// One queued item as the scripts store it:
/// `kind \n attempt \n depth \n url \n referrer [\n payload]`, kind `p`
/// (page), `r` (robots job) or `h` (a redirect hop, with its payload), the
/// referrer empty for none or `=` + URL.
struct FrontierItem {
    var kind: FrontierLease.Kind
    var attempt: Int
    var depth: Int
    var url: String
    var referrer: String?
    var hopPayload: String?

    init?(_ bytes: [UInt8]) {
        let fields = bytes.split(separator: UInt8(ascii: "\n"), maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 5 || fields.count == 6,
              let attempt = Int(String(decoding: fields[1], as: UTF8.self)),
              let depth = Int(String(decoding: fields[2], as: UTF8.self)) else { return nil }
        switch String(decoding: fields[0], as: UTF8.self) {
        case "p", "h": kind = .page
        case "r": kind = .robots
        default: return nil
        }
        self.attempt = attempt
        self.depth = depth
        url = String(decoding: fields[3], as: UTF8.self)
        referrer = fields[4].first == UInt8(ascii: "=") ? String(decoding: fields[4].dropFirst(), as: UTF8.self) : nil
        hopPayload = fields.count == 6 ? String(decoding: fields[5], as: UTF8.self) : nil
    }

    func lease(id: Int64, partition: Int, hostKey: String, rules: [UInt8]?, expiresAtMs: Int64) -> FrontierLease {
        FrontierLease(id: id, partition: partition, url: url, hostKey: hostKey, depth: depth, referrer: referrer,
                      attempt: attempt, kind: kind, robotsRules: rules, expiresAtMs: expiresAtMs,
                      hopPayload: hopPayload)
    }
}
