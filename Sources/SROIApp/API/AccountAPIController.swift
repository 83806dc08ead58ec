import Fluent
import Foundation
import SROIDomain
import Vapor

/// The user's own API tokens and sessions, and the organisation's audit log.
struct AccountAPIController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get("tokens", use: tokens)
        routes.post("tokens", use: createToken)
        routes.delete("tokens", ":tokenId", use: revokeToken)
        routes.post("logout", use: logout)
        routes.post("sessions", "revoke", use: revokeAll)
        routes.get("audit", use: audit)
        routes.get("audit.csv", use: auditCSV)
    }

    struct TokenDTO: Content {
        var id: UUID
        var name: String
        var readOnly: Bool
        var createdAt: Date?
        var expiresAt: Date
        /// Only in the answer to creation: shown once, stored only as a hash.
        var token: String?
    }

    struct CreateTokenRequest: Content {
        var name: String
        var readOnly: Bool?
        /// Days the token is valid: 1 to 365, default 90.
        var days: Int?
    }

    func tokens(req: Request) async throws -> [TokenDTO] {
        let user = try req.currentUser()
        return try await APITokenModel.query(on: req.db).filter(\.$user.$id == user.userID).filter(\.$expiresAt > Date())
            .sort(\.$createdAt, .descending).all()
            .map { TokenDTO(id: try $0.requireID(), name: $0.name, readOnly: $0.readOnly, createdAt: $0.createdAt, expiresAt: $0.expiresAt) }
    }

    func createToken(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let body = try req.content.decode(CreateTokenRequest.self)
        var errors: [FieldError] = []
        let name = body.name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.count > 100 { errors.append(.init(field: "name", message: "geef het token een naam van 1 tot 100 tekens")) }
        let days = body.days ?? 90
        if !(1...365).contains(days) { errors.append(.init(field: "days", message: "verwacht 1 tot 365 dagen")) }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let token = try await APITokens.issue(for: user.userID, lifetime: TimeInterval(days) * 86_400, name: name,
                                              readOnly: body.readOnly ?? false, on: req.db)
        let model = try await APITokenModel.query(on: req.db).filter(\.$tokenHash == APITokens.hash(token)).first()!
        try await AuditLog.record(.create, objectType: "api_token", objectID: model.id, by: user, before: Optional<String>.none,
                                  after: ["name": name, "readOnly": String(model.readOnly)], on: req.db)
        return try await TokenDTO(id: try model.requireID(), name: name, readOnly: model.readOnly, createdAt: model.createdAt,
                                  expiresAt: model.expiresAt, token: token).encodeResponse(status: .created, for: req)
    }

    func revokeToken(req: Request) async throws -> HTTPStatus {
        let user = try req.currentUser()
        guard let id = req.parameters.get("tokenId", as: UUID.self),
              let token = try await APITokenModel.query(on: req.db).filter(\.$id == id).filter(\.$user.$id == user.userID).first()
        else { throw AppError.notFound }
        try await req.db.writeTransaction { db in
            try await token.delete(on: db)
            try await AuditLog.record(.revoke, objectType: "api_token", objectID: id, by: user, on: db)
        }
        return .noContent
    }

    /// Ends this token.
    func logout(req: Request) async throws -> HTTPStatus {
        let user = try req.currentUser()
        if let bearer = req.headers.bearerAuthorization {
            try await APITokenModel.query(on: req.db).filter(\.$tokenHash == APITokens.hash(bearer.token)).delete()
        }
        try await AuditLog.record(.logout, objectType: "user", objectID: user.userID, by: user, on: req.db)
        return .noContent
    }

    /// Ends every session and token of the user ("log out everywhere").
    func revokeAll(req: Request) async throws -> HTTPStatus {
        try await AccountService.revokeEverything(for: try req.currentUser(), on: req.db)
        return .noContent
    }

    struct AuditEntryDTO: Content {
        var id: UUID
        var at: Date
        var userId: UUID?
        var organisationId: UUID?
        var subjectOrganisationId: UUID?
        var action: String
        var objectType: String
        var objectId: String?
        var before: String?
        var after: String?
        /// When the person's details were removed from this entry (right to erasure); before and after are then null.
        var redactedAt: Date?

        init(_ e: AuditEntryModel) {
            id = e.id!
            at = e.at
            userId = e.userID
            organisationId = e.organisationID
            subjectOrganisationId = e.subjectOrganisationID
            action = e.action
            objectType = e.objectType
            objectId = e.objectID
            before = e.before
            after = e.after
            redactedAt = e.redactedAt
        }
    }

    func audit(req: Request) async throws -> [AuditEntryDTO] {
        let user = try req.currentUser()
        let limit = min(max(req.query[Int.self, at: "limit"] ?? 200, 1), 5_000)
        let offset = max(req.query[Int.self, at: "offset"] ?? 0, 0)
        let filter = try AuditReading.Filter.from(req.query)
        return try await AuditReading.apply(filter, to: try AuditService.entries(for: user, on: req.db))
            .range(offset..<(offset + limit)).all().map(AuditEntryDTO.init)
    }

    func auditCSV(req: Request) async throws -> Response {
        try await AuditService.csvDownload(req)
    }
}

enum AccountService {
    static func revokeEverything(for user: CurrentUser, on db: any Database) async throws {
        try await db.writeTransaction { db in
            guard let model = try await UserModel.find(user.userID, on: db) else { throw AppError.notFound }
            model.sessionsValidAfter = Date()
            try await model.update(on: db)
            try await APITokenModel.query(on: db).filter(\.$user.$id == user.userID).delete()
            try await AuditLog.record(.revoke, objectType: "sessions", objectID: user.userID, by: user, on: db)
        }
    }
}

enum AuditService {
    /// The coordinator reads what the own organisation's users did and what anyone did to its data (a supplier's
    /// reports, an administrator's changes); the platform administrator reads everything.
    static func entries(for user: CurrentUser, on db: any Database) throws -> QueryBuilder<AuditEntryModel> {
        guard user.isAdministrator || user.role == .coordinator else {
            throw AppError.forbidden("Alleen een SR-coördinator leest het auditlog.")
        }
        let query = AuditEntryModel.query(on: db).sort(\.$at, .descending)
        guard !user.isAdministrator else { return query }
        return query.group(.or) { $0.filter(\.$organisationID == user.organisationID).filter(\.$subjectOrganisationID == user.organisationID) }
    }

    /// The readable log as a CSV download; the export itself is logged. Shared by the API and the page.
    static func csvDownload(_ req: Request) async throws -> Response {
        let user = try req.currentUser()
        let filter = try AuditReading.Filter.from(req.query)
        let entries = try await AuditReading.apply(filter, to: try entries(for: user, on: req.db)).all()
        let names = try await userNames(of: entries, on: req.db)
        try await AuditLog.record(.export, objectType: "audit_log", objectID: user.organisationID, by: user, before: Optional<String>.none,
                                  after: ["rows": String(entries.count), "filter": filter.query], on: req.db)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.contentDisposition = .init(.attachment, filename: "auditlog.csv")
        return Response(status: .ok, headers: headers, body: .init(string: csv(entries, names: names)))
    }

    /// The names of the users who made these entries.
    static func userNames(of entries: [AuditEntryModel], on db: any Database) async throws -> [UUID: String] {
        let ids = Set(entries.compactMap(\.userID))
        guard !ids.isEmpty else { return [:] }
        return Dictionary(try await UserModel.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    /// CSV the way Dutch Excel opens it: BOM, semicolons, quoted fields; actions and objects in words, the change
    /// readable, and the raw before and after for whoever needs them.
    static func csv(_ entries: [AuditEntryModel], names: [UUID: String] = [:]) -> String {
        let formatter = ISO8601DateFormatter()
        return DutchCSVWriter.csv(header: ["tijdstip", "gebruiker", "naam", "organisatie", "actie", "soort", "object", "wijziging", "voor", "na"],
                                  rows: entries.map { e in
            [formatter.string(from: e.at), e.userID?.uuidString ?? "", e.userID.flatMap { names[$0] } ?? "", e.organisationID?.uuidString ?? "",
             AuditReading.actionLabel(e.action), AuditReading.objectLabel(e.objectType), e.objectID ?? "",
             AuditReading.change(e).joined(separator: "; "), e.before ?? "", e.after ?? ""]
        })
    }
}
