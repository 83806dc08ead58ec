import Foundation
import SROIDomain
import Testing

/// A policy's own target groups and building blocks: a municipality counts statushouders at € 30.000 a year for 24
/// months, a buddy programme at € 300 a month, a full-time "leerbaan" at € 12.000 a year for 6 months, language
/// coaching at € 75 an hour and a workplace language course by invoice.
@Suite("Own target groups and building blocks")
struct OwnDefinitionsTests {
    static func day(_ s: String) -> Day { Day(iso: s)! }
    static func term(_ a: String, _ b: String) -> Term { Term(start: day(a), end: day(b))! }
    static let contract = term("2026-01-01", "2028-12-31")
    static let statushouder = TargetGroup(rawValue: "statushouder")!

    static var scheme: ValuationScheme {
        var v = ValuationScheme.haaglanden2023
        v.ownTargetGroups = [OwnTargetGroup(key: statushouder, name: "Statushouder")]
        v.employmentPerYear[statushouder] = Money(euros: 30_000)
        v.countedMonths[statushouder] = 24
        v.ownBuildingBlocks = [
            OwnBuildingBlock(key: "buddytraject", name: "Buddytraject", unit: .perMonth, value: Money(euros: 300), countedMonths: 0),
            OwnBuildingBlock(key: "leerbaan", name: "Leerbaan", unit: .perYear, value: Money(euros: 12_000), countedMonths: 6),
            OwnBuildingBlock(key: "taalcoaching", name: "Taalcoaching", unit: .perHour, value: Money(euros: 75)),
            OwnBuildingBlock(key: "taalcursus", name: "Taalcursus op de werkvloer", unit: .invoice),
        ]
        return v
    }

    @Test("A statushouder, 18 of 36 hours, January to March: € 30.000 × 18/36 × 90/365 = € 3.698,63")
    func ownTargetGroup() {
        // Arrange
        let p = PlacementFacts(block: .employment, targetGroup: Self.statushouder, hoursPerWeek: Hours(whole: 18),
                               start: Self.day("2026-01-01"), end: nil)
        // Act
        let v = PlacementValuation.value(p, scheme: Self.scheme, contract: Self.contract, window: Self.term("2026-01-01", "2026-03-31"))
        // Check: 3.000.000 × 1.800 × 90 / (3.600 × 365) = 369.863,01 cents.
        #expect(v.value == Money(cents: 369_863))
        #expect(v.explanation == ["Statushouder: € 30.000 per jaar × 18/36 uur × 90/365 dagen = € 3.698,63"])
    }

    @Test("A buddy programme per month, January to March: € 300 × 90 × 12/365 = € 887,67")
    func ownBlockPerMonth() {
        let p = PlacementFacts(block: .own("buddytraject"), targetGroup: .jobSeeker, hoursPerWeek: Hours(whole: 4),
                               start: Self.day("2026-01-01"), end: Self.day("2026-03-31"))
        let v = PlacementValuation.value(p, scheme: Self.scheme, contract: Self.contract, window: Self.contract)
        // 30.000 × 90 × 12 / 365 = 88.767,12 cents.
        #expect(v.value == Money(cents: 88_767))
        #expect(v.explanation.first == "Buddytraject: € 300 per maand × 90 dagen / (365/12) = € 887,67")
    }

    @Test("A full-time leerbaan counts 6 months: € 12.000 × 181/365 = € 5.950,68 in 2026, nothing after")
    func ownBlockPerYearWithItsLimit() {
        let p = PlacementFacts(block: .own("leerbaan"), targetGroup: .youngWithoutQualification, hoursPerWeek: Hours(whole: 36),
                               start: Self.day("2026-01-01"), end: nil)
        let year = PlacementValuation.value(p, scheme: Self.scheme, contract: Self.contract, window: Self.term("2026-01-01", "2026-12-31"))
        // 1 January to 30 June is 181 days: 1.200.000 × 181 / 365 = 595.068,49 cents.
        #expect(year.value == Money(cents: 595_068))
        #expect(year.explanation.contains { $0.hasPrefix("Telt hoogstens 6 maanden") })
        let later = PlacementValuation.value(p, scheme: Self.scheme, contract: Self.contract, window: Self.term("2027-01-01", "2027-12-31"))
        #expect(later.value == .zero)
    }

    @Test("Language coaching 12,5 hours × € 75 = € 937,50; a course by invoice counts the invoice, € 1.250")
    func ownActivities() {
        let coaching = ActivityValuation.value(ActivityFacts(block: .own("taalcoaching"), hours: Hours(hundredths: 1_250)), scheme: Self.scheme)
        #expect(coaching.value == Money(cents: 93_750))
        #expect(coaching.explanation == ["Taalcoaching: 12,5 uur × € 75 = € 937,50"])
        let course = ActivityValuation.value(ActivityFacts(block: .own("taalcursus"), amount: Money(euros: 1_250)), scheme: Self.scheme)
        #expect(course.value == Money(euros: 1_250))
        // The checks name what is missing, by the policy's name.
        #expect(ActivityFacts(block: .own("taalcoaching")).problems(scheme: Self.scheme).map(\.field) == ["hours"])
        #expect(ActivityFacts(block: .own("taalcursus")).problems(scheme: Self.scheme).map(\.message)
            == ["Taalcursus op de werkvloer telt met het factuurbedrag: vul het bedrag in"])
        // A block counted per person is no activity.
        #expect(ActivityFacts(block: .own("buddytraject"), amount: Money(euros: 10)).problems(scheme: Self.scheme).map(\.field) == ["block"])
    }

    @Test("What a supplier writes is read by key or name, in any case; the lists put the standard ones first")
    func parsingAndOrder() {
        let v = Self.scheme
        #expect(v.targetGroup(parsing: "Statushouder") == Self.statushouder)
        #expect(v.targetGroup(parsing: "STATUSHOUDER") == Self.statushouder)
        #expect(v.targetGroup(parsing: "bijstand") == .socialAssistance)
        #expect(v.targetGroup(parsing: "ex-gedetineerde") == nil)
        #expect(v.buildingBlock(parsing: "Taalcursus op de werkvloer") == .own("taalcursus"))
        #expect(v.buildingBlock(parsing: "employment") == .employment)
        #expect(v.placesAPerson(.own("buddytraject")) && !v.placesAPerson(.own("taalcoaching")) && !v.placesAPerson(.own("onbekend")))
        #expect(v.targetGroups.last == Self.statushouder && v.targetGroups.count == 9)
        #expect(TargetGroup.ordered([Self.statushouder, .banenafspraak, .jobSeeker]) == [.jobSeeker, .banenafspraak, Self.statushouder])
        #expect(v.label(of: .own("leerbaan")) == "Leerbaan" && v.label(of: .employment) == "arbeidsovereenkomst")
    }

    @Test("Keys are unique and never a standard one; an own group needs a value per year; a block per hour needs its rate")
    func validation() {
        var v = Self.scheme
        #expect(v.validate().isEmpty)
        v.ownTargetGroups.append(OwnTargetGroup(key: .unemploymentBenefit, name: "Nog een WW"))
        v.ownTargetGroups.append(OwnTargetGroup(key: TargetGroup(rawValue: "ex_gedetineerde")!, name: ""))
        v.ownBuildingBlocks.append(OwnBuildingBlock(key: "taalcoaching", name: "Dubbel", unit: .perHour, value: Money(euros: 10)))
        v.ownBuildingBlocks.append(OwnBuildingBlock(key: "re_integratie", name: "Re-integratie", unit: .perHour, value: .zero))
        let fields = Set(v.validate().map(\.field))
        #expect(fields == ["valuation.ownTargetGroups.1.key", "valuation.ownTargetGroups.2.name",
                           "valuation.employmentPerYear.ex_gedetineerde", "valuation.ownBuildingBlocks.4.key",
                           "valuation.ownBuildingBlocks.5.value"])
        #expect(TargetGroup(rawValue: "Statushouder") == nil && TargetGroup(rawValue: "1x") == nil)
    }

    @Test("A table stored before own groups existed reads with none; one with them reads back the same")
    func storedTables() throws {
        // Arrange: the Haaglanden table as stored before, without the two keys.
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(ValuationScheme.haaglanden2023)) as! [String: Any]
        json["ownTargetGroups"] = nil
        json["ownBuildingBlocks"] = nil
        let old = try JSONSerialization.data(withJSONObject: json)
        // Act
        let read = try JSONDecoder().decode(ValuationScheme.self, from: old)
        let roundTrip = try JSONDecoder().decode(ValuationScheme.self, from: JSONEncoder().encode(Self.scheme))
        // Check
        #expect(read == .haaglanden2023)
        #expect(roundTrip == Self.scheme)
    }

    @Test("Choosing a preset keeps the own groups and blocks with their values")
    func presetKeepsOwn() {
        let adopted = Self.scheme.adopting(.utrecht)
        #expect(adopted.employmentPerYear[.jobSeeker] == Money(euros: 10_000))
        #expect(adopted.employmentPerYear[Self.statushouder] == Money(euros: 30_000))
        #expect(adopted.ownBuildingBlocks.count == 4 && adopted.name == "Utrecht")
    }
}
