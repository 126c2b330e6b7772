import Testing
import TrawlCore
@testable import TrawlCompare

/// A run with made-up figures, for the statistics and outputs.
func sampleRun(_ mode: CrawlOptions.Mode, _ concurrency: Int, _ index: Int, pagesPerSecond: Double = 100,
               sha: String = "aaaa", failure: String? = nil) -> RunResult {
    RunResult(
        run: RunSpec(mode: mode, concurrency: concurrency, repeatIndex: index), exitStatus: "exited 0", failure: failure,
        pages: 60, bytes: 6_000_000, elapsedSeconds: 2, pagesPerSecond: pagesPerSecond, megabytesPerSecond: 3,
        latencyMs: LatencySummary(milliseconds: [10, 20, 30]), cpuUserSeconds: 1, cpuSystemSeconds: 0.5,
        cpuSecondsPer1000Pages: 25, peakRSSBytes: 50 << 20, peakThreads: 5, processes: 1, voluntaryContextSwitches: 10,
        involuntaryContextSwitches: 2, errors: 5, transportErrors: 2, httpErrors: 3, edges: 120, edgeSetSHA256: sha, serverCPUSeconds: 0.25)
}

struct SpreadTests {
    @Test func theMedianOfAnOddCountIsTheMiddleValue() {
        #expect(Spread([5, 1, 3]) == Spread(min: 1, median: 3, max: 5))
    }

    @Test func theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        #expect(Spread([4, 1, 2, 10]) == Spread(min: 1, median: 3, max: 10))
    }

    @Test func noValuesHaveNoSpread() {
        #expect(Spread([]) == nil)
    }
}

struct ConfigurationSummaryTests {
    @Test func failedRunsAreCountedButLeftOutOfTheFigures() {
        let runs = [
            sampleRun(.async, 16, 1, pagesPerSecond: 100), sampleRun(.async, 16, 2, pagesPerSecond: 300),
            sampleRun(.async, 16, 3, pagesPerSecond: 0, failure: "boom"), sampleRun(.threads, 16, 1, pagesPerSecond: 999),
        ]
        let summary = ConfigurationSummary(configuration: Configuration(mode: .async, concurrency: 16), results: runs)
        #expect(summary.runs == 3 && summary.failedRuns == 1)
        #expect(summary.pagesPerSecond == Spread(min: 100, median: 200, max: 300))
        #expect(summary.peakRSSBytes?.median == Double(50 << 20))
    }
}

struct FairnessCheckTests {
    @Test func runsMatchingTheTruthPass() {
        let check = FairnessCheck(results: [sampleRun(.async, 4, 1, sha: "t"), sampleRun(.pool, 4, 1, sha: "t")],
                                  runsToCompletion: true, truthSHA256: "t")
        #expect(check.passed && check.mismatches.isEmpty && check.reference == "ground truth")
    }

    @Test func aRunThatDiffersFromTheTruthIsNamed() {
        let check = FairnessCheck(results: [sampleRun(.async, 4, 1, sha: "t"), sampleRun(.threads, 4, 1, sha: "x")],
                                  runsToCompletion: true, truthSHA256: "t")
        #expect(!check.passed)
        #expect(check.mismatches.map(\.run) == ["threads c4 #1"])
        #expect(check.verdict.contains("threads c4 #1 (120 edges, sha256 x…)"))
    }

    @Test func withoutATruthTheMajorityHashIsTheReference() {
        let runs = [sampleRun(.async, 4, 1, sha: "m"), sampleRun(.threads, 4, 1, sha: "odd"), sampleRun(.pool, 4, 1, sha: "m")]
        let check = FairnessCheck(results: runs, runsToCompletion: true, truthSHA256: nil)
        #expect(check.referenceSHA256 == "m" && check.reference == "majority of runs")
        #expect(check.mismatches.map(\.run) == ["threads c4 #1"])
    }

    @Test func failedRunsAreNotJudged() {
        let check = FairnessCheck(results: [sampleRun(.async, 4, 1, sha: "t"), sampleRun(.pool, 4, 1, sha: "", failure: "died")],
                                  runsToCompletion: true, truthSHA256: "t")
        #expect(check.passed)
    }

    @Test func aCrawlCutByMaxPagesIsNotChecked() {
        let check = FairnessCheck(results: [sampleRun(.async, 4, 1, sha: "a"), sampleRun(.pool, 4, 1, sha: "b")],
                                  runsToCompletion: false, truthSHA256: nil)
        #expect(!check.applies && check.passed)
        #expect(check.verdict.hasPrefix("not checked"))
    }
}

struct CompareResultsTests {
    static func sample() -> CompareResults {
        let plan = ComparePlan(modes: [.async, .threads], repeats: 1)
        let workload = Workload(name: "custom", summary: "s", web: WebShape(), concurrencies: [4])
        let runs = [sampleRun(.async, 4, 1, failure: "a, \"quoted\" failure"), sampleRun(.threads, 4, 1)]
        return CompareResults(
            trawlVersion: "0.1.0", startedAt: "2026-11-29T00:00:00Z", elapsedSeconds: 3, command: "trawl compare",
            machine: MachineInfo(cores: 2, cpuModel: "cpu", memoryBytes: 1 << 30, kernel: "Linux", libcurl: "libcurl/7.88.1",
                                 libxml2: "2.9.14", trawlVersion: "0.1.0"),
            plan: plan, workloads: [.init(workload: workload, plan: plan, runs: runs, truthSHA256: "aaaa")], completed: true)
    }

    @Test func resultsSurviveAJSONRoundTrip() throws {
        let results = Self.sample()
        let text = try results.jsonText()
        #expect(text.contains("\"peak_rss_bytes\""))
        #expect(text.contains("\"edge_set_sha256\""))
        #expect(try CompareResults.decode(jsonText: text) == results)
    }

    @Test func theCSVHasOneRowPerRunAndQuotesWhatNeedsIt() {
        let lines = ResultsCSV.render(Self.sample()).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].split(separator: ",").count == ResultsCSV.header.count)
        #expect(lines[1].hasPrefix("custom,async,4,1,false,\"a, \"\"quoted\"\" failure\",60,6000000,"))
        #expect(lines[2].hasPrefix("custom,threads,4,1,true,,60,"))
    }

    @Test func theTableShowsMediansWithTheirRange() {
        let results = Self.sample()
        let table = SummaryTable(results.workloads[0], plan: results.plan)
        #expect(table.rows.count == 2)
        #expect(table.rows[0].last == "0 ok, 1 failed")
        #expect(table.rows[1][0...2] == ["threads", "4", "100"])
        #expect(SummaryTable.ranged(Spread(min: 1_000, median: 2_500, max: 3_000), digits: 0) == "2,500 (1,000–3,000)")
    }
}
