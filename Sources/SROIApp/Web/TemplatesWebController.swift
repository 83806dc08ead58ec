import Foundation
import SROIDomain
import Vapor

/// Help to start from: the paid-hours template, as Dutch Excel opens it (BOM, semicolons, decimal commas), with
/// Dutch labels and two example rows the supplier overwrites; and the explanation of the words of social return.
struct TemplatesWebController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get("sjablonen", "verloonde-uren.csv", use: hoursTemplate)
        routes.get("uitleg", use: glossary)
    }

    struct GlossaryPage: Encodable {
        struct Term: Encodable { var anchor: String; var word: String; var explanation: String }
        var layout: Layout
        var terms: [Term]
    }

    func glossary(req: Request) async throws -> View {
        try await req.view.render("glossary", GlossaryPage(layout: Layout(request: req, active: "glossary"),
                                                            terms: Glossary.terms.map { .init(anchor: $0.anchor, word: $0.word, explanation: $0.explanation) }))
    }

    static var hoursTemplate: String {
        DutchCSVWriter.csv(
            header: ["referentie", "bsn", "bouwblok", "doelgroep", "begindatum", "einddatum", "uren_per_week", "doelgroepregister",
                     "periode_van", "periode_tot", "verloonde_uren"],
            rows: [
                ["GL-0412", "", "arbeidsovereenkomst", "Participatiewet", "1-3-2026", "", "24", "nee", "1-3-2026", "31-3-2026", "103,5"],
                ["GL-0413", "", "arbeidsovereenkomst", "WW", "1-4-2026", "30-9-2026", "32", "nee", "1-4-2026", "30-4-2026", "138"],
            ])
    }

    func hoursTemplate(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.contentDisposition = .init(.attachment, filename: "sjabloon-verloonde-uren.csv")
        return Response(status: .ok, headers: headers, body: .init(string: Self.hoursTemplate))
    }
}
