import Foundation
import Vapor
import XCTest
import XCTVapor
@testable import SROIApp

/// A browser in tests: keeps the session cookie and the form token between requests.
final class WebSession: @unchecked Sendable {
    let app: Application
    var cookie: String?
    var csrf: String?

    init(app: Application) { self.app = app }

    @discardableResult
    func get(_ path: String) async throws -> XCTHTTPResponse {
        let res = try await app.testable().sendRequest(.GET, path) { req async throws in
            if let cookie { req.headers.replaceOrAdd(name: .cookie, value: cookie) }
        }
        remember(res)
        return res
    }

    /// Posts a form; the session's token is added unless `csrf` is false.
    @discardableResult
    func post(_ path: String, form: [(String, String)], csrf includeToken: Bool = true) async throws -> XCTHTTPResponse {
        var pairs = form
        if includeToken, let csrf { pairs.append(("_csrf", csrf)) }
        let body = pairs.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        let res = try await app.testable().sendRequest(.POST, path) { req async throws in
            if let cookie { req.headers.replaceOrAdd(name: .cookie, value: cookie) }
            req.headers.contentType = .urlEncodedForm
            req.body = ByteBuffer(string: body)
        }
        remember(res)
        return res
    }

    /// Posts a file as multipart/form-data, the way a browser uploads it.
    @discardableResult
    func upload(_ path: String, field: String, filename: String, content: [UInt8]) async throws -> XCTHTTPResponse {
        let boundary = "sroi-test-boundary"
        var body = ByteBuffer()
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf ?? "")\r\n")
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(filename)\"\r\nContent-Type: text/csv\r\n\r\n")
        body.writeBytes(content)
        body.writeString("\r\n--\(boundary)--\r\n")
        let res = try await app.testable().sendRequest(.POST, path) { req async throws in
            if let cookie = self.cookie { req.headers.replaceOrAdd(name: .cookie, value: cookie) }
            req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            req.body = body
        }
        remember(res)
        return res
    }

    func login(_ email: String, password: String = TestWorld.password) async throws {
        try await get("/login")
        let res = try await post("/login", form: [("email", email), ("password", password)])
        XCTAssertEqual(res.status, .seeOther, res.body.string)
        XCTAssertEqual(res.headers.first(name: .location), "/")
        try await get("/")
    }

    private func remember(_ res: XCTHTTPResponse) {
        if let setCookie = res.headers.first(name: .setCookie), let pair = setCookie.split(separator: ";").first {
            cookie = String(pair)
        }
        let html = res.body.string
        if let range = html.range(of: #"name="_csrf" value="([^"]+)""#, options: .regularExpression) {
            let match = String(html[range])
            csrf = match.components(separatedBy: "value=\"").last?.replacingOccurrences(of: "\"", with: "")
        }
    }

    static func escape(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}
