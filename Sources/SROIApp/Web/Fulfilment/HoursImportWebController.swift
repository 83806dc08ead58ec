import Fluent
import Foundation
import SROIDomain
import Vapor

/// The upload of a payroll file of paid hours (CSV as Dutch Excel writes it).
struct HoursImportWebController: Sendable {
    func register(_ c: any RoutesBuilder) {
        c.post("imports", "hours", use: importHours).upload(.reporters)
    }

    struct ImportUpload: Content {
        var file: File?
    }

    struct ImportPage: Encodable {
        var layout: Layout
        var contractTitle: String
        var contractHref: String
        var ok: Bool
        var message: String
        var problems: [String]
        var more: Int
    }

    func importHours(req: Request) async throws -> Response {
        let c = try await req.contract()
        let upload = try? req.content.decode(ImportUpload.self)
        var page = ImportPage(layout: Layout(request: req, active: "contracts"), contractTitle: c.title, contractHref: PagePath.contract(c.id!),
                              ok: false, message: "", problems: [], more: 0)
        guard let file = upload?.file, file.data.readableBytes > 0 else {
            page.message = "Kies een CSV-bestand om te importeren."
            return try await req.page("import-result", page, status: .unprocessableEntity)
        }
        do {
            let summary = try await HoursImportService.importFile(file.data, into: c, by: try req.currentUser(),
                                                                  platform: req.platform, on: req.db)
            page.ok = true
            page.message = "\(DutchNumberFormat.grouped(summary.rows)) regels geïmporteerd; \(summary.placementsCreated) nieuwe plaatsingen."
            return try await req.page("import-result", page)
        } catch let refused as ImportProblems {
            page.message = "Er is niets geïmporteerd. Verbeter deze \(refused.total == 1 ? "regel" : "\(DutchNumberFormat.grouped(refused.total)) punten") en importeer het hele bestand opnieuw:"
            page.problems = refused.sorted.prefix(200).map(\.dutch)
            page.more = max(0, refused.total - 200)
            return try await req.page("import-result", page, status: .unprocessableEntity)
        }
    }
}
