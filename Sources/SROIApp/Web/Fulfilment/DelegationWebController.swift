import Fluent
import Foundation
import SROIDomain
import Vapor

/// The contract page's section on who reports on the supplier's behalf, and its two forms.
struct DelegationWebController: Sendable {
    func register(_ c: any RoutesBuilder) {
        c.post("delegations", use: grant)
        c.post("delegations", ":delegationId", "end", use: end)
    }

    struct View: Encodable {
        struct Row: Encodable { var id: String; var name: String; var since: String; var canEnd: Bool }
        var active: [Row]
        /// The supplier may authorise: the social enterprises to choose from.
        var canGrant: Bool
        var choices: [FormField.Option]
        /// The viewer's own organisation reports here on another's behalf.
        var isDelegate: Bool
    }

    static func view(for contract: ContractModel, user: CurrentUser, on db: any Database) async throws -> View? {
        guard contract.status.isAwarded else { return nil }
        let canGrant = (try? DelegationService.requireSupplier(user, of: contract)) != nil
        let isDelegate = FulfilmentAccess.isDelegate(user, of: contract)
        let active = try await DelegationService.list(for: contract, on: db).filter { $0.revokedAt == nil }
        guard canGrant || !active.isEmpty else { return nil }
        let rows = active.map {
            View.Row(id: $0.id.uuidString, name: $0.organisationName, since: $0.grantedAt.map { Platform.dayInAmsterdam($0).dutch } ?? "",
                     canEnd: canGrant || ($0.organisationID == user.organisationID && user.role.reports))
        }
        let taken = Set(active.map(\.organisationID))
        let choices = canGrant ? try await OrganisationModel.query(on: db).filter(\.$kindRaw == OrganisationKind.socialEnterprise.rawValue)
            .sort(\.$name).all().filter { !taken.contains($0.id!) }.map { FormField.Option(value: $0.id!.uuidString, label: $0.name, selected: false) } : []
        return View(active: rows, canGrant: canGrant, choices: choices, isDelegate: isDelegate)
    }

    struct GrantForm: Content { var organisationId: String? }

    func grant(req: Request) async throws -> Response {
        let c = try await req.contract()
        let form = try req.content.decode(GrantForm.self)
        do {
            _ = try await DelegationService.grant(to: form.organisationId.flatMap(UUID.init(uuidString:)), on: c, by: try req.currentUser(), on: req.db)
            req.session.data["flash"] = "De machtiging is vastgelegd: die organisatie kan nu namens u vastleggen en rapporteren voor deze opdracht."
        } catch AppError.validation(let list) {
            req.session.data["flash"] = list.first?.message ?? "Kies een sociale onderneming."
        } catch AppError.conflict(_, let message) {
            req.session.data["flash"] = message
        }
        return req.redirect(to: PagePath.contract(c.id!) + "#namens")
    }

    func end(req: Request) async throws -> Response {
        let c = try await req.contract()
        let user = try req.currentUser()
        try await DelegationService.revoke(req.parameters.get("delegationId", as: UUID.self), on: c, by: user, on: req.db)
        req.session.data["flash"] = "De machtiging is beëindigd."
        // A delegate that ended its own authorisation no longer sees the contract.
        return req.redirect(to: FulfilmentAccess.isDelegate(user, of: c) ? "/contracts" : PagePath.contract(c.id!) + "#namens")
    }
}
