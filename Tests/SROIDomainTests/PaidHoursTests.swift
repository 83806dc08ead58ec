import Foundation
import SROIDomain
import Testing

/// Valuing a placement by the hours actually paid, and what hours are plausible. Every figure worked out by hand:
/// Participatiewet is € 40.000 a year (4.000.000 cents), full time is 36 hours, and a paid hour is worth
/// yearly × 7 / (36 × 365), so value in cents = 4.000.000 × paid hundredths × 7 / (3.600 × 365 = 1.314.000).
@Suite("Paid hours")
struct PaidHoursTests {
    let scheme = ValuationScheme.haaglanden2023
    let contract = PaidHoursTests.term("2026-01-01", "2028-12-31")

    static func term(_ a: String, _ b: String) -> Term { Term(start: Day(iso: a)!, end: Day(iso: b)!)! }
    func day(_ s: String) -> Day { Day(iso: s)! }

    /// 24 hours a week from 1 March to 30 November 2026, Participatiewet.
    func placement(paid: [PaidHours]) -> PlacementFacts {
        PlacementFacts(block: .employment, targetGroup: .socialAssistance, hoursPerWeek: Hours(whole: 24),
                       start: day("2026-03-01"), end: day("2026-11-30"), paidHours: paid)
    }

    @Test("80 paid hours in March count as 80 hours: 4.000.000 × 8.000 × 7 / 1.314.000 = 170.471,8 cents → € 1.704,72")
    func paidHoursWithinTheContract() {
        // Arrange
        let p = placement(paid: [PaidHours(period: Self.term("2026-03-01", "2026-03-31"), hours: Hours(whole: 80))])
        // Act
        let v = PlacementValuation.value(p, scheme: scheme, contract: contract, window: Self.term("2026-03-01", "2026-03-31"))
        // Check
        #expect(v.value == Money(cents: 170_472))
        #expect(v.explanation == ["Participatiewet: 80 verloonde uren over 31 dagen × € 40.000 per jaar / (36 uur × 365/7 dagen) = € 1.704,72"])
    }

    @Test("150 paid hours in March count for at most 24 × 31/7 = 106,29 hours: 4.000.000 × 10.629 × 7 / 1.314.000 → € 2.264,93")
    func neverMoreThanContracted() {
        let p = placement(paid: [PaidHours(period: Self.term("2026-03-01", "2026-03-31"), hours: Hours(whole: 150))])
        let v = PlacementValuation.value(p, scheme: scheme, contract: contract, window: Self.term("2026-03-01", "2026-03-31"))
        // 297.612.000.000 / 1.314.000 = 226.493,15 cents.
        #expect(v.value == Money(cents: 226_493))
        #expect(v.explanation.first == "Participatiewet: 106,29 verloonde uren over 31 dagen × € 40.000 per jaar / (36 uur × 365/7 dagen) = € 2.264,93")
        #expect(v.explanation.contains("Verloonde uren boven de contracturen (24 uur per week) tellen niet mee."))
    }

    @Test("Q2 with only April paid: the 61 days of May and June count on the contracted hours, or not at all")
    func daysWithoutPaidHoursFollowThePolicy() {
        // Arrange: 100 hours in April (cap 24 × 30/7 = 102,86, so all count).
        let p = placement(paid: [PaidHours(period: Self.term("2026-04-01", "2026-04-30"), hours: Hours(whole: 100))])
        let q2 = Self.term("2026-04-01", "2026-06-30")
        // Act
        let counted = PlacementValuation.value(p, scheme: scheme, contract: contract, window: q2, unpaid: .contractedHours)
        let notCounted = PlacementValuation.value(p, scheme: scheme, contract: contract, window: q2, unpaid: .notCounted)
        // Check: paid 4.000.000 × 10.000 × 7 / 1.314.000 = 213.089,8 → € 2.130,90;
        // unpaid 4.000.000 × 2.400 × 61 / (3.600 × 365) = 445.662,1 → € 4.456,62; together € 6.587,52.
        #expect(counted.value == Money(cents: 658_752))
        #expect(counted.explanation == [
            "Participatiewet: 100 verloonde uren over 30 dagen × € 40.000 per jaar / (36 uur × 365/7 dagen) = € 2.130,90",
            "61 dagen zonder verloonde uren, op de contracturen: € 40.000 per jaar × 24/36 uur × 61/365 dagen = € 4.456,62",
            "Totaal: € 6.587,52",
        ])
        #expect(notCounted.value == Money(cents: 213_090))
        #expect(notCounted.explanation.contains("61 dagen zonder verloonde uren tellen niet mee (beleid)."))
    }

    @Test("No paid hours at all: the contracted hours as before, or nothing when the policy says so")
    func noPaidHours() {
        let p = placement(paid: [])
        let march = Self.term("2026-03-01", "2026-03-31")
        #expect(PlacementValuation.value(p, scheme: scheme, contract: contract, window: march).value == Money(cents: 226_484))
        let none = PlacementValuation.value(p, scheme: scheme, contract: contract, window: march, unpaid: .notCounted)
        #expect(none.value == .zero)
        #expect(none.explanation == ["31 dagen zonder verloonde uren tellen niet mee (beleid)."])
    }

    @Test("A payroll period across two report periods is taken pro rata: 15 of its 31 days fall in April")
    func periodAcrossTheWindowIsProRata() {
        // 16 March – 15 April (31 days), 124 hours, capped at 24 × 31/7 = 106,29; April holds 15/31 of that:
        // 10.629 × 15 / 31 = 5.143,06 → 51,43 hours; 4.000.000 × 5.143 × 7 / 1.314.000 = 109.592,1 → € 1.095,92.
        let p = placement(paid: [PaidHours(period: Self.term("2026-03-16", "2026-04-15"), hours: Hours(whole: 124))])
        let v = PlacementValuation.value(p, scheme: scheme, contract: contract, window: Self.term("2026-04-01", "2026-04-30"), unpaid: .notCounted)
        #expect(v.value == Money(cents: 109_592))
        #expect(v.explanation.first == "Participatiewet: 51,43 verloonde uren over 15 dagen × € 40.000 per jaar / (36 uur × 365/7 dagen) = € 1.095,92")
    }

    @Test("At most 60 hours a week and 12 a day: 31 days hold 4 × 60 + 3 × 12 = 276 hours")
    func maximumHours() {
        #expect(PaidHoursRule.maximum(days: 1) == Hours(whole: 12))
        #expect(PaidHoursRule.maximum(days: 6) == Hours(whole: 60))
        #expect(PaidHoursRule.maximum(days: 7) == Hours(whole: 60))
        #expect(PaidHoursRule.maximum(days: 30) == Hours(whole: 264))
        #expect(PaidHoursRule.maximum(days: 31) == Hours(whole: 276))
    }

    @Test("900 hours in a month and hours before the placement started are refused, each with its field")
    func implausibleHoursAreRefused() {
        // Arrange
        let march = Self.term("2026-03-01", "2026-03-31")
        let start = day("2026-03-01"), end = day("2026-11-30")
        // Act
        let tooMany = PaidHoursRule.problems(PaidHours(period: march, hours: Hours(whole: 900)), placementStart: start, placementEnd: end)
        let before = PaidHoursRule.problems(PaidHours(period: Self.term("2026-02-01", "2026-02-28"), hours: Hours(whole: 80)),
                                            placementStart: start, placementEnd: end)
        let after = PaidHoursRule.problems(PaidHours(period: Self.term("2026-12-01", "2026-12-31"), hours: Hours(whole: 80)),
                                           placementStart: start, placementEnd: end)
        // A payroll month in which the placement started on the 23rd: judged on its 9 days, at most 60 + 2 × 12 = 84.
        let partly = PaidHoursRule.problems(PaidHours(period: march, hours: Hours(whole: 90)), placementStart: day("2026-03-23"), placementEnd: nil)
        let fine = PaidHoursRule.problems(PaidHours(period: march, hours: Hours(whole: 276)), placementStart: start, placementEnd: end)
        // Check
        #expect(tooMany.map(\.field) == [.hours])
        #expect(tooMany.first?.message == "900 uur in 31 dagen kan niet: iemand werkt hoogstens 60 uur per week en 12 uur per dag, dus hoogstens 276 uur in deze periode")
        #expect(before.map(\.field) == [.period])
        #expect(before.first?.message == "de periode 1 februari 2026 – 28 februari 2026 valt buiten de plaatsing (die loopt van 1 maart 2026 tot en met 30 november 2026)")
        #expect(after.map(\.field) == [.period])
        #expect(partly.first?.message.contains("hoogstens 84 uur") == true)
        #expect(fine.isEmpty)
    }

    @Test("Periods overlap only when they share a day and are not the same period")
    func overlap() {
        #expect(PaidHoursRule.overlaps(Self.term("2026-03-01", "2026-03-31"), Self.term("2026-03-30", "2026-04-05")))
        #expect(!PaidHoursRule.overlaps(Self.term("2026-03-01", "2026-03-31"), Self.term("2026-04-01", "2026-04-30")))
        #expect(!PaidHoursRule.overlaps(Self.term("2026-03-01", "2026-03-31"), Self.term("2026-03-01", "2026-03-31")))
    }

    @Test("A stored policy without the setting reads as 'count on the contracted hours'; the setting survives a round trip")
    func policySetting() throws {
        var p = SocialReturnPolicy.municipalDefault
        p.unpaidPeriods = .notCounted
        let data = try JSONEncoder().encode(p)
        #expect(try JSONDecoder().decode(SocialReturnPolicy.self, from: data).unpaidPeriods == .notCounted)
        let old = try JSONDecoder().decode(SocialReturnPolicy.self, from: Data(#"{"name":"oud"}"#.utf8))
        #expect(old.unpaidPeriods == .contractedHours)
    }
}
