import Fluent
import Foundation
import SROIDomain
import Vapor

extension Application {
    /// The configuration the application was set up with.
    public var platformConfiguration: AppConfiguration { platform.configuration }
}

/// A problem the `sroi` command reports to the person at the terminal, in Dutch.
public struct CommandFailure: Error, CustomStringConvertible {
    public let description: String
}

/// Account administration for the `sroi user` command.
public enum UserAdministration {
    public struct Created: Sendable {
        public let email: String
        public let role: String
        public let organisation: String
    }

    /// Creates a user in the organisation named by id, KvK number or exact name.
    public static func create(email: String, name: String, organisation: String, role: String, password: String,
                              on app: Application) async throws -> Created {
        let db = app.db
        var org: OrganisationModel?
        if let id = UUID(uuidString: organisation) { org = try await OrganisationModel.find(id, on: db) }
        if org == nil { org = try await OrganisationModel.query(on: db).filter(\.$kvk == organisation).first() }
        if org == nil { org = try await OrganisationModel.query(on: db).filter(\.$name == organisation).first() }
        guard let org, let orgID = org.id else {
            throw CommandFailure(description: "organisation: geen organisatie met id, KvK-nummer of naam '\(organisation)'")
        }
        do {
            let user = try await UserService.create(email: email, name: name, role: role, password: password, organisationID: orgID,
                                                    passwords: app.platform.passwords, by: nil, on: db)
            return Created(email: user.email, role: user.role.dutchLabel, organisation: org.name)
        } catch let error as AppError {
            let lines = error.details.isEmpty ? [(error.field.map { "\($0): " } ?? "") + error.message]
                                              : error.details.map { "\($0.field): \($0.message)" }
            throw CommandFailure(description: lines.joined(separator: "\n"))
        }
    }
}
