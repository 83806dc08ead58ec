import Testing
import SROIDomain

/// From award on a contract keeps its policy version, counts for its supplier and can be reported on.
@Suite("Contract status")
struct ContractStatusTests {
    @Test("Awarded, running and ended are awarded; planned and in tender are not; the stored values in that order")
    func awardedStatuses() {
        // Arrange / Act
        let awarded = ContractStatus.allCases.filter(\.isAwarded)

        // Check
        #expect(awarded == [.awarded, .running, .ended])
        #expect(ContractStatus.awardedRawValues == ["awarded", "running", "ended"])
        #expect(!ContractStatus.planned.isAwarded && !ContractStatus.inTender.isAwarded)
    }
}
