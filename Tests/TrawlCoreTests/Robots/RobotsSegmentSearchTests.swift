import Testing
@testable import TrawlCore

/// The linear-time search for one segment between stars.
struct RobotsSegmentSearchTests {
    private func search(_ segment: String, in path: String, from: Int = 0, to: Int? = nil,
                        budget: Int = .max) -> (RobotsSegmentSearch.Outcome, spent: Int) {
        let needle = Array(segment.utf8), text = Array(path.utf8)
        let border = RobotsRuleTable.borders(of: needle[...])
        var meter = RobotsWorkMeter(budget: budget)
        let outcome = needle.withUnsafeBufferPointer { needle in
            border.withUnsafeBufferPointer { border in
                text.withUnsafeBufferPointer { text in
                    RobotsSegmentSearch.leftmost(needle, border: border, in: text, from: from, to: to ?? text.count, meter: &meter)
                }
            }
        }
        return (outcome, meter.spent)
    }

    @Test func bordersAreKMPsFailureFunction() {
        #expect(RobotsRuleTable.borders(of: Array("abab".utf8)[...]) == [0, 0, 1, 2])
        #expect(RobotsRuleTable.borders(of: Array("aaab".utf8)[...]) == [0, 1, 2, 0])
        #expect(RobotsRuleTable.borders(of: Array("abacabab".utf8)[...]) == [0, 0, 1, 0, 1, 2, 3, 2])
        #expect(RobotsRuleTable.borders(of: Array("x".utf8)[...]) == [0])
    }

    @Test func theLeftmostOccurrenceIsFoundReadingEachByteOnce() {
        #expect(search("aab", in: "aaab") == (.found(1), 4))
        #expect(search("abab", in: "abaababab") == (.found(3), 7))
        #expect(search("x", in: "abcx") == (.found(3), 4))
        #expect(search("aaab", in: String(repeating: "a", count: 100)) == (.notFound, 100))
        #expect(search("q", in: "abc") == (.notFound, 3))
    }

    @Test func theOccurrenceMustLieWhollyInTheRange() {
        #expect(search("ab", in: "abxab", from: 1) == (.found(3), 4))
        #expect(search("ab", in: "abxab", from: 1, to: 4) == (.notFound, 3))
        #expect(search("abc", in: "abcabc", from: 4) == (.notFound, 0))  // too little room: nothing read
    }

    @Test func aSearchStopsWhereTheBudgetEnds() {
        #expect(search("b", in: "aaaaab", budget: 5) == (.outOfBudget, 5))
        #expect(search("b", in: "aaaaab", budget: 6) == (.found(5), 6))
        #expect(search("ab", in: "aaaaab", budget: 5) == (.outOfBudget, 5))
    }
}
