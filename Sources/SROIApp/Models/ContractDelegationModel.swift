import Fluent
import Foundation

/// The awarded supplier authorises another organisation to record and report on its behalf for one contract; either
/// side can end it. Active while `revokedAt` is nil.
final class ContractDelegationModel: Model, @unchecked Sendable {
    static let schema = "contract_delegations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "contract_id") var contract: ContractModel
    @Field(key: "supplier_id") var supplierID: UUID
    @Parent(key: "delegate_organisation_id") var delegate: OrganisationModel
    @OptionalField(key: "granted_by") var grantedBy: UUID?
    @Timestamp(key: "granted_at", on: .create) var grantedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @OptionalField(key: "revoked_by") var revokedBy: UUID?

    init() {}
}

extension ContractDelegationModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $contract, $supplierID, $delegate, $grantedBy, $grantedAt, $revokedAt, $revokedBy
        ]
    }
}
