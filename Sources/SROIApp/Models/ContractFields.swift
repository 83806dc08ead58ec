import FluentKit
import Foundation
import SQLKit
import SROIDomain

/// A contract's stored fields, whether read as a Fluent model (to change it) or as a plain `ContractRecord` (to list
/// it: Fluent's property wrappers cost more than the rest of a list request together; issue 20). What follows from
/// the fields is derived here once for both.
protocol ContractFields {
    var id: UUID? { get }
    var title: String { get }
    var buyerID: UUID { get }
    var supplierID: UUID? { get }
    var cpv: String? { get }
    var kindRaw: String { get }
    var valueCents: Int64 { get }
    var wageSumCents: Int64? { get }
    var labourShareBasisPoints: Int? { get }
    /// Days as "YYYY-MM-DD": a contract term has no time of day or time zone.
    var startDate: String { get }
    var endDate: String { get }
    var region: String? { get }
    var statusRaw: String { get }
    var frameworkID: UUID? { get }
    var publicationDate: String? { get }
    var extensionUntil: String? { get }
    var reservedFlag: Bool? { get }
    var srAskRaw: String? { get }
    var srWeightBasisPoints: Int? { get }
    var offerUnit: String? { get }
    var bidsCloseOn: String? { get }
    var marketConsultationFlag: Bool? { get }
    /// Set at award: the policy version the obligation is computed with from then on.
    var policyVersionID: UUID? { get }
    var overrideApplicable: Bool? { get }
    var overrideAmountCents: Int64? { get }
    var overrideReason: String? { get }
}

extension ContractFields {
    var kind: ContractKind { ContractKind(rawValue: kindRaw) ?? .dienst }
    var status: ContractStatus { ContractStatus(rawValue: statusRaw) ?? .planned }
    /// Reserved for social enterprises (art. 2.82 Aanbestedingswet); nil is no.
    var reserved: Bool { reservedFlag ?? false }
    /// How the tender asks for social return; nil: not recorded (a contract condition by default).
    var srAsk: SocialReturnAsk? { srAskRaw.flatMap(SocialReturnAsk.init(rawValue:)) }
    /// A planned tender open for ideas from suppliers and social enterprises of its region.
    var marketConsultation: Bool { marketConsultationFlag ?? false }

    var term: Term? {
        guard let s = Day(iso: startDate), let e = Day(iso: endDate) else { return nil }
        return Term(start: s, end: e)
    }

    var terms: ContractTerms? {
        guard let term else { return nil }
        return ContractTerms(value: Money(cents: valueCents), wageSum: wageSumCents.map(Money.init(cents:)),
                             labourShare: labourShareBasisPoints.map(Percentage.init(basisPoints:)),
                             kind: kind, cpv: cpv.flatMap(CPVCode.init), term: term)
    }

    var override: ObligationOverride? {
        guard let reason = overrideReason else { return nil }
        return ObligationOverride(applicable: overrideApplicable, amount: overrideAmountCents.map(Money.init(cents:)), reason: reason)
    }

    /// The obligation the realisations of this contract count towards: the framework's for a call-off.
    var obligationContractID: UUID? { frameworkID ?? id }
}

/// A contract as a plain value, read column by column from a row of `contracts` (`SELECT *` or the same columns).
struct ContractRecord: ContractFields, Sendable {
    var id: UUID?
    var title: String
    var buyerID: UUID
    var supplierID: UUID?
    var cpv: String?
    var kindRaw: String
    var valueCents: Int64
    var wageSumCents: Int64?
    var labourShareBasisPoints: Int?
    var startDate: String
    var endDate: String
    var region: String?
    var statusRaw: String
    var frameworkID: UUID?
    var publicationDate: String?
    var extensionUntil: String?
    var reservedFlag: Bool?
    var srAskRaw: String?
    var srWeightBasisPoints: Int?
    var offerUnit: String?
    var bidsCloseOn: String?
    var marketConsultationFlag: Bool?
    var policyVersionID: UUID?
    var overrideApplicable: Bool?
    var overrideAmountCents: Int64?
    var overrideReason: String?

    func requireID() throws -> UUID {
        guard let id else { throw FluentError.idRequired }
        return id
    }

    init(row: any RowColumns) throws {
        id = try row.uuid("id")
        title = try row.string("title")
        buyerID = try row.uuid("buyer_id")
        supplierID = try row.optionalUUID("supplier_id")
        cpv = try row.optionalString("cpv")
        kindRaw = try row.string("kind")
        valueCents = try row.int64("value_cents")
        wageSumCents = try row.optionalInt64("wage_sum_cents")
        labourShareBasisPoints = try row.optionalInt("labour_share_bp")
        startDate = try row.string("start_date")
        endDate = try row.string("end_date")
        region = try row.optionalString("region")
        statusRaw = try row.string("status")
        frameworkID = try row.optionalUUID("framework_id")
        publicationDate = try row.optionalString("publication_date")
        extensionUntil = try row.optionalString("extension_until")
        reservedFlag = try row.optionalBool("reserved")
        srAskRaw = try row.optionalString("sr_ask")
        srWeightBasisPoints = try row.optionalInt("sr_weight_bp")
        offerUnit = try row.optionalString("offer_unit")
        bidsCloseOn = try row.optionalString("bids_close_on")
        marketConsultationFlag = try row.optionalBool("market_consultation")
        policyVersionID = try row.optionalUUID("policy_version_id")
        overrideApplicable = try row.optionalBool("override_applicable")
        overrideAmountCents = try row.optionalInt64("override_amount_cents")
        overrideReason = try row.optionalString("override_reason")
    }
}
