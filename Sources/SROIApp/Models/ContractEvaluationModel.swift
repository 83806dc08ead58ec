import Fluent
import Foundation

/// One evaluation of a contract's social return, by the buyer or by the supplier (step 4b).
final class ContractEvaluationModel: Model, @unchecked Sendable {
    static let schema = "contract_evaluations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "contract_id") var contract: ContractModel
    @Field(key: "organisation_id") var organisationID: UUID
    /// buyer or supplier
    @Field(key: "side") var side: String
    @Field(key: "what_worked") var whatWorked: String
    /// What to take into the next tender ("leg vast wat je meeneemt").
    @Field(key: "lessons") var lessons: String
    /// The buyer's judgement of the supplier's social return performance, 1 to 5.
    @OptionalField(key: "judgement") var judgement: Int?
    /// The supplier shares this judgement with other buyers as a reference.
    @Field(key: "shared_as_reference") var sharedAsReference: Bool
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() { sharedAsReference = false }
}

extension ContractEvaluationModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $contract, $organisationID, $side, $whatWorked, $lessons, $judgement, $sharedAsReference, $createdBy,
            $createdAt
        ]
    }
}
