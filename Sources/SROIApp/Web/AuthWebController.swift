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
            user = try await UserLookup.login(email: email, password: form.password ?? "", address: req.remoteAddress?.ipAddress,
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
        req.session.data[SessionUserAuthenticator.sessionKey] = current.userID.uuidString
        req.session.data[SessionUserAuthenticator.loginAtKey] = String(Int(Date().timeIntervalSince1970))
        // A fresh form token after login.
        req.session.data[CSRF.sessionKey] = nil
        return req.redirect(to: "/")
    }

    func logout(req: Request) async throws -> Response {
        req.session.destroy()
        return req.redirect(to: "/login")
    }
}
