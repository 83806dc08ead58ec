import Fluent
import Foundation
import SROIDomain

/// One version of a buyer's policy. Versions are only ever added: a contract points at the version
/// it was awarded under, so a later change never alters its obligation.
final class PolicyVersionModel: Model, @unchecked Sendable {
    static let schema = "policy_versions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organisation_id") var organisation: OrganisationModel
    @Field(key: "number") var number: Int
    /// The `SocialReturnPolicy` as JSON, so new settings need no schema change.
    @Field(key: "settings") var settingsJSON: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "note") var note: String?
    /// The regional policy version this one was adopted from; deviations are measured against it.
    @OptionalField(key: "based_on_version_id") var basedOnVersionID: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(organisationID: UUID, number: Int, policy: SocialReturnPolicy, createdBy: UUID?, note: String?) throws {
        self.$organisation.id = organisationID
        self.number = number
        self.settingsJSON = try PolicyVersionModel.encode(policy)
        self.createdBy = createdBy
        self.note = note
    }

    func policy() throws -> SocialReturnPolicy {
        try JSONDecoder().decode(SocialReturnPolicy.self, from: Data(settingsJSON.utf8))
    }

    static func encode(_ policy: SocialReturnPolicy) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(policy), as: UTF8.self)
    }
}
