import Vapor

/// Gives every request one id, taken from a load balancer's `X-Request-Id` when it sends a sensible one, and
/// puts it on every log line of the request and on the response, so one request can be followed across
/// instances and logs.
struct RequestIDMiddleware: AsyncMiddleware {
    static let header = "X-Request-Id"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let incoming = request.headers.first(name: Self.header)
        let id = incoming.flatMap { Self.isSafe($0) ? $0 : nil } ?? UUID().uuidString
        request.logger[metadataKey: "request-id"] = .string(id)
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: Self.header, value: id)
        return response
    }

    /// Letters, digits, dashes and underscores, at most 64: nothing that could forge a log line.
    static func isSafe(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
