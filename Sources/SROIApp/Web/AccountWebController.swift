import Fluent
import Foundation
import SROIDomain
import Vapor

/// The user's account (API tokens, log out everywhere) and the coordinator's audit log.
struct AccountWebController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get("account", use: account)
        routes.post("account", "tokens", use: createToken)
        routes.post("account", "tokens", ":tokenId", "revoke", use: revokeToken)
        routes.post("account", "revoke", use: revokeAll)
        routes.post("account", "organisation", use: saveOrganisation)
        routes.get("audit", use: audit)
        routes.get("audit.csv", use: auditCSV)
    }

    struct AccountPage: Encodable {
        struct Token: Encodable { var id: String; var name: String; var readOnly: Bool; var expires: String }
        var layout: Layout
        var tokens: [Token]
        var newToken: String?
        /// The organisation's number of employees (suppliers: a buyer's small-firm regime reads it).
        var organisation: String
        var employees: String
        var canEditOrganisation: Bool
        var isSupplier: Bool
    }

    struct OrganisationForm: Content { var employees: String? }

    /// The organisation's number of employees, through the same service as `PATCH /api/v1/organisations/{id}`.
    func saveOrganisation(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let text = (try req.content.decode(OrganisationForm.self).employees ?? "").trimmingCharacters(in: .whitespaces)
        guard text.isEmpty || Int(text) != nil else {
            req.session.data["flash"] = "Aantal medewerkers: verwacht een geheel getal, zoals 12."
            return req.redirect(to: "/account#organisatie")
        }
        do {
            try await OrganisationService.setEmployees(Int(text), of: user.organisationID, by: user, on: req.db)
            req.session.data["flash"] = "Het aantal medewerkers is opgeslagen."
        } catch AppError.validation(let list) {
            req.session.data["flash"] = "Aantal medewerkers: " + (list.first?.message ?? "") + "."
        }
        return req.redirect(to: "/account#organisatie")
    }

    func account(req: Request) async throws -> View {
        try await renderAccount(req, newToken: nil)
    }

    private func renderAccount(_ req: Request, newToken: String?) async throws -> View {
        let user = try req.currentUser()
        let formatter = DateFormatter()
        formatter.dateFormat = "d-M-yyyy"
        let tokens = try await APITokenModel.query(on: req.db).filter(\.$user.$id == user.userID).filter(\.$expiresAt > Date()).sort(\.$createdAt, .descending).all()
        let org = try await OrganisationModel.find(user.organisationID, on: req.db)
        return try await req.view.render("account", AccountPage(
            layout: Layout(request: req, active: "account"),
            tokens: tokens.map { .init(id: $0.id!.uuidString, name: $0.name, readOnly: $0.readOnly, expires: formatter.string(from: $0.expiresAt)) },
            newToken: newToken, organisation: org?.name ?? "", employees: org?.employees.map(String.init) ?? "",
            canEditOrganisation: user.role != .viewer, isSupplier: user.isSupplier))
    }

    struct TokenForm: Content {
        var name: String?
        var readOnly: String?
    }

    func createToken(req: Request) async throws -> View {
        let user = try req.currentUser()
        let form = try req.content.decode(TokenForm.self)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 100 else { throw AppError.validation([.init(field: "name", message: "geef het token een naam")]) }
        let token = try await APITokens.issue(for: user.userID, lifetime: 90 * 86_400, name: name, readOnly: form.readOnly == "yes", on: req.db)
        try await AuditLog.record(.create, objectType: "api_token", objectID: nil, by: user, before: Optional<String>.none,
                                  after: ["name": name, "readOnly": String(form.readOnly == "yes")], on: req.db)
        return try await renderAccount(req, newToken: token)
    }

    func revokeToken(req: Request) async throws -> Response {
        let user = try req.currentUser()
        guard let id = req.parameters.get("tokenId", as: UUID.self) else { throw AppError.notFound }
        let deleted = try await APITokenModel.query(on: req.db).filter(\.$id == id).filter(\.$user.$id == user.userID).count()
        guard deleted == 1 else { throw AppError.notFound }
        try await APITokenModel.query(on: req.db).filter(\.$id == id).delete()
        try await AuditLog.record(.revoke, objectType: "api_token", objectID: id, by: user, on: req.db)
        req.session.data["flash"] = "Het token is ingetrokken."
        return req.redirect(to: "/account")
    }

    func revokeAll(req: Request) async throws -> Response {
        try await AccountService.revokeEverything(for: try req.currentUser(), on: req.db)
        req.session.destroy()
        return req.redirect(to: "/login")
    }

    struct AuditPage: Encodable {
        struct Row: Encodable { var at: String; var user: String; var action: String; var object: String; var change: [String] }
        typealias Option = FormField.Option
        var layout: Layout
        var rows: [Row]
        var users: [Option]
        var types: [Option]
        var actions: [Option]
        var from: String
        var to: String
        var query: String
        var filtered: Bool
        var error: String?
    }

    func audit(req: Request) async throws -> Response {
        let user = try req.currentUser()
        var filter = AuditReading.Filter()
        var error: String?
        do { filter = try AuditReading.Filter.from(req.query) } catch AppError.badRequest(let field, let message) {
            error = "\(field ?? "filter"): \(message)"
        }
        let entries = try await AuditReading.apply(filter, to: try AuditService.entries(for: user, on: req.db)).limit(500).all()
        let names = try await AuditService.userNames(of: entries, on: req.db)
        let people = try await UserModel.query(on: req.db).filter(\.$organisation.$id == user.organisationID).sort(\.$name).all()
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        formatter.dateFormat = "d-M-yyyy HH:mm:ss"
        func options(_ labels: [String: String], selected: String?) -> [AuditPage.Option] {
            [AuditPage.Option(value: "", label: "alle", selected: selected == nil)]
                + labels.sorted { $0.value < $1.value }.map { AuditPage.Option(value: $0.key, label: $0.value, selected: $0.key == selected) }
        }
        return try await req.page("audit", AuditPage(
            layout: Layout(request: req, active: "audit"),
            rows: entries.map { e in
                .init(at: formatter.string(from: e.at), user: e.userID.flatMap { names[$0] } ?? (e.userID == nil ? "systeem" : "andere organisatie"),
                      action: AuditReading.actionLabel(e.action), object: AuditReading.objectLabel(e.objectType), change: AuditReading.change(e))
            },
            users: [AuditPage.Option(value: "", label: "iedereen", selected: filter.userID == nil)]
                + people.map { .init(value: $0.id!.uuidString, label: $0.name, selected: $0.id == filter.userID) },
            types: options(AuditReading.objectTypes, selected: filter.objectType), actions: options(AuditReading.actions, selected: filter.action),
            from: filter.from?.iso ?? "", to: filter.to?.iso ?? "", query: filter.query, filtered: !filter.isEmpty, error: error),
            status: error == nil ? .ok : .badRequest)
    }

    func auditCSV(req: Request) async throws -> Response {
        try await AuditService.csvDownload(req)
    }
}
