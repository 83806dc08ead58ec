import Vapor

extension Request {
    /// Renders a Leaf page with a status other than 200 (a form with errors answers 422, a locked login 429).
    func page<Context: Encodable>(_ template: String, _ context: Context, status: HTTPResponseStatus = .ok) async throws -> Response {
        let response = try await view.render(template, context).encodeResponse(for: self)
        response.status = status
        return response
    }
}
