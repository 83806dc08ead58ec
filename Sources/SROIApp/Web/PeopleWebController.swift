import Fluent
import Foundation
import SROIDomain
import Vapor

/// The organisation's people (for coordinators and supplier administrators) and every user's notifications.
struct PeopleWebController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get("gebruikers", use: people)
        routes.post("gebruikers", "uitnodigen", use: invite)
        routes.post("gebruikers", ":userId", use: change)
        routes.post("contracts", ":id", "opdrachtnemer-uitnodigen", use: inviteSupplier)
        routes.get("meldingen", use: notifications)
        routes.post("meldingen", "gelezen", use: readAll)
        routes.post("meldingen", "voorkeuren", use: savePreferences)
    }

    typealias Option = FormField.Option

    struct PeoplePage: Encodable {
        struct Person: Encodable { var id: String; var name: String; var email: String; var role: String; var active: Bool; var isSelf: Bool; var roles: [Option] }
        struct Invitation: Encodable { var email: String; var role: String; var expires: String }
        var layout: Layout
        var organisation: String
        var users: [Person]
        var invitations: [Invitation]
        var fields: [FormField]
        var summary: [ErrorSummaryItem]
    }

    struct InviteForm: Content { var email: String?; var role: String? }

    func people(req: Request) async throws -> Response {
        try await render(req, form: InviteForm(), errors: [:], status: .ok)
    }

    private func render(_ req: Request, form: InviteForm, errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let user = try req.currentUser()
        let users = try await PeopleAdministration.users(of: user.organisationID, by: user, on: req.db)
        let invitations = try await InvitationService.openInvitations(of: user.organisationID, by: user, on: req.db)
        let allowed = Role.allowed(for: user.organisationKind)
        var fields = [
            FormField(name: "email", label: "E-mailadres", type: "email", value: form.email ?? "", required: true),
            .select("role", "Rol", value: form.role ?? allowed.last?.rawValue, options: allowed.map { ($0.rawValue, $0.dutchLabel) }, required: true,
                    hint: user.isSupplier ? "Een rapporteur legt plaatsingen, uren en rapportages vast; een beheerder ook, en nodigt collega's uit."
                        : "De SR-coördinator beoordeelt rapportages en stelt het beleid vast; een meekijker ziet alleen totalen."),
        ]
        _ = fields.attach(errors)
        return try await req.page("people", PeoplePage(
            layout: Layout(request: req, active: "people"), organisation: user.organisationName,
            users: users.map { u in
                PeoplePage.Person(id: u.id!.uuidString, name: u.name, email: u.email, role: u.role.dutchLabel, active: u.active,
                                  isSelf: u.id == user.userID,
                                  roles: allowed.map { Option(value: $0.rawValue, label: $0.dutchLabel, selected: $0 == u.role) })
            },
            invitations: invitations.map { .init(email: $0.email, role: Role(rawValue: $0.roleRaw)?.dutchLabel ?? $0.roleRaw,
                                                 expires: MailTemplates.dutchDateTime($0.expiresAt)) },
            fields: fields, summary: fields.errorSummary), status: status)
    }

    func invite(req: Request) async throws -> Response {
        let form = try req.content.decode(InviteForm.self)
        do {
            _ = try await InvitationService.invite(.init(email: form.email, role: form.role, organisationID: nil), by: try req.currentUser(), on: req.db)
            req.session.data["flash"] = "De uitnodiging is verstuurd naar \(form.email ?? "")."
            return req.redirect(to: "/gebruikers")
        } catch AppError.validation(let list) {
            return try await render(req, form: form, errors: Dictionary(list.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a }),
                                    status: .unprocessableEntity)
        } catch AppError.conflict(let field, let message) {
            return try await render(req, form: form, errors: [field ?? "email": message], status: .conflict)
        }
    }

    struct SupplierForm: Content { var email: String?; var supplierName: String?; var kvk: String? }

    func inviteSupplier(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let contract = try await Access.contract(req.parameters.get("id", as: UUID.self), for: user, on: req.db)
        let form = try req.content.decode(SupplierForm.self)
        do {
            _ = try await SupplierInvitation.invite(.init(email: form.email, supplierName: form.supplierName, kvk: form.kvk), to: contract, by: user, on: req.db)
            req.session.data["flash"] = "De uitnodiging is verstuurd naar \(form.email ?? "")."
        } catch AppError.validation(let list) {
            req.session.data["flash"] = "Niet verstuurd: " + list.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        } catch AppError.conflict(_, let message) {
            req.session.data["flash"] = "Niet verstuurd: " + message
        }
        return req.redirect(to: PagePath.contract(try contract.requireID()))
    }

    struct ChangeForm: Content { var role: String?; var active: String? }

    func change(req: Request) async throws -> Response {
        let form = try req.content.decode(ChangeForm.self)
        do {
            let u = try await PeopleAdministration.change(req.parameters.get("userId", as: UUID.self),
                                                          .init(role: form.role, active: form.active.map { $0 == "yes" }), by: try req.currentUser(), on: req.db)
            req.session.data["flash"] = u.active ? "\(u.name) is \(u.role.dutchLabel)." : "\(u.name) is uitgeschakeld en kan niet meer inloggen."
        } catch AppError.validation(let list) {
            req.session.data["flash"] = "Niet gewijzigd: " + (list.first?.message ?? "")
        }
        return req.redirect(to: "/gebruikers")
    }

    // MARK: Notifications

    struct NotificationsPage: Encodable {
        struct Item: Encodable { var title: String; var body: String; var link: String; var read: Bool; var at: String }
        struct Preference: Encodable { var kind: String; var label: String; var options: [Option] }
        var layout: Layout
        var items: [Item]
        var preferences: [Preference]
    }

    func notifications(req: Request) async throws -> View {
        let user = try req.currentUser()
        let items = try await Notifications.list(for: user, on: req.db)
        let preferences = try await Notifications.preferences(of: user.userID, on: req.db)
        return try await req.view.render("notifications", NotificationsPage(
            layout: Layout(request: req, active: "notifications"),
            items: items.map { .init(title: $0.title, body: $0.body, link: $0.link, read: $0.readAt != nil,
                                     at: $0.createdAt.map(MailTemplates.dutchDateTime) ?? "") },
            preferences: preferences.map { p in
                .init(kind: p.0.rawValue, label: p.0.dutchLabel,
                      options: DeliveryMode.allCases.map { Option(value: $0.rawValue, label: $0.dutchLabel, selected: $0 == p.1) })
            }))
    }

    func readAll(req: Request) async throws -> Response {
        try await Notifications.markAllRead(for: try req.currentUser(), on: req.db)
        return req.redirect(to: "/meldingen")
    }

    func savePreferences(req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self).filter { $0.key != CSRF.fieldName }
        do {
            try await Notifications.setPreferences(form, for: try req.currentUser(), on: req.db)
            req.session.data["flash"] = "Uw voorkeuren zijn opgeslagen."
        } catch AppError.validation(let list) {
            req.session.data["flash"] = "Niet opgeslagen: " + (list.first?.message ?? "")
        }
        return req.redirect(to: "/meldingen")
    }
}

/// Loads the user's unread count once per page request, for the header.
struct UnreadNotifications: AsyncMiddleware {
    struct Key: StorageKey { typealias Value = Int }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method == .GET, let user = request.auth.get(CurrentUser.self) {
            request.storage[Key.self] = try await Notifications.unreadCount(for: user.userID, on: request.db)
        }
        return try await next.respond(to: request)
    }
}
