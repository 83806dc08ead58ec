import Fluent
import Foundation
import SROIDomain
import Vapor

/// The one form page of the recording pages (a placement, an activity): fields with their errors beside them.
enum RecordingForm {
    struct FormPage: Encodable {
        var layout: Layout
        var heading: String
        var intro: String
        var action: String
        var cancel: String
        var fields: [FormField]
        var errors: [String]
        var summary: [ErrorSummaryItem]
        var multipart: Bool
        var backLabel: String
    }

    static func render(_ req: Request, heading: String, intro: String, action: String, cancel: String, fields: [FormField],
                            errors: [String: String], status: HTTPResponseStatus = .ok, backLabel: String = "Terug naar de opdracht",
                            active: String = "contracts") async throws -> Response {
        var f = fields
        let unplaced = f.attach(errors)
        return try await req.page("fulfilment-form", FormPage(
            layout: Layout(request: req, active: active), heading: heading, intro: intro, action: action, cancel: cancel,
            fields: f, errors: unplaced, summary: f.errorSummary, multipart: false, backLabel: backLabel), status: status)
    }
}
