import Fluent
import Foundation
import SROIDomain
import Vapor

/// The coordinator's success stories: write one, publish it on the transparency page or take it off, delete it.
struct SuccessStoryWebController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get("succesverhalen", use: page)
        routes.post("succesverhalen", use: create)
        routes.post("succesverhalen", ":storyId", "publish", use: publish)
        routes.post("succesverhalen", ":storyId", "delete", use: delete)
    }

    struct StoryForm: Content { var title: String?; var body: String?; var contractId: String?; var noPersonalData: String?; var published: String? }

    struct Page: Encodable {
        struct Row: Encodable { var id: String; var title: String; var body: String; var contract: String?; var published: Bool; var date: String }
        var layout: Layout
        var rows: [Row]
        var fields: [FormField]
        var summary: [ErrorSummaryItem]
        var errors: [String]
        var publicHref: String?
    }

    private func coordinator(_ req: Request) throws -> CurrentUser {
        let user = try req.currentUser()
        try Access.requireCoordinator(user)
        guard user.isBuyer else { throw AppError.notFound }
        return user
    }

    func page(req: Request) async throws -> Response {
        try await render(req, form: StoryForm(), errors: [:], status: .ok)
    }

    func create(req: Request) async throws -> Response {
        let user = try coordinator(req)
        let form = try req.content.decode(StoryForm.self)
        do {
            _ = try await SuccessStoryService.save(.init(title: form.title, body: form.body, contractID: form.contractId.flatMap(UUID.init(uuidString:)),
                                                         published: form.published == "yes", noPersonalData: form.noPersonalData == "yes"),
                                                   existing: nil, for: user.organisationID, by: user, on: req.db)
            req.session.data["flash"] = form.published == "yes" ? "Het verhaal staat op uw openbare pagina." : "Het verhaal is opgeslagen (nog niet gepubliceerd)."
            return req.redirect(to: "/succesverhalen")
        } catch AppError.validation(let list) {
            var errors: [String: String] = [:]
            for e in list { errors[e.field] = errors[e.field].map { $0 + "; " + e.message } ?? e.message }
            return try await render(req, form: form, errors: errors, status: .unprocessableEntity)
        }
    }

    func publish(req: Request) async throws -> Response {
        let user = try coordinator(req)
        struct Toggle: Content { var published: String? }
        let published = try req.content.decode(Toggle.self).published == "yes"
        let story = try await SuccessStoryService.find(req.parameters.get("storyId", as: UUID.self), of: user.organisationID, on: req.db)
        _ = try await SuccessStoryService.save(.init(published: published), existing: story, for: user.organisationID, by: user, on: req.db)
        req.session.data["flash"] = published ? "Het verhaal staat op uw openbare pagina." : "Het verhaal staat niet meer op uw openbare pagina."
        return req.redirect(to: "/succesverhalen")
    }

    func delete(req: Request) async throws -> Response {
        let user = try coordinator(req)
        try await SuccessStoryService.delete(try await SuccessStoryService.find(req.parameters.get("storyId", as: UUID.self), of: user.organisationID, on: req.db),
                                             by: user, on: req.db)
        req.session.data["flash"] = "Het verhaal is verwijderd."
        return req.redirect(to: "/succesverhalen")
    }

    private func render(_ req: Request, form: StoryForm, errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let user = try coordinator(req)
        let stories = try await SuccessStoryService.list(of: user.organisationID, publishedOnly: false, on: req.db)
        let contracts = try await ContractModel.query(on: req.db).filter(\.$buyer.$id == user.organisationID).sort(\.$title).all()
        let titles = Dictionary(uniqueKeysWithValues: contracts.compactMap { c in c.id.map { ($0, c.title) } })
        var fields: [FormField] = [
            FormField(name: "title", label: "Titel", value: form.title ?? "", required: true),
            FormField(name: "body", label: "Het verhaal", type: "textarea", value: form.body ?? "", hint: "Wat is er bereikt, met wie en hoe? Geen namen, geen BSN, telefoonnummers of e-mailadressen: het verhaal kan openbaar worden.", required: true),
            .select("contractId", "Over het contract", value: form.contractId, options: contracts.compactMap { c in c.id.map { ($0.uuidString, c.title) } }, blank: "geen bepaald contract"),
            .select("noPersonalData", "Het verhaal noemt niemand bij naam en bevat geen persoonsgegevens", value: form.noPersonalData, options: [("yes", "ja, dat heb ik gecontroleerd")], required: true, blank: "kies"),
            .select("published", "Op de openbare pagina", value: form.published ?? "no", options: [("no", "nog niet"), ("yes", "ja, publiceren")]),
        ]
        let unplaced = fields.attach(errors)
        let org = try await OrganisationModel.find(user.organisationID, on: req.db)
        return try await req.page("stories", Page(
            layout: Layout(request: req, active: "management"),
            rows: try stories.map { s in
                Page.Row(id: try s.requireID().uuidString, title: s.title, body: s.body, contract: s.$contract.id.flatMap { titles[$0] },
                         published: s.published, date: s.createdAt.map { Platform.dayInAmsterdam($0).dutch } ?? "")
            },
            fields: fields, summary: fields.errorSummary, errors: unplaced,
            publicHref: org?.publishedFiguresRaw != nil ? "/openbaar/\(user.organisationID)" : nil), status: status)
    }
}
