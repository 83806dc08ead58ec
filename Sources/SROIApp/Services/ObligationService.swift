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
}

enum ObligationService {
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
        var result: [UUID: ContractObligation] = [:]
        for contract in contracts {
            guard let id = contract.id, let terms = contract.terms else { continue }
            let version: PolicyVersionModel?
            if let pin = contract.$policyVersion.id {
                version = pinned[pin]
            } else if let cached = currentByBuyer[contract.$buyer.id] {
                version = cached
            } else {
                version = try await PolicyStore.current(of: contract.$buyer.id, on: db)
                currentByBuyer[contract.$buyer.id] = version
            }
            let policy = try version?.policy() ?? .municipalDefault
            result[id] = ContractObligation(
                effective: EffectiveObligation(computed: ObligationCalculator.calculate(terms, policy: policy), override: contract.override),
                policyVersion: version?.number ?? 0, policyName: policy.name, policy: policy)
        }
        return result
    }
}
