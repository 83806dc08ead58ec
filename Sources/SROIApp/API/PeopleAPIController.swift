import Fluent
import Foundation
import SROIDomain
import Vapor

/// People and what they hear: invitations, password resets, an organisation's users, notifications and their
/// e-mail preferences, and a contract's reporting calendar.
struct PeopleAPIController: Sendable {
    /// Routes that need no login (accepting an invitation, resetting a password).
    func registerPublic(_ api: any RoutesBuilder) {
        api.post("invitations", "accept", use: accept)
        api.post("password-reset", use: requestReset)
        api.post("password-reset", "confirm", use: confirmReset)
    }

    func register(_ auth: any RoutesBuilder) {
        auth.post("invitations", use: invite)
        auth.get("invitations", use: invitations)
        auth.get("organisations", ":id", "users", use: users)
        auth.patch("users", ":userId", use: changeUser)
        auth.get("notifications", use: notifications)
        auth.post("notifications", "read-all", use: readAll)
        auth.post("notifications", ":notificationId", "read", use: read)
        auth.get("notification-preferences", use: preferences)
        auth.put("notification-preferences", use: setPreferences)
        auth.post("contracts", ":id", "supplier-invitation", use: inviteSupplier)
        auth.get("contracts", ":id", "report-calendar", use: reportCalendar)
    }

    // MARK: Invitations

    func invite(req: Request) async throws -> Response {
        let body = try req.content.decode(InvitationRequest.self)
        let (invitation, _) = try await InvitationService.invite(.init(email: body.email, role: body.role, organisationID: body.organisationId),
                                                                 by: try req.currentUser(), on: req.db)
        return try await InvitationDTO(invitation).encodeResponse(status: .created, for: req)
    }

    func invitations(req: Request) async throws -> [InvitationDTO] {
        let user = try req.currentUser()
        let organisation = try req.query.get(UUID?.self, at: "organisationId") ?? user.organisationID
        return try await InvitationService.openInvitations(of: organisation, by: user, on: req.db).map { try InvitationDTO($0) }
    }

    func accept(req: Request) async throws -> Response {
        let body = try req.content.decode(AcceptInvitationRequest.self)
        let user = try await InvitationService.accept(token: body.token, name: body.name, password: body.password,
                                                      passwords: req.platform.passwords, on: req.db)
        return try await UserDTO(user).encodeResponse(status: .created, for: req)
    }

    func inviteSupplier(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let contract = try await Access.contract(req.parameters.get("id", as: UUID.self), for: user, on: req.db)
        let body = try req.content.decode(SupplierInvitationRequest.self)
        let (invitation, _) = try await SupplierInvitation.invite(.init(email: body.email, supplierName: body.supplierName, kvk: body.kvk),
                                                                  to: contract, by: user, on: req.db)
        return try await InvitationDTO(invitation).encodeResponse(status: .created, for: req)
    }

    // MARK: Password reset

    static let resetAnswer = "Als dit e-mailadres bij een account hoort, is er een e-mail met een link onderweg. De link is een uur geldig."

    func requestReset(req: Request) async throws -> Response {
        let body = try req.content.decode(PasswordResetRequest.self)
        try await PasswordResetService.request(email: body.email, address: req.clientAddress, on: req.db)
        return try await MessageDTO(message: Self.resetAnswer).encodeResponse(status: .accepted, for: req)
    }

    func confirmReset(req: Request) async throws -> MessageDTO {
        let body = try req.content.decode(PasswordResetConfirmation.self)
        _ = try await PasswordResetService.confirm(token: body.token, password: body.password, passwords: req.platform.passwords, on: req.db)
        return MessageDTO(message: "Uw nieuwe wachtwoord is ingesteld. Alle sessies en API-tokens van uw account zijn beëindigd; log opnieuw in.")
    }

    // MARK: Users

    func users(req: Request) async throws -> [UserDTO] {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound }
        let user = try req.currentUser()
        // Another organisation's people: not found, unless one is the platform's administrator.
        guard user.isAdministrator || id == user.organisationID else { throw AppError.notFound }
        return try await PeopleAdministration.users(of: id, by: user, on: req.db).map { try UserDTO($0) }
    }

    func changeUser(req: Request) async throws -> UserDTO {
        let body = try req.content.decode(UserChangeRequest.self)
        return try UserDTO(try await PeopleAdministration.change(req.parameters.get("userId", as: UUID.self),
                                                                 .init(role: body.role, active: body.active), by: try req.currentUser(), on: req.db))
    }

    // MARK: Notifications

    func notifications(req: Request) async throws -> NotificationListDTO {
        let user = try req.currentUser()
        return NotificationListDTO(unread: try await Notifications.unreadCount(for: user.userID, on: req.db),
                                   items: try await Notifications.list(for: user, on: req.db).map { try NotificationDTO($0) })
    }

    func read(req: Request) async throws -> NotificationDTO {
        try NotificationDTO(try await Notifications.markRead(req.parameters.get("notificationId", as: UUID.self), for: try req.currentUser(), on: req.db))
    }

    func readAll(req: Request) async throws -> HTTPStatus {
        try await Notifications.markAllRead(for: try req.currentUser(), on: req.db)
        return .noContent
    }

    func preferences(req: Request) async throws -> [NotificationPreferenceDTO] {
        try await Notifications.preferences(of: try req.currentUser().userID, on: req.db).map {
            NotificationPreferenceDTO(kind: $0.0.rawValue, label: $0.0.dutchLabel, mode: $0.1.rawValue)
        }
    }

    func setPreferences(req: Request) async throws -> [NotificationPreferenceDTO] {
        let body = try req.content.decode([String: String].self)
        try await Notifications.setPreferences(body, for: try req.currentUser(), on: req.db)
        return try await preferences(req: req)
    }

    // MARK: Reporting calendar

    func reportCalendar(req: Request) async throws -> [ReportCalendarEntryDTO] {
        let contract = try await Access.contract(req.parameters.get("id", as: UUID.self), for: try req.currentUser(), on: req.db)
        return try await ReportCalendarService.open(for: contract, today: req.platform.today(), on: req.db).map {
            ReportCalendarEntryDTO(periodStart: $0.period.start.iso, periodEnd: $0.period.end.iso, dueDate: $0.dueDate.iso, state: $0.state.rawValue)
        }
    }
}
