import SROIDomain
import Testing

/// The candidate's path: a step up the ladder is progression, not a revolving door (docs/rules.md, section 6).
@Suite("The ladder from day activities to a job")
struct LadderTests {
    static func day(_ s: String) -> Day { Day(iso: s)! }
    static func span(_ id: String, _ block: BuildingBlock, hours: Int64, _ start: String, _ end: String?, _ outcome: PlacementOutcome? = .ended,
                     permanent: Bool = false) -> PlacementSpan {
        PlacementSpan(id: id, candidate: "K1", start: day(start), end: end.map(day), outcome: outcome,
                      step: LadderStep(block: block, hoursPerWeek: Hours(whole: hours), permanent: permanent))
    }
    static let today = day("2027-12-31")

    @Test("Day activities, a work-experience place, an apprenticeship and a job, each ended before the next: four steps up, no revolving door")
    func aPathUp() {
        // Arrange: each placement ends without a durable outcome and the next starts within 24 months.
        let path = [Self.span("1", .dayActivities, hours: 12, "2025-01-01", "2025-06-30"),
                    Self.span("2", .workExperience, hours: 20, "2025-07-01", "2025-12-31"),
                    Self.span("3", .apprenticeship, hours: 32, "2026-01-01", "2026-12-31"),
                    Self.span("4", .employment, hours: 24, "2027-01-01", nil, nil)]
        // Act
        let doors = Durability.revolvingDoors(path, on: Self.today)
        // Check
        #expect(doors.isEmpty)
    }

    @Test("The same job again after 24 hours ended is a revolving door; more hours or a permanent contract is a step up")
    func sameStepAgain() {
        let first = Self.span("1", .employment, hours: 24, "2026-01-01", "2026-06-30")
        #expect(Durability.revolvingDoors([first, Self.span("2", .employment, hours: 24, "2026-09-01", nil, nil)], on: Self.today) == ["2"])
        #expect(Durability.revolvingDoors([first, Self.span("2", .employment, hours: 32, "2026-09-01", nil, nil)], on: Self.today).isEmpty)
        #expect(Durability.revolvingDoors([first, Self.span("2", .employment, hours: 24, "2026-09-01", nil, nil, permanent: true)], on: Self.today).isEmpty)
        // A step down is a door: a job ended, then a work-experience place.
        #expect(Durability.revolvingDoors([first, Self.span("2", .workExperience, hours: 20, "2026-09-01", nil, nil)], on: Self.today) == ["2"])
    }

    @Test("A placement that continued or ended in education is no failed one: the next placement is no door")
    func goodEndings() {
        for outcome in [PlacementOutcome.continued, .education] {
            let spans = [Self.span("1", .employment, hours: 24, "2026-01-01", "2026-06-30", outcome),
                         Self.span("2", .employment, hours: 24, "2026-09-01", nil, nil)]
            #expect(Durability.revolvingDoors(spans, on: Self.today).isEmpty, "\(outcome)")
        }
        // Without a step known, the old rule holds.
        let unknown = [PlacementSpan(id: "1", candidate: "K", start: Self.day("2026-01-01"), end: Self.day("2026-03-31"), outcome: .ended),
                       PlacementSpan(id: "2", candidate: "K", start: Self.day("2026-05-01"), end: nil, outcome: nil)]
        #expect(Durability.revolvingDoors(unknown, on: Self.today) == ["2"])
    }

    @Test("The rungs: day activities 0, work experience 1, internship and apprenticeship 2, employment 3; an own block by its unit")
    func rungs() {
        var scheme = ValuationScheme.haaglanden2023
        scheme.ownBuildingBlocks = [OwnBuildingBlock(key: "leerbaan", name: "Leerbaan", unit: .perYear, value: Money(euros: 10_000)),
                                    OwnBuildingBlock(key: "buddy", name: "Buddy", unit: .perMonth, value: Money(euros: 300))]
        let h = Hours(whole: 20)
        #expect([BuildingBlock.dayActivities, .workExperience, .internship, .apprenticeship, .employment].map { LadderStep(block: $0, hoursPerWeek: h, permanent: false).rank }
            == [0, 1, 2, 2, 3])
        #expect(LadderStep(block: .own("leerbaan"), hoursPerWeek: h, permanent: false, scheme: scheme).rank == 3)
        #expect(LadderStep(block: .own("buddy"), hoursPerWeek: h, permanent: false, scheme: scheme).rank == 1)
    }
}
