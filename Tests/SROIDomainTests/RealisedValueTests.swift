import SROIDomain
import Testing

@Suite("Realised value")
struct RealisedValueTests {
    @Test("Social contributions count up to 10% of the obligation: € 20.000 + min(€ 7.000, 10% × € 60.000 = € 6.000) = € 26.000")
    func contributionsAreCapped() {
        // Arrange
        let approved: [(block: BuildingBlock, value: Money)] = [(.employment, Money(euros: 20_000)), (.socialContribution, Money(euros: 4_000)),
                                                                (.socialContribution, Money(euros: 3_000))]
        // Act
        let r = RealisedValue.of(approved: approved, obligation: Money(euros: 60_000), contributionCap: .percent(10))
        // Check
        #expect(r.value == Money(euros: 26_000))
        #expect(r.contributionNote == ["Maatschappelijke bijdragen: € 7.000, begrensd op 10% van de verplichting van € 60.000 = € 6.000"])
    }

    @Test("Without contributions the approved value counts as it is, with no note")
    func noContributions() {
        let r = RealisedValue.of(approved: [(.training, Money(euros: 1_500))], obligation: Money(euros: 60_000), contributionCap: .percent(10))
        #expect(r.value == Money(euros: 1_500))
        #expect(r.contributionNote.isEmpty)
    }
}
