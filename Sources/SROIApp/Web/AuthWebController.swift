import Fluent
import SROIDomain
import Vapor

/// Log in and out of the web interface with a session cookie.
struct AuthWebController: Sendable {
    struct LoginPage: Encodable {
        var layout: Layout
        var email: String
        var error: String?
    }

    func register(_ routes: any RoutesBuilder) {
        routes.get("login", use: page)
        routes.post("login", use: login)
        routes.post("logout", use: logout)
    }

    func page(req: Request) async throws -> View {
        if req.auth.has(CurrentUser.self) { throw Abort.redirect(to: "/") }
        return try await req.view.render("login", LoginPage(layout: Layout(request: req, active: ""), email: "", error: nil))
    }

    struct LoginForm: Content {
        var email: String?
        var password: String?
    }

    func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let email = form.email ?? ""
        let user: UserModel?
        do {
            user = try await UserLookup.login(email: email, password: form.password ?? "", address: req.clientAddress,
                                              passwords: req.platform.passwords, on: req.db)
        } catch AppError.tooManyRequests(let message) {
            return try await req.page("login", LoginPage(layout: Layout(request: req, active: ""), email: email, error: message),
                                      status: .tooManyRequests)
        }
        guard let user else {
            return try await req.page("login", LoginPage(
                layout: Layout(request: req, active: ""), email: email,
                error: "Dit e-mailadres en wachtwoord horen niet bij elkaar. Controleer ze en probeer het opnieuw."), status: .unauthorized)
        }
        let current = try UserLookup.currentUser(user)
        try await Self.renewSessionID(req)
        req.session.data[SessionUserAuthenticator.sessionKey] = current.userID.uuidString
        req.session.data[SessionUserAuthenticator.loginAtKey] = String(Int(Date().timeIntervalSince1970))
        // A fresh form token after login.
        req.session.data[CSRF.sessionKey] = nil
        return req.redirect(to: "/")
    }

    func logout(req: Request) async throws -> Response {
        // The old session is deleted and its cookie expired; the login page starts a new one with a new id.
        req.session.destroy()
        return req.redirect(to: "/login")
    }

    /// Against session fixation: the session a visitor had before logging in (whose id another person may have
    /// planted) is deleted, and the logged-in session gets a new id. What the session held is carried over.
    static func renewSessionID(_ req: Request) async throws {
        if let old = req.session.id {
            try await req.application.sessions.driver.deleteSession(old, for: req).get()
        }
        // Without an id, the sessions middleware stores the session under a new one and sets that cookie.
        req.session.id = nil
    }
}
