import Fluent
import Foundation

/// An invitation to join an organisation with a role. Only the SHA-256 of its token is stored.
final class InvitationModel: Model, @unchecked Sendable {
    static let schema = "invitations"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "role") var roleRaw: String
    @Parent(key: "organisation_id") var organisation: OrganisationModel
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "invited_by") var invitedBy: UUID?
    @OptionalField(key: "accepted_at") var acceptedAt: Date?
    /// Set when a new invitation to the same address replaced this one.
    @OptionalField(key: "replaced_at") var replacedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var isOpen: Bool { acceptedAt == nil && replacedAt == nil }
}

/// A request to set a new password. Only the SHA-256 of its token is stored.
final class PasswordResetModel: Model, @unchecked Sendable {
    static let schema = "password_resets"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

extension InvitationModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $email, $roleRaw, $organisation, $tokenHash, $expiresAt, $invitedBy, $acceptedAt, $replacedAt,
            $createdAt
        ]
    }
}

extension PasswordResetModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $user, $tokenHash, $expiresAt, $usedAt, $createdAt
        ]
    }
}
