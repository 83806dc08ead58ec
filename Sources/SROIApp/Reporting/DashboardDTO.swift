import Foundation
import SROIDomain
import Vapor

/// The dashboard as JSON: money in cents, counts of persons null where hidden, with "< 5" or "afgeschermd" in `display`.
struct DashboardDTO: Content {
    struct Count: Content { var key: String; var label: String; var count: Int?; var display: String }
    struct Contract: Content {
        var id: UUID; var title: String; var supplier: String; var category: String; var region: String; var status: String
        var obligationCents: Int64; var realisedCents: Int64; var realisedInYearCents: Int64; var pendingCents: Int64; var expectedCents: Int64
        var progress: String
    }
    struct Block: Content { var key: String; var label: String; var people: Int?; var peopleDisplay: String; var realisedCents: Int64 }
    struct Point: Content { var quarter: String; var end: String; var expectedCents: Int64; var realisedCents: Int64? }

    var organisationId: UUID
    var organisationName: String
    var filter: [String: String]
    var reportingDay: String
    var contracts: Int
    var withObligation: Int
    var obligationCents: Int64
    var realisedCents: Int64
    var realisedInYearCents: Int64
    var pendingCents: Int64
    var expectedCents: Int64
    var statusCounts: [String: Int]
    /// Contracts reserved for social enterprises (art. 2.82) among the selected.
    var reservedContracts: Int
    /// Approved value bought from social enterprises in the year.
    var socialPurchaseInYearCents: Int64
    var people: Count
    /// Persons placed whose target group a job service established (verified), of `people`.
    var peopleWithVerifiedTargetGroup: Count
    var peopleByTargetGroup: [Count]
    var buildingBlocks: [Block]
    var banenafspraakJobs: Double
    var jobsGoal: Int?
    var jobsGoalYear: Int?
    var durable: Count
    var judged: Count
    var revolvingDoors: Count
    var timeline: [Point]
    var perContract: [Contract]
    struct LateReport: Content { var contractId: UUID; var contract: String; var supplier: String; var periodStart: String; var periodEnd: String; var dueDate: String }
    struct WaitingReport: Content { var contractId: UUID; var reportId: UUID; var contract: String; var supplier: String; var submittedOn: String; var days: Int }
    /// Reports past their due date, by supplier.
    var lateReports: [LateReport]
    /// Submitted reports waiting longer for review than the policy's review backlog days.
    var reviewBacklog: [WaitingReport]

    init(_ d: Dashboard) {
        let counts = d.personCounts
        func count(_ key: String, _ label: String, _ n: PersonCount) -> Count {
            Count(key: key, label: label, count: n.value, display: n.display)
        }
        organisationId = d.organisationID
        organisationName = d.organisationName
        var f = ["year": String(d.filter.year)]
        if let c = d.filter.category { f["category"] = c }
        if let s = d.filter.supplierID { f["supplier"] = s.uuidString }
        if let r = d.filter.region { f["region"] = r }
        if let s = d.filter.status { f["status"] = s.rawValue }
        filter = f
        reportingDay = d.day.iso
        let t = d.totals
        contracts = t.contracts
        withObligation = t.withObligation
        obligationCents = t.obligation.cents
        realisedCents = t.realised.cents
        realisedInYearCents = t.realisedInYear.cents
        pendingCents = t.pending.cents
        expectedCents = t.expected.cents
        reservedContracts = d.reservedContracts
        socialPurchaseInYearCents = d.socialPurchaseInYear.cents
        statusCounts = Dictionary(uniqueKeysWithValues: ProgressStatus.listed.map { ($0.rawValue, t.statusCounts[$0] ?? 0) })
        people = count("people", "geplaatste personen", counts.people)
        peopleWithVerifiedTargetGroup = count("peopleVerified", "met een doelgroep vastgesteld door werkgeversdienstverlening", counts.verified)
        peopleByTargetGroup = counts.byTargetGroup.map { count($0.0.rawValue, d.scheme.label(of: $0.0), $0.1) }
        let people = counts.byBlock
        let value = Dictionary(d.valueByBlock, uniquingKeysWith: { a, _ in a })
        buildingBlocks = BuildingBlock.ordered(Array(people.keys) + Array(value.keys)).map { b in
            let n = people[b] ?? .exact(0)
            return Block(key: b.rawValue, label: d.scheme.label(of: b), people: n.value, peopleDisplay: n.display,
                         realisedCents: value[b]?.cents ?? 0)
        }
        banenafspraakJobs = Double(d.jobsThousandths) / 1000
        jobsGoal = d.jobsGoal
        jobsGoalYear = d.jobsGoalYear
        durable = count("durable", "duurzaam", counts.durable)
        judged = count("judged", "beoordeeld", counts.judged)
        revolvingDoors = count("revolvingDoors", "draaideuren", counts.revolvingDoors)
        lateReports = d.lateReports.map { LateReport(contractId: $0.contractID, contract: $0.contract, supplier: $0.supplier,
                                                     periodStart: $0.period.start.iso, periodEnd: $0.period.end.iso, dueDate: $0.dueDate.iso) }
        reviewBacklog = d.reviewBacklog.map { WaitingReport(contractId: $0.contractID, reportId: $0.reportID, contract: $0.contract,
                                                            supplier: $0.supplier, submittedOn: $0.submittedOn.iso, days: $0.days) }
        timeline = d.timeline.map { Point(quarter: $0.label, end: $0.end.iso, expectedCents: $0.expected.cents, realisedCents: $0.realised?.cents) }
        perContract = d.contracts.map {
            Contract(id: $0.id, title: $0.title, supplier: $0.supplier, category: $0.category, region: $0.region, status: $0.status.rawValue,
                     obligationCents: $0.obligation.cents, realisedCents: $0.realised.cents, realisedInYearCents: $0.realisedInYear.cents,
                     pendingCents: $0.pending.cents, expectedCents: $0.expected.cents, progress: $0.progress.rawValue)
        }
    }
}
