import Fluent
import Foundation
import SROIDomain
import Vapor

/// A contract as the API shows it.
struct ContractDTO: Content {
    var id: UUID
    var title: String
    var buyerId: UUID
    var supplierId: UUID?
    var cpv: String?
    var kind: String
    var valueCents: Int64
    var wageSumCents: Int64?
    var labourSharePercent: Double?
    var start: String
    var end: String
    var region: String?
    var status: String
    var frameworkId: UUID?
    var publicationDate: String?
    var extensionUntil: String?
    /// Reserved for social enterprises (art. 2.82 Aanbestedingswet).
    var reserved: Bool
    /// How the tender asks for social return: suitability_requirement, minimum_requirement, award_criterion or contract_condition.
    var srAsk: String?
    var srWeightPercent: Double?
    /// euros or jobs: what bidders offer.
    var offerUnit: String?
    var bidsCloseOn: String?
    var marketConsultation: Bool
    var obligationApplicable: Bool?
    var obligationCents: Int64?
    var policyVersion: Int?

    init(_ c: some ContractFields, obligation: ContractObligation?) throws {
        guard let id = c.id else { throw FluentError.idRequired }
        self.id = id
        title = c.title
        buyerId = c.buyerID
        supplierId = c.supplierID
        cpv = c.cpv
        kind = c.kindRaw
        valueCents = c.valueCents
        wageSumCents = c.wageSumCents
        labourSharePercent = c.labourShareBasisPoints.map(PercentNumber.number(basisPoints:))
        start = c.startDate
        end = c.endDate
        region = c.region
        status = c.statusRaw
        frameworkId = c.frameworkID
        publicationDate = c.publicationDate
        extensionUntil = c.extensionUntil
        reserved = c.reserved
        srAsk = c.srAskRaw
        srWeightPercent = c.srWeightBasisPoints.map(PercentNumber.number(basisPoints:))
        offerUnit = c.offerUnit
        bidsCloseOn = c.bidsCloseOn
        marketConsultation = c.marketConsultation
        obligationApplicable = obligation?.effective.applicable
        obligationCents = obligation?.effective.amount.cents
        policyVersion = obligation?.policyVersion
    }
}

/// The body of `POST` and `PATCH /api/v1/contracts`. On PATCH only the fields sent change; `null` clears a field.
struct ContractPayload: Decodable {
    var draftChanges: (inout ContractDraft) -> Void = { _ in }

    enum Key: String, CodingKey, CaseIterable {
        case title, buyerId, supplierId, cpv, kind, valueCents, wageSumCents, labourSharePercent, start, end,
             region, status, frameworkId, publicationDate, extensionUntil, reserved, srAsk, srWeightPercent, offerUnit, bidsCloseOn,
             marketConsultation
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        var changes: [(inout ContractDraft) -> Void] = []
        func field<T: Decodable>(_ key: Key, _ type: T.Type, _ set: @escaping (inout ContractDraft, T?) -> Void) throws {
            guard c.contains(key) else { return }
            let value = try c.decodeNil(forKey: key) ? nil : try c.decode(T.self, forKey: key)
            changes.append { set(&$0, value) }
        }
        try field(.title, String.self) { $0.title = $1 }
        try field(.buyerId, UUID.self) { $0.buyerID = $1 }
        try field(.supplierId, UUID.self) { $0.supplierID = $1 }
        try field(.cpv, String.self) { $0.cpv = $1 }
        try field(.kind, String.self) { $0.kind = $1 }
        try field(.valueCents, Int64.self) { $0.valueCents = $1 }
        try field(.wageSumCents, Int64.self) { $0.wageSumCents = $1 }
        try field(.labourSharePercent, Double.self) { $0.labourShareBasisPoints = $1.map(PercentNumber.basisPoints) }
        try field(.start, String.self) { $0.start = $1 }
        try field(.end, String.self) { $0.end = $1 }
        try field(.region, String.self) { $0.region = $1 }
        try field(.status, String.self) { $0.status = $1 }
        try field(.frameworkId, UUID.self) { $0.frameworkID = $1 }
        try field(.publicationDate, String.self) { $0.publicationDate = $1 }
        try field(.extensionUntil, String.self) { $0.extensionUntil = $1 }
        try field(.reserved, Bool.self) { $0.reserved = $1 }
        try field(.srAsk, String.self) { $0.srAsk = $1 }
        try field(.srWeightPercent, Double.self) { $0.srWeightBasisPoints = $1.map(PercentNumber.basisPoints) }
        try field(.offerUnit, String.self) { $0.offerUnit = $1 }
        try field(.bidsCloseOn, String.self) { $0.bidsCloseOn = $1 }
        try field(.marketConsultation, Bool.self) { $0.marketConsultation = $1 }
        let all = changes
        draftChanges = { draft in for change in all { change(&draft) } }
    }

    func applied(to draft: ContractDraft) -> ContractDraft {
        var copy = draft
        draftChanges(&copy)
        return copy
    }
}

struct ObligationDTO: Content {
    struct Computed: Content {
        var applicable: Bool
        var amountCents: Int64
        var rule: String
    }
    struct Override: Content {
        var applicable: Bool?
        var amountCents: Int64?
        var reason: String
    }

    var contractId: UUID
    var applicable: Bool
    var amountCents: Int64
    var percentage: Double?
    var base: String?
    var baseAmountCents: Int64?
    var explanation: String
    var explanationLines: [String]
    var policyVersion: Int
    var policyName: String
    var computed: Computed
    var override: Override?

    init(contractID: UUID, _ o: ContractObligation) {
        let e = o.effective
        contractId = contractID
        applicable = e.applicable
        amountCents = e.amount.cents
        percentage = e.computed.percentage.map(PercentNumber.number)
        base = e.computed.base?.rawValue
        baseAmountCents = e.computed.baseAmount?.cents
        explanationLines = e.explanation
        explanation = e.explanation.joined(separator: " ")
        policyVersion = o.policyVersion
        policyName = o.policyName
        computed = Computed(applicable: e.computed.applicable, amountCents: e.computed.amount.cents, rule: e.computed.rule.rawValue)
        override = e.override.map { Override(applicable: $0.applicable, amountCents: $0.amount?.cents, reason: $0.reason) }
    }
}

struct OverrideRequest: Content {
    var applicable: Bool?
    var amountCents: Int64?
    var reason: String
}
