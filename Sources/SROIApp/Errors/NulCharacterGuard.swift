import Foundation
import Vapor

/// Refuses text with a NUL character (U+0000) in a JSON or form body before any handler sees it: PostgreSQL
/// cannot store it in a text column, so it would otherwise end as a server error half-way through a change.
/// Found by the property test over every JSON body. File uploads (multipart, CSV) are checked where they are read.
struct NulCharacterGuard: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard [.POST, .PUT, .PATCH].contains(request.method), let type = request.headers.contentType,
              type == .json || type == .urlEncodedForm else {
            return try await next.respond(to: request)
        }
        if request.body.data == nil {
            let limit = request.application.routes.defaultMaxBodySize.value
            _ = try await request.eventLoop.flatSubmit { request.body.collect(max: limit) }.get()
        }
        if let body = request.body.data, let field = NulCharacterGuard.field(in: body, json: type == .json) {
            throw AppError.badRequest(field: field, message: "de tekst bevat een nul-teken (U+0000); dat kan niet worden opgeslagen")
        }
        return try await next.respond(to: request)
    }

    /// The field holding a NUL, by its path ("title", "participants.0.note"), or "body" when it cannot be told.
    static func field(in body: ByteBuffer, json: Bool) -> String? {
        let bytes = Array(body.readableBytesView)
        if json {
            // Only look closer when the raw text could hold one: a NUL byte or the escape \u0000.
            let text = String(decoding: bytes, as: UTF8.self)
            guard bytes.contains(0) || text.range(of: "\\u0000", options: .caseInsensitive) != nil else { return nil }
            guard let value = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else { return "body" }
            return path(of: value, at: "") ?? (bytes.contains(0) ? "body" : nil)
        }
        for pair in String(decoding: bytes, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            if parts.contains(where: { $0.contains("\u{0}") }) { return parts.first ?? "body" }
        }
        return nil
    }

    private static func path(of value: Any, at prefix: String) -> String? {
        func join(_ key: String) -> String { prefix.isEmpty ? key : prefix + "." + key }
        switch value {
        case let s as String: return s.contains("\u{0}") ? (prefix.isEmpty ? "body" : prefix) : nil
        case let a as [Any]:
            for (i, v) in a.enumerated() { if let p = path(of: v, at: join(String(i))) { return p } }
        case let d as [String: Any]:
            for key in d.keys.sorted() {
                if key.contains("\u{0}") { return join(key.replacingOccurrences(of: "\u{0}", with: "")) }
                if let p = path(of: d[key]!, at: join(key)) { return p }
            }
        default: break
        }
        return nil
    }
}
