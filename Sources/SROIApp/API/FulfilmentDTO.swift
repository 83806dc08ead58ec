import Foundation
import SROIDomain
import Vapor

/// A placement as the API shows it: the candidate only as a pseudonym.
struct PlacementDTO: Content {
    var id: UUID?
    var contractId: UUID
    var candidate: String
    var block: String
    var targetGroup: String
    var apprenticeshipLevel: Int?
    var hoursPerWeek: Double
    var start: String
    var end: String?
    var employmentKind: String
    var doelgroepregister: Bool
    var bonuses: [String]
    var evidence: String?
    var region: String?
    var outcome: String?
    var outcomeDate: String?
    var stackedJobId: UUID?
    /// The supplier's own reference (personnel number), shown to that supplier only; never in the audit log.
    var reference: String?
    /// Durable (at least 12 months or a durable outcome); filled in lists.
    var durable: Bool?
    /// Placed again within 24 months after a placement that ended without a durable outcome, anywhere on the platform.
    var revolvingDoor: Bool?
    /// The job service that established the target group, and the day; null when the supplier stated it.
    var targetGroupVerifiedBy: UUID?
    var targetGroupVerifiedOn: String?
    /// The vacancy the placement filled.
    var vacancyId: UUID?

    init(_ p: PlacementModel) {
        id = p.id
        contractId = p.$contract.id
        candidate = Pseudonymizer.display(p.candidate)
        block = p.blockRaw
        targetGroup = p.targetGroupRaw
        apprenticeshipLevel = p.apprenticeshipLevel
        hoursPerWeek = Double(p.hoursPerWeekHundredths) / 100
        start = p.startDate
        end = p.endDate
        employmentKind = p.employmentKind
        doelgroepregister = p.doelgroepregister
        bonuses = p.bonuses.map(\.rawValue).sorted()
        evidence = p.evidence
        region = p.region
        outcome = p.outcomeRaw
        outcomeDate = p.outcomeDate
        stackedJobId = p.stackedJobID
        targetGroupVerifiedBy = p.verifiedBy
        targetGroupVerifiedOn = p.verifiedOn
        vacancyId = p.vacancyID
    }
}

/// `POST .../placements`: `reference` (the supplier's own) or `bsn` identifies the candidate; neither is stored.
struct PlacementRequest: Content {
    var reference: String?
    var bsn: String?
    var block: String
    var targetGroup: String
    var apprenticeshipLevel: Int?
    var hoursPerWeek: Double
    var start: String
    var end: String?
    var employmentKind: String?
    var doelgroepregister: Bool?
    var bonuses: [String]?
    var evidence: String?
    var region: String?
    var outcome: String?
    var outcomeDate: String?

    var draft: PlacementDraft {
        PlacementDraft(reference: reference, bsn: bsn, block: block, targetGroup: targetGroup, apprenticeshipLevel: apprenticeshipLevel,
                       hoursPerWeek: Hours(hundredths: PercentNumber.hundredths(hoursPerWeek)), start: start, end: end,
                       employmentKind: employmentKind, doelgroepregister: doelgroepregister, bonuses: bonuses, evidence: evidence,
                       region: region, outcome: outcome, outcomeDate: outcomeDate)
    }
}

struct PaidHoursDTO: Content {
    var periodStart: String
    var periodEnd: String
    var hours: Double

    init(_ h: PaidHoursModel) {
        periodStart = h.periodStart
        periodEnd = h.periodEnd
        hours = Double(h.hoursHundredths) / 100
    }

    init(periodStart: String, periodEnd: String, hours: Double) {
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.hours = hours
    }
}

struct ActivityDTO: Content {
    var id: UUID?
    var contractId: UUID
    var block: String
    var description: String
    var date: String
    var amountCents: Int64?
    var hours: Double?
    var enterpriseName: String?
    var enterpriseKvk: String?
    var enterpriseStatus: String?
    var evidence: String?
    var valueCents: Int64
    var explanation: String

    init(_ a: ActivityModel, scheme: ValuationScheme) {
        id = a.id
        contractId = a.$contract.id
        block = a.blockRaw
        description = a.summary
        date = a.activityDate
        amountCents = a.amountCents
        hours = a.hoursHundredths.map { Double($0) / 100 }
        enterpriseName = a.enterpriseName
        enterpriseKvk = a.enterpriseKvK
        enterpriseStatus = a.enterpriseStatusRaw
        evidence = a.evidence
        let v = ActivityValuation.value(a.facts, scheme: scheme)
        valueCents = v.value.cents
        explanation = v.explanation.joined(separator: " ")
    }
}

struct ActivityRequest: Content {
    var block: String
    var description: String
    var date: String
    var amountCents: Int64?
    var hours: Double?
    var enterpriseName: String?
    var enterpriseKvk: String?
    var enterpriseStatus: String?
    var evidence: String?
}

struct ReportItemDTO: Content {
    var id: UUID?
    var sourceType: String
    var sourceId: UUID
    var block: String
    var valueCents: Int64
    var explanation: String
    var decision: String
    var comment: String?
    /// The conversation on the line, oldest first: answers and re-offers of the supplier, decisions of the reviewer.
    var thread: [ReportItemMessageDTO]?

    init(_ i: ReportItemModel) {
        id = i.id
        sourceType = i.sourceType
        sourceId = i.sourceID
        block = i.blockRaw
        valueCents = i.valueCents
        explanation = i.explanation
        decision = i.decision.rawValue
        comment = i.comment
    }

    init(preview: ReportItemDraft) {
        id = nil
        sourceType = preview.sourceType
        sourceId = preview.sourceID
        block = preview.block.rawValue
        valueCents = preview.value.cents
        explanation = preview.explanation.joined(separator: " ")
        decision = LineDecision.pending.rawValue
        comment = nil
    }
}

struct ReportDTO: Content {
    var id: UUID
    var contractId: UUID
    var periodStart: String
    var periodEnd: String
    var status: String
    var supplierNote: String?
    var reviewComment: String?
    var submittedAt: Date?
    var reviewedAt: Date?
    /// Submitted lines; for a draft, a preview of what submitting would give.
    var items: [ReportItemDTO]
    var totalCents: Int64
    var approvedCents: Int64
    /// What the last submission changed against the one before (for whoever sees the lines); null after a first one.
    var changes: SubmissionChangesDTO? = nil
    /// The organisation whose user submitted it: the supplier, or a social enterprise reporting on its behalf.
    var submittedByOrganisation: String? = nil
    /// True when that organisation is not the awarded supplier (a delegate).
    var submittedOnBehalf: Bool? = nil
}

struct SubmissionChangesDTO: Content {
    struct Line: Content { var sourceType: String; var sourceId: String; var block: String; var explanation: String; var valueCents: Int64 }
    struct Changed: Content { var sourceType: String; var sourceId: String; var explanation: String; var beforeCents: Int64; var afterCents: Int64 }
    var previousTotalCents: Int64
    var totalCents: Int64
    var added: [Line]
    var changed: [Changed]
    var removed: [Line]

    init(_ c: SubmissionChanges) {
        func line(_ l: SubmittedLine) -> Line {
            Line(sourceType: l.sourceType, sourceId: l.sourceID, block: l.block, explanation: l.explanation, valueCents: l.valueCents)
        }
        previousTotalCents = c.previousTotalCents
        totalCents = c.totalCents
        added = c.added.map(line)
        removed = c.removed.map(line)
        changed = c.changed.map { Changed(sourceType: $0.after.sourceType, sourceId: $0.after.sourceID, explanation: $0.after.explanation,
                                          beforeCents: $0.before.valueCents, afterCents: $0.after.valueCents) }
    }
}

struct CreateReportRequest: Content {
    var periodStart: String
    var periodEnd: String
    var note: String?
}

struct ReviewRequest: Content {
    var comment: String?
}

struct ProgressDTO: Content {
    struct Count: Content {
        var key: String
        var label: String
        /// Exact count; null for the buyer when it is 1 to 4 (AVG), with "< 5" in `display`.
        var count: Int?
        var display: String
    }

    var contractId: UUID
    var obligationCents: Int64
    var realisedCents: Int64
    var pendingCents: Int64
    var expectedCents: Int64
    var forecastCents: Int64?
    var status: String
    var statusLabel: String
    var shareOfExpectedPercent: Double?
    var banenafspraakJobs: Double
    var peopleByTargetGroup: [Count]
    var peopleByBuildingBlock: [Count]
    var explanation: [String]
    /// Approved value of placements from outside the contract's labour-market region (part of `realisedCents`).
    var realisedOutOfRegionCents: Int64
    var realisedInRegionCents: Int64
    /// placements, judged, durable, eligible6, retained6, eligible12, retained12, revolvingDoors.
    var durability: [Count]
    var durablePercent: Double?
    var retention6Percent: Double?
    var retention12Percent: Double?
    /// A joint tender: each buyer's part, booked pro rata its share of the contract value.
    var bookedTo: [BookedShare]?
    /// An obligation agreed in jobs, placements or effort: its progress in its own unit; `status` is then its status.
    var target: TargetProgressDTO? = nil

    struct BookedShare: Content {
        var organisationId: UUID
        var organisationName: String
        var valueCents: Int64
        var obligationCents: Int64
        var realisedCents: Int64
        var pendingCents: Int64
    }
}

struct ReportItemMessageDTO: Content {
    /// answer, reoffer, approved or rejected.
    var kind: String
    /// supplier or buyer.
    var side: String
    var text: String
    var evidenceId: UUID?
    var at: Date?

    init(_ m: ReportItemMessageModel, supplierID: UUID?) {
        kind = m.kind
        side = m.authorOrganisationID != nil && m.authorOrganisationID == supplierID ? "supplier" : "buyer"
        text = m.text
        evidenceId = m.evidenceID
        at = m.createdAt
    }
}

extension PlacementDTO {
    /// The placement as `user` sees it: with the supplier's own reference when `user` belongs to that supplier.
    init(_ p: PlacementModel, shownTo user: CurrentUser, of contract: ContractModel, cipher: ReferenceCipher) {
        self.init(p)
        reference = p.reference(for: user, contract: contract, cipher: cipher)
    }
}

/// A target's progress in its own unit: numbers as decimals (1,5 jobs is 1.5), with the same words as the pages.
struct TargetProgressDTO: Content {
    /// jobs, placements or effort.
    var kind: String
    var description: String
    /// banen, plaatsingen or mijlpalen.
    var unit: String
    var target: Double
    var realised: Double
    var pending: Double
    var expected: Double
    var status: String
    var statusLabel: String
    var shareOfExpectedPercent: Double?
    var explanation: [String]

    init(kind: String, description: String, _ t: TargetProgress) {
        self.kind = kind
        self.description = description
        unit = t.unit
        target = Double(t.targetThousandths) / 1000
        realised = Double(t.realisedThousandths) / 1000
        pending = Double(t.pendingThousandths) / 1000
        expected = Double(t.expectedThousandths) / 1000
        status = t.status.rawValue
        statusLabel = t.status.dutchLabel
        shareOfExpectedPercent = t.shareOfExpected.map(PercentNumber.number)
        explanation = t.explanation
    }
}
