/// A host's robots.txt rules as the journal keeps them: each rule's kind,
/// canonical pattern bytes and anchor, then the Crawl-delay. Bytes, not the
/// file: rules are what the crawl obeyed, and a resumed crawl must obey the
/// same ones whatever the site serves now.
extension RobotsRules {
    var journalBytes: [UInt8] {
        var writer = WireWriter()
        writer.count(rules.count)
        for rule in rules {
            writer.bool(rule.kind == .allow)
            writer.data(rule.bytes)
            writer.bool(rule.anchored)
        }
        writer.bool(crawlDelay != nil)
        if let crawlDelay { writer.double(crawlDelay) }
        return writer.bytes
    }

    init(journalBytes bytes: [UInt8]) throws {
        var rules: [RobotsRule] = []
        var crawlDelay: Double?
        try bytes.withUnsafeBytes { buffer in
            var reader = WireReader(buffer, context: "robots rules")
            let count = try reader.count("rule count", minimumElementSize: 3)
            for _ in 0..<count {
                let allow = try reader.bool("kind")
                var pattern = try reader.data("pattern")
                if try reader.bool("anchored") { pattern.append(RobotsByte.dollar) }
                guard let rule = RobotsRule(allow ? .allow : .disallow, pattern: pattern) else {
                    throw reader.failure("an empty pattern")
                }
                rules.append(rule)
            }
            if try reader.bool("crawlDelay") { crawlDelay = try reader.double("crawlDelay") }
            try reader.expectEnd()
        }
        self.init(rules: rules, crawlDelay: crawlDelay)
    }
}
