/// The ground truth of a generated web, produced already in byte order so
/// that a million-page web's truth streams to disk without a global sort.
extension GeneratedWeb {
    /// Calls `body` with every distinct `source,target` line in the byte order
    /// of `LC_ALL=C sort`.
    ///
    /// Sorting by source, then by target, is that order here because every
    /// character of a source URL ([a-z0-9./:-]) sorts after the `,`
    /// separator: a source that is a prefix of another (`/page/1`, then
    /// `/page/10`) has all its lines first, as it must. A test checks the
    /// result against a plain sort.
    ///
    /// In the hostile profile the root page's links to the traps are among
    /// its targets, and each host's trap pages follow its generated pages
    /// (`/private/…` and `/trap/…` sort after `/page/…`).
    func forEachTruthLine(_ body: (String) throws -> Void) rethrows {
        let hostOrder = hostNames.indices.sorted { hostNames[$0].utf8.lexicographicallyPrecedes(hostNames[$1].utf8) }
        // "/" sorts before "/page/…"; pages sort by their decimal spelling.
        let pageOrder = [0] + (1..<config.pagesPerHost).sorted { String($0).utf8.lexicographicallyPrecedes(String($1).utf8) }
        var targets = [String]()
        func emit(_ source: String) throws {
            // Sorted, equal targets are adjacent: distinct without hashing.
            targets.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (i, target) in targets.enumerated() where i == 0 || targets[i - 1] != target {
                try body("\(source),\(target)")
            }
        }
        for host in hostOrder {
            let origin = "http://\(hostNames[host])"
            for page in pageOrder {
                let source = pageURL(host: host, page: page)
                targets.removeAll(keepingCapacity: true)
                for link in graph.links(host: host, page: page) {
                    if let target = link.canonicalTarget(source: source, hostNames: hostNames) {
                        targets.append(target)
                    }
                }
                if page == 0, hostile != nil {
                    targets += HostileWeb.rootLinks.map { origin + $0 }
                }
                try emit(source)
            }
            guard hostile != nil else { continue }
            for (path, pageTargets) in HostileWeb.truthPages {
                targets = pageTargets.map { HandWrittenWeb.csvField(origin + $0) }
                try emit(origin + path)
            }
        }
    }
}
