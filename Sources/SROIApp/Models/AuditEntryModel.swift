import Fluent
import Foundation

/// One line of the append-only audit log: who did what to which object, with before and after.
final class AuditEntryModel: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date
    @OptionalField(key: "user_id") var userID: UUID?
    @OptionalField(key: "organisation_id") var organisationID: UUID?
    @Field(key: "action") var action: String
    @Field(key: "object_type") var objectType: String
    @OptionalField(key: "object_id") var objectID: String?
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?
    /// The organisation whose data this is about (the buyer of a contract), when not the actor's own.
    @OptionalField(key: "subject_organisation_id") var subjectOrganisationID: UUID?
    /// Set when the person's details (before and after) were removed on the candidate's request.
    @OptionalField(key: "redacted_at") var redactedAt: Date?

    init() {}

    init(at: Date, userID: UUID?, organisationID: UUID?, action: String, objectType: String, objectID: String?,
         before: String?, after: String?, subjectOrganisationID: UUID? = nil) {
        self.at = at
        self.userID = userID
        self.organisationID = organisationID
        self.action = action
        self.objectType = objectType
        self.objectID = objectID
        self.before = before
        self.after = after
        self.subjectOrganisationID = subjectOrganisationID
    }
}

extension AuditEntryModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $at, $userID, $organisationID, $action, $objectType, $objectID, $before, $after,
            $subjectOrganisationID, $redactedAt
        ]
    }
}
