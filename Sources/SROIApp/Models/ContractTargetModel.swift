import Fluent
import Foundation
import SROIDomain

/// A contract's obligation in another unit than euros (`ObligationTarget`), stored as JSON; at most one per contract.
final class ContractTargetModel: Model, @unchecked Sendable {
    static let schema = "contract_targets"

    @ID(key: .id) var id: UUID?
    @Parent(key: "contract_id") var contract: ContractModel
    /// jobs, placements or effort: the kind, for queries.
    @Field(key: "kind") var kind: String
    @Field(key: "spec") var spec: String
    @OptionalField(key: "updated_by") var updatedBy: UUID?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var target: ObligationTarget? { try? JSONDecoder().decode(ObligationTarget.self, from: Data(spec.utf8)) }

    func set(_ target: ObligationTarget) throws {
        kind = target.kind
        spec = String(decoding: try JSONEncoder().encode(target), as: UTF8.self)
    }
}

extension ContractTargetModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $contract, $kind, $spec, $updatedBy, $updatedAt
        ]
    }
}
