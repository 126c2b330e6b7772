/// The special schemes of the URL Standard, which get hierarchical parsing,
/// backslash-as-slash, domain hosts and default ports; everything else is
/// `.other`.
enum SchemeKind: UInt8, Sendable {
    case other, http, https, ws, wss, ftp, file

    init(_ scheme: some Collection<UInt8>) {
        // The scheme is already lower-cased by the parser.
        switch scheme.count {
        case 2 where scheme.elementsEqual("ws".utf8): self = .ws
        case 3 where scheme.elementsEqual("wss".utf8): self = .wss
        case 3 where scheme.elementsEqual("ftp".utf8): self = .ftp
        case 4 where scheme.elementsEqual("http".utf8): self = .http
        case 4 where scheme.elementsEqual("file".utf8): self = .file
        case 5 where scheme.elementsEqual("https".utf8): self = .https
        default: self = .other
        }
    }

    var isSpecial: Bool { self != .other }

    /// The scheme's bytes, shared, so special URLs need no scheme allocation.
    var name: [UInt8] {
        switch self {
        case .http: Self.httpName
        case .https: Self.httpsName
        case .ws: Self.wsName
        case .wss: Self.wssName
        case .ftp: Self.ftpName
        case .file: Self.fileName
        case .other: []
        }
    }
    private static let httpName = Array("http".utf8), httpsName = Array("https".utf8)
    private static let wsName = Array("ws".utf8), wssName = Array("wss".utf8)
    private static let ftpName = Array("ftp".utf8), fileName = Array("file".utf8)

    var defaultPort: Int? {
        switch self {
        case .http, .ws: 80
        case .https, .wss: 443
        case .ftp: 21
        case .file, .other: nil
        }
    }
}
