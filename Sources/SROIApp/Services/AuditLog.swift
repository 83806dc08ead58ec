import Fluent
import Foundation
import Vapor

/// Writes the append-only audit log. Entries are only ever inserted; nothing in the application updates or deletes them.
enum AuditLog {
    enum Action: String {
        case create, update, delete, override, login, logout, approve, reject, revoke, export, erase
        case loginFailed = "login_failed"
        case removeOverride = "remove_override"
        case policyChange = "policy_change"
    }

    static func record<Before: Encodable, After: Encodable>(
        _ action: Action, objectType: String, objectID: UUID?, by user: CurrentUser?,
        before: Before?, after: After?, about subject: UUID? = nil, on db: any Database
    ) async throws {
        try await AuditEntryModel(at: Date(), userID: user?.userID, organisationID: user?.organisationID,
                                  action: action.rawValue, objectType: objectType, objectID: objectID?.uuidString,
                                  before: try before.map(json), after: try after.map(json), subjectOrganisationID: subject).create(on: db)
    }

    static func record(_ action: Action, objectType: String, objectID: UUID?, by user: CurrentUser?, about subject: UUID? = nil,
                       on db: any Database) async throws {
        try await record(action, objectType: objectType, objectID: objectID, by: user,
                         before: Optional<String>.none, after: Optional<String>.none, about: subject, on: db)
    }

    private static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder.api.encode(value), as: UTF8.self)
    }
}
