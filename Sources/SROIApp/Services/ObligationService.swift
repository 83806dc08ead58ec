import Fluent
import Foundation
import SROIDomain

/// The obligation of a stored contract: the policy version it is computed with, and the result.
struct ContractObligation: Sendable {
    let effective: EffectiveObligation
    let policyVersion: Int
    let policyName: String
    /// The policy the obligation was computed with; its valuation table values the fulfilment too.
    let policy: SocialReturnPolicy
    /// How often the supplier reports: the policy's frequency, or its small-firm regime's.
    let reportingFrequency: MonitoringFrequency
}

enum ObligationService {
    /// The valuation table that values a contract's fulfilment: its obligation's policy (pinned once awarded), or the
    /// buyer's current policy for a contract without an obligation. Placements and activities are checked against it
    /// (its own target groups and building blocks).
    static func scheme(for contract: ContractModel, on db: any Database) async throws -> ValuationScheme {
        if let obligation = try await obligation(for: contract, on: db) { return obligation.policy.valuation }
        return try await PolicyStore.currentPolicy(of: contract.$buyer.id, on: db).valuation
    }

    static func obligation(for contract: ContractModel, on db: any Database) async throws -> ContractObligation? {
        guard let id = contract.id else { return nil }
        return try await obligations(for: [contract], on: db)[id]
    }

    /// Obligations of many contracts, reading each policy version once: the pinned version once awarded,
    /// the buyer's current version before that.
    static func obligations(for contracts: [ContractModel], on db: any Database) async throws -> [UUID: ContractObligation] {
        var pinned: [UUID: PolicyVersionModel] = [:]
        let pinnedIDs = Set(contracts.compactMap { $0.$policyVersion.id })
        if !pinnedIDs.isEmpty {
            for version in try await PolicyVersionModel.query(on: db).filter(\.$id ~~ pinnedIDs).all() {
                pinned[try version.requireID()] = version
            }
        }
        var currentByBuyer: [UUID: PolicyVersionModel?] = [:]
        var decoded: [UUID: SocialReturnPolicy] = [:]
        var result: [UUID: ContractObligation] = [:]
        // Frameworks: their awarded call-offs add their value; a call-off's obligation is the framework's.
        let ids = contracts.compactMap(\.id)
        let awarded = ContractStatus.allCases.filter(\.isAwarded).map(\.rawValue)
        let callOffs = ids.isEmpty ? [] : try await ContractModel.query(on: db).filter(\.$frameworkID ~~ ids).filter(\.$statusRaw ~~ awarded).all()
        let callOffsByFramework = Dictionary(grouping: callOffs, by: { $0.frameworkID! })
        let frameworkIDs = Set(contracts.compactMap(\.frameworkID))
        // The awarded suppliers' sizes, for a policy's small-firm regime: one query.
        let supplierIDs = Set(contracts.compactMap { $0.$supplier.id })
        var employees: [UUID: Int] = [:]
        if !supplierIDs.isEmpty {
            for org in try await OrganisationModel.query(on: db).filter(\.$id ~~ supplierIDs).field(\.$id).field(\.$employees).all() {
                if let id = org.id, let n = org.employees { employees[id] = n }
            }
        }
        // Obligations agreed in jobs, placements or effort: one query.
        var targets: [UUID: ObligationTarget] = [:]
        if !ids.isEmpty {
            for t in try await ContractTargetModel.query(on: db).filter(\.$contract.$id ~~ ids).all() { targets[t.$contract.id] = t.target }
        }
        var frameworkTitles: [UUID: String] = [:]
        if !frameworkIDs.isEmpty {
            for f in try await ContractModel.query(on: db).filter(\.$id ~~ frameworkIDs).all() { frameworkTitles[try f.requireID()] = f.title }
        }
        for contract in contracts {
            guard let id = contract.id, var terms = contract.terms else { continue }
            let combined = FrameworkAgreement.combined(framework: terms, callOffs: (callOffsByFramework[id] ?? []).compactMap(\.terms))
            terms = combined.terms
            let supplierEmployees = contract.$supplier.id.flatMap { employees[$0] }
            terms.supplierEmployees = supplierEmployees
            let version: PolicyVersionModel?
            if let pin = contract.$policyVersion.id {
                version = pinned[pin]
            } else if let cached = currentByBuyer[contract.$buyer.id] {
                version = cached
            } else {
                version = try await PolicyStore.current(of: contract.$buyer.id, on: db)
                currentByBuyer[contract.$buyer.id] = version
            }
            // Decoded once per version: a buyer's contracts mostly share one.
            let policy: SocialReturnPolicy
            if let version, let vid = version.id, let cached = decoded[vid] {
                policy = cached
            } else {
                policy = try version?.policy() ?? .municipalDefault
                if let vid = version?.id { decoded[vid] = policy }
            }
            var computed = ObligationCalculator.calculate(terms, policy: policy)
            if let frameworkID = contract.frameworkID {
                computed = FrameworkAgreement.callOffCalculation(frameworkTitle: frameworkTitles[frameworkID] ?? "")
            } else if let line = combined.explanation {
                computed.explanation.insert(line, at: 0)
            }
            result[id] = ContractObligation(
                effective: EffectiveObligation(computed: computed, override: contract.override, target: targets[id],
                                               targetDescription: targets[id]?.description(scheme: policy.valuation)),
                policyVersion: version?.number ?? 0, policyName: policy.name, policy: policy,
                reportingFrequency: policy.reportingFrequency(supplierEmployees: supplierEmployees))
        }
        return result
    }
}
