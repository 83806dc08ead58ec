import Fluent
import Foundation
import SROIDomain

/// A person who logs in. Belongs to one organisation and has one role there.
final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organisation_id") var organisation: OrganisationModel
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "role") var roleRaw: String
    /// bcrypt
    @Field(key: "password_hash") var passwordHash: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// Sessions and tokens from before this moment are no longer valid ("log out everywhere").
    @OptionalField(key: "sessions_valid_after") var sessionsValidAfter: Date?
    /// A deactivated account cannot log in; its history stays.
    @Field(key: "active") var active: Bool

    init() {}

    init(id: UUID? = nil, organisationID: UUID, email: String, name: String, role: Role, passwordHash: String) {
        self.id = id
        self.$organisation.id = organisationID
        self.email = email
        self.name = name
        self.roleRaw = role.rawValue
        self.passwordHash = passwordHash
        self.active = true
    }

    var role: Role { Role(rawValue: roleRaw) ?? .viewer }
}

extension UserModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $organisation, $email, $name, $roleRaw, $passwordHash, $createdAt, $sessionsValidAfter, $active
        ]
    }
}
