/// Builds an `ExtractedPage`'s fields from parser events, one element at a
/// time. Knows HTML, not libxml2: it sees names and attributes as the
/// NUL-terminated UTF-8 strings any SAX parser hands out, and makes a
/// `String` only of the values it keeps.
struct PageAccumulator {
    private(set) var links: [ExtractedLink] = []
    private(set) var baseHref: String?
    private(set) var title: String?
    /// UTF-8 bytes of the whole title, of which `title` keeps a prefix.
    private(set) var titleLength: Int?
    private(set) var robots: MetaRobots = []

    /// The first `<title>` is collected; later ones are ignored.
    enum TitleState { case notSeen, inside, done }
    private(set) var titleState = TitleState.notSeen
    private var titleText: TitleText

    /// A NULL-terminated array of name, value, name, value, … where a value
    /// is NULL for an attribute written without one (`<a href>`).
    typealias Attributes = UnsafeMutablePointer<UnsafePointer<UInt8>?>

    init(maxTitleBytes: Int = ExtractionLimits().maxTitleBytes) {
        titleText = TitleText(maxBytes: maxTitleBytes)
        links.reserveCapacity(64)
    }

    mutating func startElement(_ name: UnsafePointer<UInt8>, _ attributes: Attributes?) {
        // Dispatch on the first letter: most elements are rejected by one
        // comparison and never have their attributes looked at.
        switch ASCII.lowercased(name[0]) {
        case UInt8(ascii: "a"):
            if ASCII.equalsIgnoringCase(cString: name, "a") || ASCII.equalsIgnoringCase(cString: name, "area") {
                addLink(attributes)
            }
        case UInt8(ascii: "b"):
            if baseHref == nil, ASCII.equalsIgnoringCase(cString: name, "base"),
               let href = Self.trimmedValue(of: "href", in: attributes) {
                baseHref = href
            }
        case UInt8(ascii: "m"):
            if ASCII.equalsIgnoringCase(cString: name, "meta") { readMetaRobots(attributes) }
        case UInt8(ascii: "t"):
            if titleState == .notSeen, ASCII.equalsIgnoringCase(cString: name, "title") {
                titleState = .inside
            }
        default:
            break
        }
    }

    /// Text inside the first `<title>`; the parser sends it only then.
    mutating func characters(_ text: UnsafeBufferPointer<UInt8>) {
        if titleState == .inside { titleText.append(text) }
    }

    mutating func endElement(_ name: UnsafePointer<UInt8>) {
        if titleState == .inside, ASCII.equalsIgnoringCase(cString: name, "title") { finishTitle() }
    }

    /// The end of the document: a title cut off by it still counts.
    mutating func finish() {
        if titleState == .inside { finishTitle() }
    }

    private mutating func finishTitle() {
        title = titleText.text
        titleLength = titleText.length
        titleText = TitleText(maxBytes: titleText.maxBytes)
        titleState = .done
    }

    // MARK: - Attributes

    private mutating func addLink(_ attributes: Attributes?) {
        var href: UnsafePointer<UInt8>?
        var hasHref = false
        var nofollow = false
        Self.forEachAttribute(attributes) { name, value in
            if !hasHref, ASCII.equalsIgnoringCase(cString: name, "href") {
                hasHref = true
                href = value
            } else if ASCII.equalsIgnoringCase(cString: name, "rel"), let value {
                ASCII.forEachToken(in: ASCII.bytes(ofCString: value), separatedBy: ASCII.isWhitespace) {
                    if ASCII.equalsIgnoringCase($0, "nofollow") { nofollow = true }
                }
            }
        }
        guard hasHref else { return }
        // `<a href>` has the empty string as its value, as in the DOM.
        links.append(ExtractedLink(href: href.map(Self.trimmedString) ?? "", nofollow: nofollow))
    }

    private mutating func readMetaRobots(_ attributes: Attributes?) {
        var isRobots = false
        var content: UnsafePointer<UInt8>?
        Self.forEachAttribute(attributes) { name, value in
            guard let value else { return }
            if ASCII.equalsIgnoringCase(cString: name, "name") {
                isRobots = ASCII.equalsIgnoringCase(ASCII.trimmingWhitespace(ASCII.bytes(ofCString: value)), "robots")
            } else if ASCII.equalsIgnoringCase(cString: name, "content") {
                content = value
            }
        }
        if isRobots, let content {
            robots.formUnion(MetaRobots(content: ASCII.bytes(ofCString: content)))
        }
    }

    /// The trimmed value of the first attribute `name`: "" when written
    /// without a value, nil when absent.
    private static func trimmedValue(of name: StaticString, in attributes: Attributes?) -> String? {
        var found: String?
        forEachAttribute(attributes) { attribute, value in
            if found == nil, ASCII.equalsIgnoringCase(cString: attribute, name) {
                found = value.map(trimmedString) ?? ""
            }
        }
        return found
    }

    private static func forEachAttribute(
        _ attributes: Attributes?,
        _ body: (_ name: UnsafePointer<UInt8>, _ value: UnsafePointer<UInt8>?) -> Void
    ) {
        guard var cursor = attributes else { return }
        while let name = cursor[0] {
            body(name, cursor[1])
            cursor += 2
        }
    }

    private static func trimmedString(_ value: UnsafePointer<UInt8>) -> String {
        String(decoding: ASCII.trimmingWhitespace(ASCII.bytes(ofCString: value)), as: UTF8.self)
    }
}
