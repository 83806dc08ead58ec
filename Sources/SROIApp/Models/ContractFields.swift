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

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: UUID.self)
        title = try row.decode(column: "title", as: String.self)
        buyerID = try row.decode(column: "buyer_id", as: UUID.self)
        supplierID = try row.decodeOptional(column: "supplier_id", as: UUID.self)
        cpv = try row.decodeOptional(column: "cpv", as: String.self)
        kindRaw = try row.decode(column: "kind", as: String.self)
        valueCents = try row.decode(column: "value_cents", as: Int64.self)
        wageSumCents = try row.decodeOptional(column: "wage_sum_cents", as: Int64.self)
        labourShareBasisPoints = try row.decodeOptional(column: "labour_share_bp", as: Int.self)
        startDate = try row.decode(column: "start_date", as: String.self)
        endDate = try row.decode(column: "end_date", as: String.self)
        region = try row.decodeOptional(column: "region", as: String.self)
        statusRaw = try row.decode(column: "status", as: String.self)
        frameworkID = try row.decodeOptional(column: "framework_id", as: UUID.self)
        publicationDate = try row.decodeOptional(column: "publication_date", as: String.self)
        extensionUntil = try row.decodeOptional(column: "extension_until", as: String.self)
        reservedFlag = try row.decodeOptional(column: "reserved", as: Bool.self)
        srAskRaw = try row.decodeOptional(column: "sr_ask", as: String.self)
        srWeightBasisPoints = try row.decodeOptional(column: "sr_weight_bp", as: Int.self)
        offerUnit = try row.decodeOptional(column: "offer_unit", as: String.self)
        bidsCloseOn = try row.decodeOptional(column: "bids_close_on", as: String.self)
        marketConsultationFlag = try row.decodeOptional(column: "market_consultation", as: Bool.self)
        policyVersionID = try row.decodeOptional(column: "policy_version_id", as: UUID.self)
        overrideApplicable = try row.decodeOptional(column: "override_applicable", as: Bool.self)
        overrideAmountCents = try row.decodeOptional(column: "override_amount_cents", as: Int64.self)
        overrideReason = try row.decodeOptional(column: "override_reason", as: String.self)
    }
}
