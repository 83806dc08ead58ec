import Fluent
import Foundation
import SROIDomain
import Vapor

/// Pages reached without logging in: accepting an invitation, asking for a new password and setting it. They call
/// the same services as the API.
struct AccountLinksWebController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get("uitnodiging", ":token", use: invitation)
        routes.post("uitnodiging", ":token", use: acceptInvitation)
        routes.get("wachtwoord-vergeten", use: forgot)
        routes.post("wachtwoord-vergeten", use: requestReset)
        routes.get("wachtwoord", "nieuw", ":token", use: reset)
        routes.post("wachtwoord", "nieuw", ":token", use: confirmReset)
    }

    struct Page: Encodable {
        var layout: Layout
        var heading: String
        var intro: String
        var action: String
        var button: String
        var fields: [FormField]
        var summary: [ErrorSummaryItem]
        var problem: String?
    }

    struct Form: Content { var name: String?; var password: String?; var email: String? }

    private func token(_ req: Request) -> String { req.parameters.get("token") ?? "" }

    // MARK: Invitation

    func invitation(req: Request) async throws -> Response {
        try await renderInvitation(req, form: Form(), errors: [:], status: .ok)
    }

    private func renderInvitation(_ req: Request, form: Form, errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let t = token(req)
        do {
            let invitation = try await InvitationService.open(token: t, on: req.db)
            var fields = [FormField(name: "name", label: "Uw naam", value: form.name ?? "", required: true, autocomplete: "name"),
                          FormField(name: "password", label: "Kies een wachtwoord", type: "password", value: "",
                                    hint: "Minstens 10 tekens, niet alleen letters.", required: true, autocomplete: "new-password")]
            _ = fields.attach(errors)
            let role = Role(rawValue: invitation.roleRaw)?.dutchLabel ?? invitation.roleRaw
            return try await req.page("link-form", Page(
                layout: Layout(request: req, active: ""), heading: "Welkom bij sroi",
                intro: "U bent uitgenodigd als \(role) bij \(invitation.organisation.name). Uw account wordt \(invitation.email).",
                action: "/uitnodiging/\(t)", button: "Account aanmaken", fields: fields, summary: fields.errorSummary, problem: nil), status: status)
        } catch let problem as LinkProblem {
            return try await linkProblem(req, heading: "Deze uitnodiging werkt niet meer", problem, message: problem.message)
        }
    }

    func acceptInvitation(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        do {
            _ = try await InvitationService.accept(token: token(req), name: form.name, password: form.password,
                                                   passwords: req.platform.passwords, on: req.db)
            req.session.data["flash"] = "Uw account is klaar. Log in met uw e-mailadres en het wachtwoord dat u koos."
            return req.redirect(to: "/login")
        } catch AppError.validation(let list) {
            return try await renderInvitation(req, form: form, errors: Dictionary(list.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a }),
                                              status: .unprocessableEntity)
        }
    }

    /// A link that no longer works: what happened and what to do, 404 for an unknown link, 410 for a used or expired one.
    private func linkProblem(_ req: Request, heading: String, _ problem: LinkProblem, message: String) async throws -> Response {
        try await req.page("link-form", Page(layout: Layout(request: req, active: ""), heading: heading, intro: "", action: "", button: "",
                                             fields: [], summary: [], problem: message), status: problem == .unknown ? .notFound : .gone)
    }

    // MARK: Password

    func forgot(req: Request) async throws -> Response {
        try await renderForgot(req, message: nil)
    }

    private func renderForgot(_ req: Request, message: String?) async throws -> Response {
        let fields = [FormField(name: "email", label: "Uw e-mailadres", type: "email", value: "", required: true, autocomplete: "email")]
        return try await req.page("link-form", Page(
            layout: Layout(request: req, active: "", flash: message), heading: "Wachtwoord vergeten",
            intro: "Vul het e-mailadres van uw account in. U krijgt een e-mail met een link om een nieuw wachtwoord te kiezen; de link is een uur geldig.",
            action: "/wachtwoord-vergeten", button: "Link sturen", fields: fields, summary: [], problem: nil))
    }

    func requestReset(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        try await PasswordResetService.request(email: form.email ?? "", address: req.clientAddress, on: req.db)
        // The same answer whether or not the address has an account.
        return try await renderForgot(req, message: PeopleAPIController.resetAnswer)
    }

    func reset(req: Request) async throws -> Response {
        try await renderReset(req, errors: [:], status: .ok)
    }

    private func renderReset(_ req: Request, errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let t = token(req)
        do {
            let r = try await PasswordResetService.open(token: t, on: req.db)
            var fields = [FormField(name: "password", label: "Nieuw wachtwoord", type: "password", value: "",
                                    hint: "Minstens 10 tekens, niet alleen letters.", required: true, autocomplete: "new-password")]
            _ = fields.attach(errors)
            return try await req.page("link-form", Page(
                layout: Layout(request: req, active: ""), heading: "Nieuw wachtwoord kiezen",
                intro: "Voor \(r.user.email). Daarna worden al uw sessies en API-tokens beëindigd.",
                action: "/wachtwoord/nieuw/\(t)", button: "Wachtwoord opslaan", fields: fields, summary: fields.errorSummary, problem: nil), status: status)
        } catch let problem as LinkProblem {
            return try await linkProblem(req, heading: "Deze link werkt niet meer", problem,
                                         message: problem == .expired ? "Deze link is verlopen (een link is een uur geldig). Vraag een nieuwe aan." : problem.message)
        }
    }

    func confirmReset(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        do {
            _ = try await PasswordResetService.confirm(token: token(req), password: form.password, passwords: req.platform.passwords, on: req.db)
            req.session.data["flash"] = "Uw nieuwe wachtwoord is ingesteld. Log in."
            return req.redirect(to: "/login")
        } catch AppError.validation(let list) {
            return try await renderReset(req, errors: Dictionary(list.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a }),
                                         status: .unprocessableEntity)
        }
    }
}
