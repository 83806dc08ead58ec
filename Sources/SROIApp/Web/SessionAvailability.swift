import Vapor

/// Whether this request has passed the sessions middleware. An error raised before it (a body too large, a NUL
/// character, a path with `..`) still renders a page; that page must not touch the session, which Vapor only
/// allows after its middleware ran (a debug build stops the process otherwise).
struct SessionAvailability: AsyncMiddleware {
    private struct Key: StorageKey { typealias Value = Bool }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.storage[Key.self] = true
        return try await next.respond(to: request)
    }

    static func isAvailable(for request: Request) -> Bool {
        request.storage[Key.self] ?? false
    }
}
