@testable import TrawlCore

/// A model of `--mode processes` for `TerminationDetector`: workers with
/// frontiers (decrease-key on a shorter path, fetches that take a while),
/// FIFO pipes both ways, and a coordinator that routes links (sometimes
/// holding them back a while) and drives the detector. One random enabled
/// action runs per step, so every interleaving the pipes allow can happen.
///
/// After every step it checks what the detector promises against the
/// model's full knowledge: "finished" only when nothing is pending anywhere,
/// and a ceiling never more than one level below the true smallest pending
/// depth. Every fetch is checked to happen at the page's true shortest
/// distance from the seeds.
struct ShardedCrawlModel {
    /// A random link graph whose pages live on hosts, hosts on shards.
    struct Graph {
        var shardOf: [Int]
        var links: [[Int]]
        var seeds: [Int]
        /// Breadth-first distance from the seeds; nil when unreachable.
        var distance: [Int?]

        init(pages: Int, hosts: Int, shards: Int, using random: inout SeededGenerator) {
            let map = ShardMap(shards: shards)
            let hostOf = (0..<pages).map { _ in Int.random(in: 0..<hosts, using: &random) }
            shardOf = hostOf.map { map.shard(ofHostKey: "http://h\($0).model.test") }
            links = (0..<pages).map { page in
                (0..<Int.random(in: 0...5, using: &random)).map { _ in
                    // Mostly links within the host, as on real sites.
                    var target = Int.random(in: 0..<pages, using: &random)
                    for _ in 0..<8 where Double.random(in: 0..<1, using: &random) < 0.7 && hostOf[target] != hostOf[page] {
                        target = Int.random(in: 0..<pages, using: &random)
                    }
                    return target
                }
            }
            seeds = (0..<Int.random(in: 1...3, using: &random)).map { _ in Int.random(in: 0..<pages, using: &random) }
            distance = Array(repeating: nil, count: pages)
            var level = Array(Set(seeds))
            for seed in level { distance[seed] = 0 }
            var depth = 0
            while !level.isEmpty {
                depth += 1
                var next: [Int] = []
                for page in level {
                    for target in links[page] where distance[target] == nil {
                        distance[target] = depth
                        next.append(target)
                    }
                }
                level = next
            }
        }
    }

    struct Link: Equatable {
        var page: Int
        var depth: Int
    }

    enum ToWorker {
        case discover([Link])
        case ceiling(Int)
    }

    enum ToCoordinator {
        case links([Link])
        case status(ShardStatus)
    }

    struct Worker {
        enum State { case queued, inFlight, done }
        var known: [Int: (depth: Int, state: State)] = [:]
        var queued: Set<Int> = []
        var inFlight: [Int] = []
        var ceiling: Int?
        var batchesReceived = 0
        var pagesDone = 0
        var statusDue = true
        /// Coordinator → worker pipe.
        var inbox: [ToWorker] = []
        /// Worker → coordinator pipe.
        var outbox: [ToCoordinator] = []

        var minPendingDepth: Int? {
            (queued.lazy.map { known[$0]!.depth } + inFlight.lazy.map { known[$0]!.depth }).min()
        }

        var status: ShardStatus {
            ShardStatus(idle: queued.isEmpty && inFlight.isEmpty, batchesReceived: batchesReceived, minPendingDepth: minPendingDepth, pagesDone: pagesDone)
        }
    }

    enum Action {
        case workerReads(Int), workerDispatches(Int), workerCompletes(Int), workerReports(Int)
        case coordinatorReads(Int), coordinatorFlushes
    }

    let graph: Graph
    var workers: [Worker]
    var detector: TerminationDetector
    var unrouted: [Link] = []
    var random: SeededGenerator
    let maxInFlight: Int
    let holdProbability: Double
    /// Depth at which each page was fetched; a page fetched twice fails.
    var fetchedAt: [Int: Int] = [:]
    var steps = 0
    /// Broken promises, first few only; empty when the detector is right.
    private(set) var violations: [String] = []

    init(seed: UInt64, pages: Int, hosts: Int, shards: Int) {
        random = SeededGenerator(seed: seed)
        graph = Graph(pages: pages, hosts: hosts, shards: shards, using: &random)
        workers = Array(repeating: Worker(), count: shards)
        detector = TerminationDetector(shards: shards)
        maxInFlight = Int.random(in: 1...4, using: &random)
        holdProbability = [0, 0.3, 0.8].randomElement(using: &random)!
        route(graph.seeds.map { Link(page: $0, depth: 0) })
        announceCeiling()
    }

    /// Runs until the detector declares the crawl finished, checking every
    /// step; returns false if `maxSteps` ran out first.
    mutating func run(maxSteps: Int) -> Bool {
        while steps < maxSteps {
            if detector.isFinished { return true }
            let actions = enabledActions()
            guard let action = actions.randomElement(using: &random) else {
                violation("deadlock: nothing can happen and the detector is not finished (step \(steps))")
                return false
            }
            perform(action)
            steps += 1
            checkInvariants()
        }
        return detector.isFinished
    }

    // MARK: - Scheduling

    private func enabledActions() -> [Action] {
        var actions: [Action] = []
        for (index, worker) in workers.enumerated() {
            if !worker.inbox.isEmpty { actions.append(.workerReads(index)) }
            if worker.inFlight.count < maxInFlight, let ceiling = worker.ceiling,
               worker.queued.contains(where: { worker.known[$0]!.depth <= ceiling }) {
                actions.append(.workerDispatches(index))
            }
            if !worker.inFlight.isEmpty { actions.append(.workerCompletes(index)) }
            if worker.statusDue { actions.append(.workerReports(index)) }
            if !worker.outbox.isEmpty { actions.append(.coordinatorReads(index)) }
        }
        if !unrouted.isEmpty { actions.append(.coordinatorFlushes) }
        return actions
    }

    private mutating func perform(_ action: Action) {
        switch action {
        case .workerReads(let index):
            switch workers[index].inbox.removeFirst() {
            case .discover(let links):
                for link in links { discover(link, in: index) }
                workers[index].batchesReceived += 1
            case .ceiling(let ceiling):
                workers[index].ceiling = max(ceiling, workers[index].ceiling ?? ceiling)
            }
            workers[index].statusDue = true
        case .workerDispatches(let index):
            let ceiling = workers[index].ceiling!
            let eligible = workers[index].queued.filter { workers[index].known[$0]!.depth <= ceiling }.sorted()
            let page = eligible.randomElement(using: &random)!
            let depth = workers[index].known[page]!.depth
            workers[index].queued.remove(page)
            workers[index].inFlight.append(page)
            workers[index].known[page]!.state = .inFlight
            if fetchedAt[page] != nil { violation("page \(page) fetched twice") }
            if depth != graph.distance[page] { violation("page \(page) fetched at depth \(depth), its distance is \(String(describing: graph.distance[page])) (ceiling \(ceiling))") }
            fetchedAt[page] = depth
        case .workerCompletes(let index):
            let position = Int.random(in: 0..<workers[index].inFlight.count, using: &random)
            let page = workers[index].inFlight.remove(at: position)
            let depth = workers[index].known[page]!.depth
            workers[index].known[page]!.state = .done
            workers[index].pagesDone += 1
            var elsewhere: [Link] = []
            for target in graph.links[page] {
                let link = Link(page: target, depth: depth + 1)
                if graph.shardOf[target] == index { discover(link, in: index) } else { elsewhere.append(link) }
            }
            if !elsewhere.isEmpty { workers[index].outbox.append(.links(elsewhere)) }
            workers[index].statusDue = true
        case .workerReports(let index):
            workers[index].outbox.append(.status(workers[index].status))
            workers[index].statusDue = false
        case .coordinatorReads(let index):
            switch workers[index].outbox.removeFirst() {
            case .links(let links):
                if Double.random(in: 0..<1, using: &random) < holdProbability {
                    unrouted += links
                } else {
                    route(links)
                }
            case .status(let status):
                do {
                    try detector.received(status, from: index)
                } catch {
                    violation("status refused: \(error)")
                }
            }
            detector.setUnrouted(minDepth: unrouted.map(\.depth).min())
            announceCeiling()
        case .coordinatorFlushes:
            let held = unrouted
            unrouted = []
            route(held)
            detector.setUnrouted(minDepth: nil)
            announceCeiling()
        }
    }

    private mutating func discover(_ link: Link, in index: Int) {
        guard let known = workers[index].known[link.page] else {
            workers[index].known[link.page] = (link.depth, .queued)
            workers[index].queued.insert(link.page)
            return
        }
        switch known.state {
        case .queued:
            if link.depth < known.depth { workers[index].known[link.page]!.depth = link.depth }
        case .inFlight, .done:
            if link.depth < known.depth { violation("page \(link.page) reached at depth \(link.depth) after its fetch at depth \(known.depth)") }
        }
    }

    /// Sends links to their owners, one batch per shard.
    private mutating func route(_ links: [Link]) {
        var batches: [Int: [Link]] = [:]
        for link in links { batches[graph.shardOf[link.page], default: []].append(link) }
        for shard in batches.keys.sorted() {
            let batch = batches[shard]!
            workers[shard].inbox.append(.discover(batch))
            detector.sentBatch(to: shard, minDepth: batch.map(\.depth).min())
        }
    }

    private mutating func announceCeiling() {
        guard let ceiling = detector.takeCeilingIncrease() else { return }
        for index in workers.indices { workers[index].inbox.append(.ceiling(ceiling)) }
    }

    // MARK: - What the detector promises

    private mutating func violation(_ message: String) {
        if violations.count < 5 { violations.append(message) }
    }

    /// The smallest depth truly pending anywhere, from the model's full view.
    private var trueMinPendingDepth: Int? {
        var depths = unrouted.map(\.depth)
        for worker in workers {
            if let depth = worker.minPendingDepth { depths.append(depth) }
            for message in worker.inbox { if case .discover(let links) = message { depths += links.map(\.depth) } }
            for message in worker.outbox { if case .links(let links) = message { depths += links.map(\.depth) } }
        }
        return depths.min()
    }

    private mutating func checkInvariants() {
        let truth = trueMinPendingDepth
        if detector.isFinished {
            if truth != nil { violation("finished early at step \(steps): depth \(truth ?? -1) still pending") }
        }
        if let truth, let ceiling = detector.depthCeiling {
            if ceiling > truth + 1 { violation("ceiling \(ceiling) above the true minimum \(truth) + 1 at step \(steps)") }
        }
        if truth != nil {
            if detector.depthCeiling == nil { violation("work pending but no ceiling at step \(steps)") }
        }
    }

    /// Every reachable page was fetched exactly once, no other page was.
    var fetchedExactlyTheReachablePages: Bool {
        Set(fetchedAt.keys) == Set(graph.distance.indices.filter { graph.distance[$0] != nil })
    }
}
