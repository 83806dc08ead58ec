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

/// Refuses every form post without the session's token, before reading more of the body than a form needs:
/// a post without a session token is refused unread, a body larger than its route allows is refused (413) before it
/// is read, and only the upload routes, for a logged-in user whose role may upload, read up to 64 MB.
struct CSRFMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.method == .POST {
            guard request.session.data[CSRF.sessionKey] != nil else {
                // No form of ours was ever shown in this session: nothing to compare, nothing to read.
                throw AppError.forbidden("Het formulier is verlopen. Laad de pagina opnieuw en probeer het nog eens.")
            }
            let limit = UploadRoute.limit(for: request)
            if let length = request.headers.first(name: .contentLength).flatMap(Int.init), length > limit {
                throw AppError.payloadTooLarge(UploadRoute.tooLargeMessage(limit: limit))
            }
            if request.body.data == nil {
                do {
                    _ = try await request.eventLoop.flatSubmit { request.body.collect(max: limit) }.get()
                } catch let error as any AbortError where error.status == .payloadTooLarge {
                    throw AppError.payloadTooLarge(UploadRoute.tooLargeMessage(limit: limit))
                }
            }
            let sent = try? request.content.get(String.self, at: CSRF.fieldName)
            guard CSRF.isValid(sent, for: request) else {
                throw AppError.forbidden("Het formulier is verlopen. Laad de pagina opnieuw en probeer het nog eens.")
            }
        }
        return try await next.respond(to: request)
    }
}

/// A web route that accepts a file: who may send one, and how large a body it reads. Set on the route itself
/// (`route.userInfo`), so the limit is known before the body is read.
struct UploadRoute: Sendable {
    static let key = "sroi.upload"
    /// Whether this user's role may upload here at all (the contract itself is checked by the handler).
    let allowed: @Sendable (CurrentUser) -> Bool

    /// Supplier reporters (and administrators): the hours import and evidence files.
    static let reporters = UploadRoute { $0.isAdministrator || ($0.isSupplier && $0.role.reports) }

    /// Attachments of a bid: the bidder's reporters and the buyer's contract editors.
    static let bids = UploadRoute { $0.isAdministrator || ($0.isSupplier && $0.role.reports) || ($0.isBuyer && $0.role.canEditContracts) }

    /// The most a POST to this route may carry for this request: 64 MB on an upload route for a user allowed to
    /// upload, the application's small form limit everywhere else.
    static func limit(for request: Request) -> Int {
        let formLimit = request.application.routes.defaultMaxBodySize.value
        guard let upload = request.route?.userInfo[key] as? UploadRoute, let user = request.auth.get(CurrentUser.self),
              upload.allowed(user), request.headers.contentType?.type == "multipart" else { return formLimit }
        return CSRF.maximumUpload
    }

    static func tooLargeMessage(limit: Int) -> String {
        limit >= 1024 * 1024 ? "Het bestand is te groot: hoogstens \(limit / (1024 * 1024)) MB."
            : "Het formulier is te groot: hoogstens \(limit / 1024) kB."
    }
}

extension Route {
    /// Marks a web route as an upload route for the roles `upload` allows.
    @discardableResult
    func upload(_ upload: UploadRoute) -> Route {
        userInfo[UploadRoute.key] = upload
        return self
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

/// Pages and API answers hold personal or financial data: no browser or proxy keeps a copy. Static files
/// (styles, images) may be cached.
struct NoStoreMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let isStatic = [".css", ".png", ".svg", ".ico", ".woff2"].contains { request.url.path.hasSuffix($0) }
        if !isStatic && response.headers.first(name: .cacheControl) == nil {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}
