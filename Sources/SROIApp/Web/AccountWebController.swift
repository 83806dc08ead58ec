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
        routes.get("audit", use: audit)
        routes.get("audit.csv", use: auditCSV)
    }

    struct AccountPage: Encodable {
        struct Token: Encodable { var id: String; var name: String; var readOnly: Bool; var expires: String }
        var layout: Layout
        var tokens: [Token]
        var newToken: String?
    }

    func account(req: Request) async throws -> View {
        try await renderAccount(req, newToken: nil)
    }

    private func renderAccount(_ req: Request, newToken: String?) async throws -> View {
        let user = try req.currentUser()
        let formatter = DateFormatter()
        formatter.dateFormat = "d-M-yyyy"
        let tokens = try await APITokenModel.query(on: req.db).filter(\.$user.$id == user.userID).filter(\.$expiresAt > Date()).sort(\.$createdAt, .descending).all()
        return try await req.view.render("account", AccountPage(
            layout: Layout(request: req, active: "account"),
            tokens: tokens.map { .init(id: $0.id!.uuidString, name: $0.name, readOnly: $0.readOnly, expires: formatter.string(from: $0.expiresAt)) },
            newToken: newToken))
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
        struct Row: Encodable { var at: String; var user: String; var action: String; var object: String; var change: String }
        var layout: Layout
        var rows: [Row]
    }

    func audit(req: Request) async throws -> View {
        let user = try req.currentUser()
        let entries = try await AuditService.entries(for: user, on: req.db).limit(500).all()
        let ids = Set(entries.compactMap(\.userID))
        var names: [UUID: String] = [:]
        if !ids.isEmpty { for u in try await UserModel.query(on: req.db).filter(\.$id ~~ ids).all() { names[u.id!] = u.name } }
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        formatter.dateFormat = "d-M-yyyy HH:mm:ss"
        return try await req.view.render("audit", AuditPage(layout: Layout(request: req, active: "audit"), rows: entries.map { e in
            .init(at: formatter.string(from: e.at), user: e.userID.flatMap { names[$0] } ?? "-", action: e.action,
                  object: e.objectType + (e.objectID.map { " " + $0.prefix(8) } ?? ""), change: e.redactedAt != nil ? "persoonsgegevens verwijderd op verzoek van de kandidaat (AVG)"
                    : [e.before, e.after].compactMap { $0 }.joined(separator: " → "))
        }))
    }

    func auditCSV(req: Request) async throws -> Response {
        try await AuditService.csvDownload(req)
    }
}
