import Fluent
import Foundation

/// A file that proves fulfilment (employment contract, salary overview, invoice). The bytes live in the
/// evidence directory under a random name; after the retention period only this record remains.
final class EvidenceFileModel: Model, @unchecked Sendable {
    static let schema = "evidence_files"

    @ID(key: .id) var id: UUID?
    @Parent(key: "contract_id") var contract: ContractModel
    @OptionalField(key: "report_id") var reportID: UUID?
    @Field(key: "filename") var filename: String
    @Field(key: "size") var size: Int64
    @Field(key: "sha256") var sha256: String
    @Field(key: "storage_key") var storageKey: String
    @OptionalField(key: "uploaded_by") var uploadedBy: UUID?
    @Timestamp(key: "uploaded_at", on: .create) var uploadedAt: Date?
    @OptionalField(key: "deleted_at") var deletedAt: Date?

    init() {}
}

extension EvidenceFileModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $contract, $reportID, $filename, $size, $sha256, $storageKey, $uploadedBy, $uploadedAt, $deletedAt
        ]
    }
}
