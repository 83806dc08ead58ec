import Foundation
import SROIDomain
import Vapor

struct TransferDTO: Content {
    var id: UUID
    var sourceType: String
    var sourceId: UUID
    var targetContractId: UUID
    var targetContractTitle: String
    var percentage: Double?
    var amountCents: Int64?
    var status: String
    var reason: String?
    var decisionComment: String?
    var effectiveFrom: String?
    var createdAt: Date?
    var decidedAt: Date?

    init(_ a: AllocationModel) throws {
        id = try a.requireID()
        sourceType = a.sourceType
        sourceId = a.sourceID
        targetContractId = a.$contract.id
        targetContractTitle = a.$contract.value?.title ?? ""
        percentage = a.amountCents == nil ? PercentNumber.number(Percentage(basisPoints: a.shareBasisPoints)) : nil
        amountCents = a.amountCents
        status = a.status
        reason = a.reason
        decisionComment = a.decisionComment
        effectiveFrom = a.effectiveFrom
        createdAt = a.createdAt
        decidedAt = a.decidedAt
    }
}

struct TransferRequest: Content {
    var sourceType: String?
    var sourceId: UUID?
    var targetContractId: UUID?
    var percentage: Double?
    var amountCents: Int64?
    var reason: String?
}

struct DecisionRequest: Content {
    var comment: String?
}

struct ParticipantDTO: Content {
    var organisationId: UUID
    var organisationName: String
    var valueCents: Int64
}

struct ParticipantsRequest: Content {
    struct Entry: Content {
        var organisationId: UUID?
        var valueCents: Int64?
    }
    var participants: [Entry]
}

struct StackedJobDTO: Content {
    var id: UUID
    var title: String
    var candidate: String
    var placements: [PlacementDTO]
    var totalHoursPerWeek: Double

    init(_ job: StackedJobModel, parts: [PlacementModel]) throws {
        id = try job.requireID()
        title = job.title
        candidate = Pseudonymizer.display(job.candidate)
        placements = parts.map(PlacementDTO.init)
        totalHoursPerWeek = Double(parts.reduce(0) { $0 + $1.hoursPerWeekHundredths }) / 100
    }
}

struct StackedJobCandidateDTO: Content {
    var candidate: String
    var placements: [PlacementDTO]
}

struct StackedJobRequest: Content {
    var title: String?
    var placementIds: [UUID]
}

struct SocialEnterpriseDTO: Content {
    var id: UUID
    var name: String
    var kvk: String
    var psoStep: String?
    var article282: Bool
    var shelteredWorkshop: Bool
    var sectors: [String]
    var region: String?
    var city: String?
    var website: String?
    /// The status a purchase is valued by, or null when the enterprise does not count as social.
    var valuationStatus: String?
    var psoCertificate: String?
    /// The PSO certificate's last valid day; after it the PSO step no longer counts.
    var psoValidUntil: String?
    var offers: String?

    init(_ e: SocialEnterpriseModel) throws {
        id = try e.requireID()
        name = e.name
        kvk = e.kvk
        psoStep = e.psoStepRaw
        article282 = e.article282
        shelteredWorkshop = e.shelteredWorkshop
        sectors = e.sectors
        region = e.region
        city = e.city
        website = e.website
        valuationStatus = e.profile.status?.rawValue
        psoCertificate = e.psoCertificate
        psoValidUntil = e.psoValidUntil
        offers = e.offers
    }
}

struct SocialEnterpriseRequest: Content {
    var name: String?
    var kvk: String?
    var psoStep: String?
    var article282: Bool?
    var shelteredWorkshop: Bool?
    var sectors: [String]?
    var region: String?
    var city: String?
    var website: String?
    var psoCertificate: String?
    var psoValidUntil: String?
    var offers: String?
    /// Why the status should change, when it is another organisation's entry (the change is then a proposal).
    var reason: String?

    var draft: SocialEnterpriseRegister.Draft {
        .init(name: name, kvk: kvk, psoStep: psoStep, article282: article282, shelteredWorkshop: shelteredWorkshop, sectors: sectors,
              region: region, city: city, website: website, psoCertificate: psoCertificate, psoValidUntil: psoValidUntil, offers: offers)
    }
}

struct RegionalPolicyDTO: Content {
    var organisationId: UUID
    var organisationName: String
    var version: Int
    var name: String
}

struct DeviationsDTO: Content {
    var basedOn: RegionalPolicyDTO?
    var deviations: [PolicyDeviation]
}

struct ShareRequest: Content { var shared: Bool }

struct AdoptRequest: Content {
    var regionalOrganisationId: UUID?
    var note: String?
}

struct SupplierAccountDTO: Content {
    struct Line: Content {
        var contractId: UUID
        var title: String
        var buyerId: UUID
        var buyerName: String
        var valuationScheme: String
        var callOffs: Int
        var obligationCents: Int64
        var realisedCents: Int64
        var pendingCents: Int64
        var remainingCents: Int64
        var status: String
        /// An obligation agreed in jobs, placements or effort, in its own unit ("1,5 van 2 banen"); no euros are owed.
        var target: String?
    }
    struct Total: Content {
        var buyerId: UUID?
        var buyerName: String
        var obligationCents: Int64
        var realisedCents: Int64
        var pendingCents: Int64
        var remainingCents: Int64
    }
    struct Free: Content {
        var contractId: UUID
        var title: String
        var valueCents: Int64
        var awaitingReviewCents: Int64
        var reason: String
    }
    var supplierId: UUID
    var supplierName: String
    var obligations: [Line]
    var byBuyer: [Total]
    var total: Total
    var freeValue: [Free]
    var transfersWaiting: Int

    init(_ a: SupplierAccountService.Account) {
        func sum(_ t: SupplierAccountService.BuyerTotal, id: UUID?) -> Total {
            Total(buyerId: id, buyerName: t.buyerName, obligationCents: t.obligation.cents, realisedCents: t.realised.cents,
                  pendingCents: t.pending.cents, remainingCents: t.remaining.cents)
        }
        supplierId = a.supplierID
        supplierName = a.supplierName
        obligations = a.lines.map {
            Line(contractId: $0.contractID, title: $0.title, buyerId: $0.buyerID, buyerName: $0.buyerName, valuationScheme: $0.scheme,
                 callOffs: $0.callOffs, obligationCents: $0.obligation.cents, realisedCents: $0.realised.cents, pendingCents: $0.pending.cents,
                 remainingCents: $0.remaining.cents, status: $0.status.rawValue, target: $0.target)
        }
        byBuyer = a.buyers.map { sum($0, id: $0.buyerID) }
        total = sum(a.total, id: nil)
        freeValue = a.free.map { Free(contractId: $0.contractID, title: $0.title, valueCents: $0.value.cents, awaitingReviewCents: $0.awaitingReview.cents, reason: $0.reason) }
        transfersWaiting = a.transfersWaiting
    }
}

/// A proposed change of a register entry's status and its decision.
struct StatusChangeDTO: Content {
    var id: UUID
    var enterpriseId: UUID
    var psoStep: String?
    var article282: Bool
    var shelteredWorkshop: Bool
    /// The status a purchase would be valued by after the change, or null.
    var valuationStatus: String?
    var reason: String
    var proposedByOrganisationId: UUID
    /// proposed, approved or declined.
    var status: String
    var comment: String?
    var decidedAt: Date?

    init(_ c: SocialEnterpriseStatusChangeModel) throws {
        id = try c.requireID()
        enterpriseId = c.$enterprise.id
        psoStep = c.psoStepRaw
        article282 = c.article282
        shelteredWorkshop = c.shelteredWorkshop
        valuationStatus = c.profile.status?.rawValue
        reason = c.reason
        proposedByOrganisationId = c.proposedByOrganisation
        status = c.status
        comment = c.comment
        decidedAt = c.decidedAt
    }
}

/// The answer to a change of another organisation's entry whose status part waits for a decision.
struct ProposedStatusChangeDTO: Content {
    var enterprise: SocialEnterpriseDTO
    var statusChange: StatusChangeDTO
}
