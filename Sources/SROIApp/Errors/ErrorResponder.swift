import SROIDomain
import Vapor

/// The one place errors become responses: JSON `{"error": {"code", "message", "field"}}` under /api,
/// a Dutch error page (or the login page) elsewhere. Unexpected errors are logged and never shown.
struct ErrorResponder: AsyncMiddleware {
    struct Body: Content {
        struct Detail: Content {
            var code: String
            var message: String
            var field: String?
            var details: [FieldError]?
            var problems: [ImportProblem]?
        }
        var error: Detail
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let appError = AppError.from(error)
            if appError == nil { request.logger.report(error: error) }
            if request.url.path.hasPrefix("/api/") {
                return try apiResponse(appError)
            }
            return try await webResponse(appError, for: request)
        }
    }

    private func apiResponse(_ appError: AppError?) throws -> Response {
        let response: Response
        if let appError {
            let details = appError.details
            response = Response(status: appError.status)
            var problems: [ImportProblem]?
            if case .importRefused(let list) = appError { problems = list.sorted }
            try response.content.encode(Body(error: .init(code: appError.code, message: appError.message, field: appError.field,
                                                          details: details.isEmpty ? nil : details, problems: problems)), using: JSONEncoder.api)
        } else {
            response = Response(status: .internalServerError)
            try response.content.encode(Body(error: .init(code: "internal", message: "Er ging iets mis aan onze kant.")),
                                        using: JSONEncoder.api)
        }
        return response
    }

    private func webResponse(_ appError: AppError?, for request: Request) async throws -> Response {
        if case .unauthenticated = appError {
            return request.redirect(to: "/login")
        }
        let status = appError?.status ?? .internalServerError
        let message: String
        switch appError {
        case .notFound?: message = "Deze pagina bestaat niet, of u heeft er geen toegang toe."
        case let e?: message = e.message
        case nil: message = "Er ging iets mis aan onze kant. Probeer het later opnieuw."
        }
        let view = try await request.view.render("error", ErrorPage(status: Int(status.code), message: message,
                                                                    layout: Layout(request: request, active: "")))
        let response = try await view.encodeResponse(for: request)
        response.status = status
        return response
    }
}

struct ErrorPage: Encodable {
    var status: Int
    var message: String
    var layout: Layout
}

extension JSONEncoder {
    /// The API's encoder: keys as declared (camelCase), sorted for stable output.
    static var api: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}
