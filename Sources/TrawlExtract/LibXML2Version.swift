internal import CLibXML2

/// The libxml2 trawl parses with, for reports that must say what was
/// measured.
public enum LibXML2Version {
    /// "2.9.14": the headers' LIBXML_DOTTED_VERSION (Debian ships the
    /// library and its headers in lock-step).
    public static var description: String { LIBXML_DOTTED_VERSION }
}
