import Fluent
import Foundation

/// A success story of a buyer's social return: a title and a text without personal data, optionally about one
/// contract; on the transparency page once published.
final class SuccessStoryModel: Model, @unchecked Sendable {
    static let schema = "success_stories"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organisation_id") var organisation: OrganisationModel
    @OptionalParent(key: "contract_id") var contract: ContractModel?
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @Field(key: "published") var published: Bool
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() { published = false }
}

extension SuccessStoryModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $organisation, $contract, $title, $body, $published, $createdBy, $createdAt, $updatedAt
        ]
    }
}
