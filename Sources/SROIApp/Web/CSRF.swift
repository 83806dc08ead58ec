import Vapor

/// A per-session token that every form sends back, so another site cannot post forms in the user's name.
enum CSRF {
    static let sessionKey = "csrf"
    static let fieldName = "_csrf"
    /// The largest file a form may upload (a payroll CSV).
    static let maximumUpload = 64 * 1024 * 1024

    static func token(for request: Request) -> String {
        if let token = request.session.data[sessionKey] { return token }
        let token = [UInt8].random(count: 24).base64URLEncoded
        request.session.data[sessionKey] = token
        return token
    }

    /// Compares in constant time.
    static func isValid(_ sent: String?, for request: Request) -> Bool {
        guard let sent, let expected = request.session.data[sessionKey] else { return false }
        let a = Array(sent.utf8), b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Refuses every form post without the session's token.
struct CSRFMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method == .POST {
            // Middleware runs before a route collects its body, so collect it here to read the token:
            // file uploads may be large, other forms stay under the application's limit.
            if request.body.data == nil {
                let isUpload = request.headers.contentType?.type == "multipart"
                let limit = isUpload ? CSRF.maximumUpload : request.application.routes.defaultMaxBodySize.value
                _ = try await request.eventLoop.flatSubmit { request.body.collect(max: limit) }.get()
            }
            let sent = try? request.content.get(String.self, at: CSRF.fieldName)
            guard CSRF.isValid(sent, for: request) else {
                throw AppError.forbidden("Het formulier is verlopen. Laad de pagina opnieuw en probeer het nog eens.")
            }
        }
        return try await next.respond(to: request)
    }
}

/// Headers that keep pages out of frames and scripts from elsewhere.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "Content-Security-Policy",
                                      value: "default-src 'self'; img-src 'self' data:; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        return response
    }
}
