import Fluent
import Foundation
import SROIDomain

/// Invitations: a manager invites a person to an organisation with a role; the person accepts with the link (valid
/// 72 hours, once) and chooses a name and password. Inviting the same address again replaces the open invitation.
enum InvitationService {
    static let lifetime: TimeInterval = 72 * 3600

    struct Draft: Sendable {
        var email: String?
        var role: String?
        var organisationID: UUID?
    }

    /// Creates the invitation and queues its e-mail in one transaction; returns it with the token (for the link).
    static func invite(_ draft: Draft, by user: CurrentUser, now: Date = Date(),
                       on db: any Database) async throws -> (InvitationModel, String) {
        if let target = draft.organisationID, target != user.organisationID, user.isBuyer, user.role == .coordinator,
           let org = try await OrganisationModel.find(target, on: db), org.kind == .jobService,
           try await UserModel.query(on: db).filter(\.$organisation.$id == target).count() == 0 {
            // A buyer's coordinator who registered the region's job service invites its first coordinator.
            guard draft.role == Role.serviceCoordinator.rawValue else {
                throw AppError.validation([.init(field: "role", message: "nodig eerst de coördinator van de werkgeversdienstverlening uit (service_coordinator)")])
            }
            return try await create(draft, by: user, now: now, on: db)
        }
        try PeopleAccess.requireManager(of: draft.organisationID ?? user.organisationID, user)
        return try await create(draft, by: user, now: now, on: db)
    }

    /// The invitation without the manager check, for callers that checked their own rule (`SupplierInvitation`).
    static func create(_ draft: Draft, by user: CurrentUser, now: Date = Date(),
                       on db: any Database) async throws -> (InvitationModel, String) {
        let organisationID = draft.organisationID ?? user.organisationID
        guard let organisation = try await OrganisationModel.find(organisationID, on: db) else { throw AppError.notFound }
        var errors: [FieldError] = []
        let email = (draft.email ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        if !UserService.isPlausibleEmail(email) { errors.append(.init(field: "email", message: "verwacht een e-mailadres, zoals naam@gemeente.nl")) }
        let allowed = Role.allowed(for: organisation.kind)
        let role = draft.role.flatMap(Role.init(rawValue:))
        if role == nil || !allowed.contains(role!) {
            errors.append(.init(field: "role", message: "kies een van: " + allowed.map(\.rawValue).joined(separator: ", ")))
        }
        guard errors.isEmpty, let role else { throw AppError.validation(errors) }
        if try await UserModel.query(on: db).filter(\.$email == email).first() != nil {
            throw AppError.conflict(field: "email", message: "dit e-mailadres heeft al een account")
        }
        let token = SecretLinks.newToken()
        let invitation = InvitationModel()
        invitation.email = email
        invitation.roleRaw = role.rawValue
        invitation.$organisation.id = organisationID
        invitation.tokenHash = SecretLinks.hash(token)
        invitation.expiresAt = now.addingTimeInterval(lifetime)
        invitation.invitedBy = user.userID
        let content = MailTemplates.invitation(organisation: organisation.name, role: role, invitedBy: user.name,
                                               link: MailSettings.relativeLink("/uitnodiging/\(token)"), expires: invitation.expiresAt)
        try await db.writeTransaction { db in
            // The open invitation to the same address (anywhere) stops working.
            for open in try await InvitationModel.query(on: db).filter(\.$email == email).filter(\.$acceptedAt == nil)
                .filter(\.$replacedAt == nil).all() {
                open.replacedAt = now
                try await open.update(on: db)
            }
            try await invitation.create(on: db)
            try await Outbox.queue(OutgoingMail(to: email, toName: nil, subject: content.subject, text: content.text, html: content.html,
                                                kind: "invitation"), now: now, on: db)
            try await AuditLog.record(.create, objectType: "invitation", objectID: invitation.id, by: user, before: Optional<String>.none,
                                      after: ["email": email, "role": role.rawValue, "organisation": organisation.name],
                                      about: organisationID, on: db)
        }
        return (invitation, token)
    }

    /// The open invitation for a token, or why there is none.
    static func open(token: String, now: Date = Date(), on db: any Database) async throws -> InvitationModel {
        guard let invitation = try await InvitationModel.query(on: db).filter(\.$tokenHash == SecretLinks.hash(token)).with(\.$organisation).first() else {
            throw LinkProblem.unknown
        }
        guard invitation.isOpen else { throw LinkProblem.used }
        guard invitation.expiresAt > now else { throw LinkProblem.expired }
        return invitation
    }

    /// Accepts: the account is created with the invitation's role, and the link stops working, in one transaction.
    static func accept(token: String, name: String?, password: String?, passwords: Passwords, now: Date = Date(),
                       on db: any Database) async throws -> UserModel {
        _ = try await open(token: token, now: now, on: db)
        return try await db.writeTransaction { db in
            let invitation = try await open(token: token, now: now, on: db)
            let user = try await UserService.create(email: invitation.email, name: (name ?? "").trimmingCharacters(in: .whitespaces),
                                                    role: invitation.roleRaw, password: password ?? "",
                                                    organisationID: invitation.$organisation.id, passwords: passwords, by: nil, on: db)
            invitation.acceptedAt = now
            try await invitation.update(on: db)
            try await AuditLog.record(.approve, objectType: "invitation", objectID: invitation.id, by: nil, before: Optional<String>.none,
                                      after: ["accepted": invitation.email, "user": try user.requireID().uuidString],
                                      about: invitation.$organisation.id, on: db)
            return user
        }
    }

    /// The invitations of an organisation that are still open, newest first.
    static func openInvitations(of organisationID: UUID, by user: CurrentUser, now: Date = Date(), on db: any Database) async throws -> [InvitationModel] {
        try PeopleAccess.requireManager(of: organisationID, user)
        return try await InvitationModel.query(on: db).filter(\.$organisation.$id == organisationID).filter(\.$acceptedAt == nil)
            .filter(\.$replacedAt == nil).filter(\.$expiresAt > now).sort(\.$createdAt, .descending).all()
    }
}
