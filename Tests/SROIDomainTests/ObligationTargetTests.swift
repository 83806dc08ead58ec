import SROIDomain
import Testing

/// Obligations in other units than euros, over a two-year term (1 January 2026 – 31 December 2027, 730 days), with
/// the municipal thresholds: green from 90% of expected, amber from 60%.
@Suite("Obligations in jobs, placements and effort")
struct ObligationTargetTests {
    static func day(_ s: String) -> Day { Day(iso: s)! }
    static let term = Term(start: day("2026-01-01"), end: day("2027-12-31"))!
    static let scheme = ValuationScheme.haaglanden2023
    static let twoJobs = ObligationTarget.jobs(PersonTarget(count: 2, targetGroup: .banenafspraak, minimumHoursPerWeek: Hours(hundredths: 2_550)))

    static func progress(_ t: ObligationTarget, today: String, _ placements: [TargetPlacement]) -> TargetProgress {
        TargetProgressCalculator.progress(t, scheme: scheme, term: term, today: day(today), placements: placements,
                                          green: .percent(90), amber: .percent(60))
    }

    @Test("2 banenafspraak jobs: on 30 June one held since 1 January (181 days) and one since 1 April (91): 272 / 181 = 1,50 jobs, 75,14% of expected, amber")
    func jobsHeld() {
        // Arrange
        let held = [TargetPlacement(start: Self.day("2026-01-01"), end: nil, verified: true),
                    TargetPlacement(start: Self.day("2026-04-01"), end: nil, verified: true),
                    TargetPlacement(start: Self.day("2026-06-01"), end: nil, verified: false, pending: true)]
        // Act
        let p = Self.progress(Self.twoJobs, today: "2026-06-30", held)
        // Check: 272.000 / 181 = 1.502,8 thousandths; 272 × 10.000 / (2 × 181) = 7.513,8 basis points.
        #expect(p.realisedThousandths == 1_503)
        #expect(p.pendingThousandths == 166) // 30 days / 181
        #expect(p.expectedThousandths == 2_000)
        #expect(p.shareOfExpected?.basisPoints == 7_514)
        #expect(p.status == .amber)
        #expect(p.explanation.first == "Afgesproken: 2 banen (banenafspraak (doelgroepregister), minstens 25,5 uur per week) gedurende de looptijd.")
        #expect(p.explanation.contains("Bezet sinds de start: 272 baandagen / 181 dagen = gemiddeld 1,5 van 2 banen."))
    }

    @Test("Both jobs held the whole term are complete at its end; an ended placement stops counting on its last day")
    func jobsComplete() {
        let whole = [TargetPlacement(start: Self.day("2025-10-01"), end: nil, verified: true),
                     TargetPlacement(start: Self.day("2026-01-01"), end: nil, verified: true)]
        #expect(Self.progress(Self.twoJobs, today: "2027-12-31", whole).status == .complete)
        // One job ended on 31 January: 31 + 181 = 212 job-days by 30 June: 212 / 362 = 58,56%, red.
        let ended = [TargetPlacement(start: Self.day("2026-01-01"), end: Self.day("2026-01-31"), verified: true),
                     TargetPlacement(start: Self.day("2026-01-01"), end: nil, verified: true)]
        let p = Self.progress(Self.twoJobs, today: "2026-06-30", ended)
        #expect(p.shareOfExpected?.basisPoints == 5_856)
        #expect(p.status == .red)
    }

    @Test("4 apprenticeships: halfway (365 of 730 days) 2 are expected; 1 approved is 50%, red; one started before the term does not count")
    func placementsStarted() {
        let t = ObligationTarget.placements(PersonTarget(count: 4, block: .apprenticeship))
        let p = Self.progress(t, today: "2026-12-31", [
            TargetPlacement(start: Self.day("2026-09-01"), end: nil, verified: true),
            TargetPlacement(start: Self.day("2025-12-01"), end: nil, verified: true),
            TargetPlacement(start: Self.day("2026-11-01"), end: nil, verified: false, pending: true),
        ])
        #expect(p.expectedThousandths == 2_000)
        #expect(p.realisedThousandths == 1_000)
        #expect(p.pendingThousandths == 1_000)
        #expect(p.shareOfExpected?.basisPoints == 5_000)
        #expect(p.status == .red)
        #expect(p.explanation.contains("Verwacht op 31 december 2026: 4 × 365/730 dagen = 2; gestart en goedgekeurd: 1."))
    }

    @Test("A plan of approach: on 1 July 1 of 2 due milestones met is 50%, red; the second met makes it green; all three complete")
    func effort() {
        var milestones = [Milestone(title: "Plan van aanpak besproken", due: Self.day("2026-03-01"), metOn: Self.day("2026-02-20")),
                          Milestone(title: "Drie leerwerkplekken ingericht", due: Self.day("2026-06-01")),
                          Milestone(title: "Eerste evaluatie met het WSP", due: Self.day("2026-12-01"))]
        #expect(Self.progress(.effort(milestones), today: "2026-07-01", []).status == .red)
        milestones[1].metOn = Self.day("2026-07-01")
        let green = Self.progress(.effort(milestones), today: "2026-07-01", [])
        #expect(green.status == .green && green.realisedThousandths == 2_000 && green.expectedThousandths == 2_000)
        milestones[2].metOn = Self.day("2026-11-15")
        #expect(Self.progress(.effort(milestones), today: "2026-11-20", []).status == .complete)
        #expect(Self.progress(.effort([Milestone(title: "Later", due: Self.day("2027-01-01"))]), today: "2026-07-01", []).status == .notStarted)
    }

    @Test("Which placements count: the group (or the doelgroepregister for banenafspraak), the block and the hours")
    func whatCounts() {
        let t = PersonTarget(count: 2, targetGroup: .banenafspraak, minimumHoursPerWeek: Hours(hundredths: 2_550))
        #expect(t.counts(block: .employment, group: .banenafspraak, register: true, hoursPerWeek: Hours(whole: 26)))
        #expect(t.counts(block: .employment, group: .disabilityBenefit, register: true, hoursPerWeek: Hours(whole: 26)))
        #expect(!t.counts(block: .employment, group: .jobSeeker, register: false, hoursPerWeek: Hours(whole: 36)))
        #expect(!t.counts(block: .employment, group: .banenafspraak, register: true, hoursPerWeek: Hours(whole: 20)))
        let apprenticeships = PersonTarget(count: 4, block: .apprenticeship)
        #expect(!apprenticeships.counts(block: .internship, group: .studentMboHbo, register: false, hoursPerWeek: Hours(whole: 20)))
    }

    @Test("A target owes no euros and says so; a target is checked by field")
    func noEurosAndChecks() {
        let computed = ObligationCalculator.calculate(ContractTerms(value: Money(euros: 1_000_000), wageSum: nil, kind: .dienst, term: Self.term),
                                                      policy: .municipalDefault)
        let effective = EffectiveObligation(computed: computed, override: nil, target: Self.twoJobs,
                                            targetDescription: Self.twoJobs.description(scheme: Self.scheme))
        #expect(computed.amount == Money(euros: 50_000))
        #expect(effective.amount == .zero)
        #expect(effective.explanation.last?.hasPrefix("De verplichting is afgesproken als 2 banen") == true)
        #expect(ObligationTarget.jobs(PersonTarget(count: 0)).problems(term: Self.term).map(\.field) == ["count"])
        #expect(ObligationTarget.effort([Milestone(title: "", due: Self.day("2029-01-01"))]).problems(term: Self.term).map(\.field)
            == ["milestones.0.title", "milestones.0.due"])
    }
}

@Suite("Personal data in a text meant for publication")
struct PersonalDataCheckTests {
    @Test("A BSN (111222333 passes the elfproef, also as 111.222.333), a phone number and an e-mail address are found; amounts and years are not")
    func found() {
        #expect(PersonalDataCheck.problems(in: "Kandidaat 111222333 is gestart") == ["de tekst lijkt een BSN te bevatten"])
        #expect(PersonalDataCheck.problems(in: "BSN 111.222.333") == ["de tekst lijkt een BSN te bevatten"])
        #expect(PersonalDataCheck.problems(in: "Bel 06 1234 5678") == ["de tekst lijkt een telefoonnummer te bevatten"])
        #expect(PersonalDataCheck.problems(in: "Mail jan@example.nl") == ["de tekst lijkt een e-mailadres te bevatten"])
        #expect(PersonalDataCheck.problems(in: "In 2026 kregen 12 mensen een baan; samen € 250.000 aan social return, 123456789 niet.").isEmpty)
    }
}
