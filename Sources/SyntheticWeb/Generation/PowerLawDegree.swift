/// Out-degrees drawn from a capped Pareto law with alpha 2: most pages have a
/// handful of links, a few have dozens (up to `cap`).
///
/// The scale is solved so that the *capped, floored* draw has the requested
/// mean exactly: E[min(floor(X), cap)] = Σ_{k=1…cap} P(X ≥ k) with
/// P(X ≥ k) = min(1, (scale/k)²). Alpha 2 keeps the inverse CDF to a `sqrt`,
/// which IEEE 754 rounds identically on every platform.
struct PowerLawDegree: Sendable {
    let scale: Double
    let cap: Int

    init(mean: Double) {
        cap = max(4, Int((mean * 8).rounded(.up)))
        guard mean > 0 else {
            scale = 0
            return
        }
        let cap = self.cap
        func expected(_ scale: Double) -> Double {
            var sum = 0.0
            for k in 1...cap {
                let ratio = scale / Double(k)
                sum += min(1, ratio * ratio)
            }
            return sum
        }
        var low = 0.0, high = Double(cap)
        for _ in 0..<64 {
            let middle = (low + high) / 2
            if expected(middle) < mean { low = middle } else { high = middle }
        }
        scale = (low + high) / 2
    }

    func draw(using rng: inout SplitMix64) -> Int {
        guard scale > 0 else { return 0 }
        let u = 1 - rng.unit()  // (0, 1]
        let x = scale / u.squareRoot()
        return x >= Double(cap) ? cap : Int(x)
    }
}
