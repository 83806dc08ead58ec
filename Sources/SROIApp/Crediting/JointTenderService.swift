import Fluent
import Foundation
import SROIDomain

/// A joint tender of several buyers (gezamenlijke aanbesteding, e.g. a region): one obligation, credited to each
/// buyer in proportion to its share of the contract value (pro-rata booking). The lead buyer owns the contract.
enum JointTenderService {
    struct Share: Sendable {
        var organisationID: UUID
        var organisationName: String
        var value: Money
        var obligation: Money
        var realised: Money
        var pending: Money
    }

    /// The participants, by share; empty when the contract is not shared.
    static func participants(of contract: some ContractFields, on db: any Database) async throws -> [ContractParticipantModel] {
        guard let id = contract.id else { return [] }
        return try await ContractParticipantModel.query(on: db).filter(\.$contract.$id == id).with(\.$organisation)
            .sort(\.$valueCents, .descending).all()
    }

    /// Sets the participants. Their values must add up to the contract value and include the lead buyer.
    static func setParticipants(_ entries: [(UUID?, Int64?)], on contract: ContractModel, by user: CurrentUser, on db: any Database) async throws {
        try Access.requireCoordinator(user)
        var errors: [FieldError] = []
        var seen: Set<UUID> = []
        for (i, (org, value)) in entries.enumerated() {
            if let org, seen.insert(org).inserted, let found = try await OrganisationModel.find(org, on: db), found.kind == .buyer {} else {
                errors.append(.init(field: "participants[\(i)].organisationId", message: "kies een opdrachtgever, elk één keer"))
            }
            if (value ?? 0) <= 0 || (value ?? 0) > contract.valueCents {
                errors.append(.init(field: "participants[\(i)].valueCents", message: "verwacht een bedrag groter dan 0 en hoogstens de opdrachtwaarde"))
            }
        }
        if !entries.isEmpty {
            if !seen.contains(contract.$buyer.id) {
                errors.append(.init(field: "participants", message: "de trekkende opdrachtgever hoort er zelf bij"))
            }
            let total = entries.reduce(Int64(0)) { $0 + ($1.1 ?? 0) }
            if total != contract.valueCents {
                errors.append(.init(field: "participants", message: "de aandelen tellen op tot \(Money(cents: total)); de opdrachtwaarde is \(Money(cents: contract.valueCents))"))
            }
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let contractID = try contract.requireID()
        try await db.writeTransaction { db in
            try await ContractParticipantModel.query(on: db).filter(\.$contract.$id == contractID).delete()
            for (org, value) in entries {
                try await ContractParticipantModel(contractID: contractID, organisationID: org!, valueCents: value!).create(on: db)
            }
            try await AuditLog.record(.update, objectType: "contract_participants", objectID: contractID, by: user, before: Optional<String>.none,
                                      after: entries.map { ["organisationId": $0.0!.uuidString, "valueCents": String($0.1!)] },
                                      about: contract.$buyer.id, on: db)
        }
    }

    /// Each participant's part of the obligation, the realised and the pending value; the parts add up exactly.
    static func shares(of contract: some ContractFields, progress: ContractProgress, context: ObligationService.Context? = nil,
                       on db: any Database) async throws -> [Share] {
        // The contract's obligation context, when read, tells whether it has participants at all.
        if let context, let id = contract.id, !context.shared.contains(id) { return [] }
        let participants = try await participants(of: contract, on: db)
        guard !participants.isEmpty else { return [] }
        let weights = participants.map(\.valueCents)
        let obligation = ProRataSplit.split(progress.obligation, weights: weights)
        let realised = ProRataSplit.split(progress.realised, weights: weights)
        let pending = ProRataSplit.split(progress.pending, weights: weights)
        return participants.indices.map { i in
            Share(organisationID: participants[i].$organisation.id, organisationName: participants[i].organisation.name,
                  value: Money(cents: weights[i]), obligation: obligation[i], realised: realised[i], pending: pending[i])
        }
    }

    /// `participatingContract` for a request that only reads: a `ContractRecord` with its obligation's context, read once.
    static func participatingContractToRead(_ id: UUID?, for user: CurrentUser, on db: any Database) async throws -> (ContractRecord, ObligationService.Context) {
        guard let (contract, context) = try await Access.contractWithContext(id, on: db) else { throw AppError.notFound }
        if Access.mayRead(contract, user) { return (contract, context) }
        guard try await isParticipant(user, in: contract.id, on: db) else { throw AppError.notFound }
        return (contract, context)
    }

    /// A participating buyer may read a joint contract it does not lead (never change it).
    static func participatingContract(_ id: UUID?, for user: CurrentUser, on db: any Database) async throws -> ContractModel {
        if let own = try? await Access.contract(id, for: user, on: db) { return own }
        guard try await isParticipant(user, in: id, on: db), let id, let contract = try await ContractModel.find(id, on: db) else { throw AppError.notFound }
        return contract
    }

    /// The user's organisation is a buyer taking part in this contract's joint tender.
    private static func isParticipant(_ user: CurrentUser, in id: UUID?, on db: any Database) async throws -> Bool {
        guard let id, user.isBuyer else { return false }
        return try await ContractParticipantModel.query(on: db).filter(\.$contract.$id == id)
            .filter(\.$organisation.$id == user.organisationID).first() != nil
    }
}
