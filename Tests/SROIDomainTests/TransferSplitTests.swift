import SROIDomain
import Testing

@Suite("Transfers split a report period")
struct TransferSplitTests {
    static func day(_ s: String) -> Day { Day(iso: s)! }
    let q1 = Term(start: Day(iso: "2026-01-01")!, end: Day(iso: "2026-03-31")!)!

    @Test("30% transferred from 1 February and 20% from 1 March: January keeps all, February 70%, March 50%")
    func twoTransfersInThePeriod() {
        // Act
        let parts = TransferSplit.ownParts(of: q1, transfers: [.init(shareBasisPoints: 3_000, from: Self.day("2026-02-01")),
                                                               .init(shareBasisPoints: 2_000, from: Self.day("2026-03-01"))])
        // Check
        #expect(parts.map { "\($0.window.start.iso)–\($0.window.end.iso) \($0.keptBasisPoints)" }
                == ["2026-01-01–2026-01-31 10000", "2026-02-01–2026-02-28 7000", "2026-03-01–2026-03-31 5000"])
    }

    @Test("A transfer effective before the period counts for all of it; shares above the whole keep nothing, never less")
    func beforeThePeriodAndOverTheWhole() {
        let before = TransferSplit.ownParts(of: q1, transfers: [.init(shareBasisPoints: 3_000, from: Self.day("2025-12-01"))])
        #expect(before.map(\.keptBasisPoints) == [7_000])
        #expect(before.first?.window == q1)
        let over = TransferSplit.ownParts(of: q1, transfers: [.init(shareBasisPoints: 6_000, from: Self.day("2026-01-01")),
                                                              .init(shareBasisPoints: 6_000, from: Self.day("2026-01-01"))])
        #expect(over.map(\.keptBasisPoints) == [0])
    }
}
