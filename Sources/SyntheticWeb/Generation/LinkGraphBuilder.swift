/// Draws the link graph of a generated web from its config.
///
/// Every page has its own random stream, keyed by (seed, purpose, host,
/// page), so a page's links do not depend on the order pages are built in.
struct LinkGraphBuilder {
    let config: SyntheticWebConfig

    /// Shares of drawn links that become something other than a page link.
    /// Small, but a 100-page host still gets a dozen of each.
    static let missingShare = 0.02
    static let redirectShare = 0.02
    static let errorShare = 0.01
    static let outOfScopeShare = 0.04  // elsewhere, mailto, javascript, #top alike
    /// Share of pages with a `<base href>`; the root page gets one more often,
    /// because only there does the base change what relative links mean.
    static let baseShare = 0.1
    static let rootBaseShare = 0.5

    private enum Purpose: UInt64 { case tree = 1, links = 2 }

    func build() -> LinkGraph {
        let hosts = config.hosts, perHost = config.pagesPerHost, total = hosts * perHost
        let children = treeChildren()
        // Tree links give each page (n-1)/n links on average; the power law
        // supplies the rest of the mean.
        let treeMean = Double(perHost - 1) / Double(perHost)
        let degree = PowerLawDegree(mean: max(0, config.meanOutDegree - treeMean))

        var starts = [Int](), links = [GeneratedLink](), hasBase = [Bool]()
        starts.reserveCapacity(total + 1)
        hasBase.reserveCapacity(total)
        links.reserveCapacity(Int(Double(total) * (config.meanOutDegree + 1)))
        for host in 0..<hosts {
            for page in 0..<perHost {
                var rng = stream(.links, host: host, page: page)
                let base = rng.chance(page == 0 ? Self.rootBaseShare : Self.baseShare)
                let first = links.count
                starts.append(first)
                hasBase.append(base)
                let g = host * perHost + page
                for child in children.values[children.starts[g]..<children.starts[g + 1]] {
                    links.append(pageLink(host: host, page: child, sameHost: true, rng: &rng))
                }
                for _ in 0..<degree.draw(using: &rng) {
                    links.append(drawnLink(from: host, hasBase: base, rng: &rng))
                }
                // Tree links land anywhere in the page, not always first.
                for i in stride(from: links.count - 1, to: first, by: -1) {
                    links.swapAt(i, first + rng.below(i - first + 1))
                }
            }
        }
        starts.append(links.count)
        return LinkGraph(pagesPerHost: perHost, starts: starts, links: links, hasBase: hasBase)
    }

    /// Each page i > 0 hangs under a uniformly chosen earlier page of its
    /// host (a random recursive tree: depth grows like log n), returned as
    /// children lists in compressed-row form over global page numbers.
    private func treeChildren() -> (starts: [Int], values: [Int]) {
        let hosts = config.hosts, perHost = config.pagesPerHost, total = hosts * perHost
        var parent = [Int](repeating: -1, count: total)
        var counts = [Int](repeating: 0, count: total + 1)
        for host in 0..<hosts {
            for page in 1..<max(1, perHost) {
                var rng = stream(.tree, host: host, page: page)
                let p = host * perHost + rng.below(page)
                parent[host * perHost + page] = p
                counts[p + 1] += 1
            }
        }
        for g in 0..<total { counts[g + 1] += counts[g] }
        var next = counts, values = [Int](repeating: 0, count: total)
        for g in 0..<total where parent[g] >= 0 {
            values[next[parent[g]]] = g % perHost
            next[parent[g]] += 1
        }
        return (counts, values)
    }

    private func drawnLink(from host: Int, hasBase: Bool, rng: inout SplitMix64) -> GeneratedLink {
        let perHost = config.pagesPerHost
        var roll = rng.unit()
        func take(_ share: Double) -> Bool {
            defer { roll -= share }
            return roll < share
        }
        let variant = UInt8(truncatingIfNeeded: rng.next())
        if take(Self.missingShare) {
            return special(.missing, host: host, number: rng.below(1_000), rng: &rng)
        }
        if take(Self.redirectShare) {
            return special(.redirect, host: host, number: rng.below(perHost), rng: &rng)
        }
        if take(Self.errorShare) {
            return special(.error, host: host, number: rng.below(100), rng: &rng)
        }
        if take(Self.outOfScopeShare) {
            let kinds: [GeneratedLink.Kind] = [.elsewhere, .mailto, .javascript, .selfFragment]
            var kind = kinds[rng.below(kinds.count)]
            // Under <base href=/page/>, "#top" would resolve to the base
            // (/page/), not to the page itself: never write it there.
            if kind == .selfFragment && hasBase { kind = .elsewhere }
            return GeneratedLink(kind: kind, form: .absolute, variant: variant, host: 0, number: 0)
        }
        var target = host
        if config.hosts > 1 && rng.chance(config.crossHostShare) {
            target = (host + 1 + rng.below(config.hosts - 1)) % config.hosts
        }
        // Popularity skews towards low page numbers (density ∝ 1/√x).
        let u = rng.unit()
        let page = min(perHost - 1, Int(Double(perHost) * u * u))
        return pageLink(host: target, page: page, sameHost: target == host, rng: &rng)
    }

    private func pageLink(host: Int, page: Int, sameHost: Bool, rng: inout SplitMix64) -> GeneratedLink {
        let form = LinkForm.pick(sameHost: sameHost, using: &rng)
        let variant = UInt8(truncatingIfNeeded: rng.next())
        return GeneratedLink(kind: .page, form: form, variant: variant, host: UInt32(host), number: UInt32(page))
    }

    private func special(_ kind: GeneratedLink.Kind, host: Int, number: Int, rng: inout SplitMix64) -> GeneratedLink {
        let form = LinkForm.pick(sameHost: true, using: &rng)
        let variant = UInt8(truncatingIfNeeded: rng.next())
        return GeneratedLink(kind: kind, form: form, variant: variant, host: UInt32(host), number: UInt32(number))
    }

    private func stream(_ purpose: Purpose, host: Int, page: Int) -> SplitMix64 {
        SplitMix64(seed: StableHash.combine(config.seed, purpose.rawValue, UInt64(host), UInt64(page)))
    }
}
