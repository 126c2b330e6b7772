/// One `<a href>` or `<area href>` of a page, before URL resolution.
public struct ExtractedLink: Sendable, Hashable {
    /// The attribute value as written: entities decoded, ASCII whitespace
    /// trimmed, otherwise untouched (resolution belongs to the caller).
    public var href: String
    /// The element's `rel` lists the `nofollow` token.
    public var nofollow: Bool

    public init(href: String, nofollow: Bool = false) {
        self.href = href
        self.nofollow = nofollow
    }
}
