import Fluent
import Foundation
import SROIDomain

/// Creates accounts: a valid e-mail used once, a role that fits the organisation, a password that meets the rules.
enum UserService {
    static func create(email: String, name: String, role: String, password: String, organisationID: UUID,
                       passwords: Passwords, by user: CurrentUser?, on db: any Database) async throws -> UserModel {
        var errors: [FieldError] = []
        let normalised = email.trimmingCharacters(in: .whitespaces).lowercased()
        if !isPlausibleEmail(normalised) { errors.append(.init(field: "email", message: "verwacht een e-mailadres")) }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(.init(field: "name", message: "vul een naam in")) }
        let problems = Passwords.problems(with: password)
        if !problems.isEmpty {
            errors.append(.init(field: "password", message: "het wachtwoord moet " + problems.joined(separator: " en ")))
        }
        guard let organisation = try await OrganisationModel.find(organisationID, on: db) else {
            throw AppError.validation(errors + [.init(field: "organisation", message: "onbekende organisatie")])
        }
        let parsedRole = Role(rawValue: role)
        if parsedRole == nil || !Role.allowed(for: organisation.kind).contains(parsedRole!) {
            let allowed = Role.allowed(for: organisation.kind).map(\.rawValue).joined(separator: ", ")
            errors.append(.init(field: "role", message: "kies een van: \(allowed)"))
        }
        guard errors.isEmpty, let parsedRole else { throw AppError.validation(errors) }
        if try await UserModel.query(on: db).filter(\.$email == normalised).first() != nil {
            throw AppError.conflict(field: "email", message: "dit e-mailadres heeft al een account")
        }
        let model = UserModel(organisationID: organisationID, email: normalised, name: name, role: parsedRole,
                              passwordHash: try passwords.hash(password))
        try await db.writeTransaction { db in
            try await model.create(on: db)
            try await AuditLog.record(.create, objectType: "user", objectID: model.id, by: user,
                                      before: Optional<String>.none, after: ["email": normalised, "role": parsedRole.rawValue], on: db)
        }
        return model
    }

    static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !email.contains(" ") && email.count <= 254
    }
}
