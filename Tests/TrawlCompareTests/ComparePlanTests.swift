import Testing
import TrawlCore
@testable import TrawlCompare

struct ComparePlanTests {
    static let workload = Workload(name: "w", summary: "", web: WebShape(), concurrencies: [16, 256])

    @Test func runsAreInterleavedAcrossModesWithinEachRepeat() {
        let plan = ComparePlan(modes: [.async, .threads, .pool], repeats: 2)
        #expect(plan.runs(of: Self.workload).map(\.label) == [
            "async c16 #1", "threads c16 #1", "pool c16 #1", "async c256 #1", "threads c256 #1", "pool c256 #1",
            "async c16 #2", "threads c16 #2", "pool c16 #2", "async c256 #2", "threads c256 #2", "pool c256 #2",
        ])
    }

    @Test func aRunsPerHostLimitDefaultsToItsConcurrency() {
        let plan = ComparePlan(modes: [.async], repeats: 1)
        let run = RunSpec(mode: .async, concurrency: 256, repeatIndex: 1)
        #expect(plan.crawlArguments(for: run, of: Self.workload, seedsFile: "s.txt", connectTo: "::127.0.0.1:9") == [
            "crawl", "s.txt", "--mode", "async", "--concurrency", "256", "--per-host", "256", "--quiet", "--no-state",
            "--connect-to", "::127.0.0.1:9", "--max-path-variants", "0", "--retry-on", "none",
        ])
    }

    @Test func processesRunsNameWorkersAndNeverMoreWorkersThanSlots() {
        let plan = ComparePlan(modes: [.processes], repeats: 1, workers: 4, workerMode: .pool)
        var workload = Self.workload
        workload.perHost = 2
        workload.maxPages = 100
        workload.crawlArguments = ["--timeout", "5"]
        let arguments = plan.crawlArguments(for: RunSpec(mode: .processes, concurrency: 2, repeatIndex: 1), of: workload,
                                            seedsFile: "s.txt", connectTo: nil)
        #expect(arguments == [
            "crawl", "s.txt", "--mode", "processes", "--concurrency", "2", "--per-host", "2", "--quiet", "--no-state",
            "--workers", "2", "--worker-mode", "pool", "--max-pages", "100", "--max-path-variants", "0",
            "--retry-on", "none", "--timeout", "5",
        ])
    }

    @Test func theTestHookDeniesPagesOnlyInItsMode() {
        let plan = ComparePlan(modes: [.async, .threads], repeats: 1, dropEdgesInMode: .threads)
        let threads = plan.crawlArguments(for: RunSpec(mode: .threads, concurrency: 4, repeatIndex: 1), of: Self.workload,
                                          seedsFile: "s", connectTo: nil)
        let async = plan.crawlArguments(for: RunSpec(mode: .async, concurrency: 4, repeatIndex: 1), of: Self.workload,
                                        seedsFile: "s", connectTo: nil)
        #expect(threads.contains(ComparePlan.droppedPages))
        #expect(!async.contains("--deny"))
    }

    @Test func everyPresetServesAWebAndRunsToCompletion() {
        for preset in WorkloadPreset.allCases {
            let workload = preset.workload
            #expect(workload.name == preset.rawValue)
            #expect(workload.web != nil && workload.runsToCompletion)
            #expect(workload.concurrencies.count == 3 && workload.concurrencies == workload.concurrencies.sorted())
        }
    }

    @Test func aWebShapeBecomesServeArguments() {
        var web = WebShape()
        web.nesting = 50
        web.latency = "10..300ms"
        #expect(web.serveArguments == [
            "--seed", "1", "--hosts", "20", "--pages", "100", "--latency", "10..300ms", "--page-size", "4096",
            "--out-degree", "8.0", "--cross-host", "0.1", "--nesting", "50",
        ])
        #expect(web.description == "20 hosts × 100 pages (2,000 pages), 4 KB pages, 8 links per page, latency 10..300ms, text nested 50 <div>s deep")
    }
}
