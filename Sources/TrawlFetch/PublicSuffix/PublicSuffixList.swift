internal import CCurl

/// Registrable domains ("eTLD+1") from the Public Suffix List, through
/// libpsl: the library libcurl already links to judge cookie domains, so
/// `--scope domain` draws the same line curl does. The list is the one
/// compiled into Debian's libpsl (`psl_builtin`), so no file is read at
/// run time and every process of a crawl agrees.
///
/// libpsl's context is immutable after it is built, and its lookups keep
/// no state, so any thread may ask.
public enum PublicSuffixList {
    /// The registrable domain of `host` (lower-case ASCII, IDN labels in
    /// their `xn--` form, as a WHATWG URL serializes them): `a.github.io`
    /// for `x.a.github.io`, `b.ck` for `a.b.ck` (`*.ck`), `www.ck` for
    /// `www.ck` (`!www.ck`). nil when the host is itself a public suffix or
    /// a name with no known suffix above it (`github.io`, `localhost`).
    /// A trailing dot is ignored. Not for IP addresses: the caller knows
    /// they have no suffix.
    public static func registrableDomain(of host: String) -> String? {
        guard let list = psl_builtin() else { return nil }
        let name = host.hasSuffix(".") ? String(host.dropLast()) : host
        guard !name.isEmpty else { return nil }
        return name.withCString { text -> String? in
            // Points into `text`, so it is copied before `text` goes.
            guard let domain = psl_registrable_domain(list, text) else { return nil }
            return String(cString: domain)
        }
    }
}
