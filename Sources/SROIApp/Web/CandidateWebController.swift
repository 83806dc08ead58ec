import Fluent
import Foundation
import SROIDomain
import Vapor

/// A job service's candidates: those it proposed, and each one's path across contracts, suppliers and buyers.
struct CandidateWebController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get("kandidaten", use: list)
        routes.get("kandidaten", ":pseudonym", use: path)
    }

    struct Row: Encodable { var href: String; var candidate: String; var vacancy: String; var status: String }
    struct Step: Encodable {
        var rung: String; var block: String; var targetGroup: String; var hours: String; var period: String; var outcome: String
        var supplier: String; var buyer: String; var verifiedBy: String?; var progression: Bool; var revolvingDoor: Bool
    }
    struct Page: Encodable {
        var layout: Layout
        var rows: [Row]
        var candidate: String?
        var steps: [Step]
    }

    private func requireJobService(_ req: Request) throws -> CurrentUser {
        let user = try req.currentUser()
        guard user.isJobService else { throw AppError.notFound }
        return user
    }

    func list(req: Request) async throws -> View {
        let user = try requireJobService(req)
        let proposals = try await ProposalModel.query(on: req.db).filter(\.$jobService.$id == user.organisationID).with(\.$vacancy)
            .sort(\.$createdAt, .descending).all()
        return try await req.view.render("candidates", Page(
            layout: Layout(request: req, active: "candidates"),
            rows: proposals.map { p in
                Row(href: "/kandidaten/\(Pseudonymizer.display(p.candidate))", candidate: Pseudonymizer.display(p.candidate), vacancy: p.vacancy.title,
                    status: ProposalService.Status(rawValue: p.status)?.dutchLabel ?? p.status)
            }, candidate: nil, steps: []))
    }

    func path(req: Request) async throws -> View {
        let user = try requireJobService(req)
        let pseudonym = try await CandidatePathService.pseudonym(shown: req.parameters.get("pseudonym") ?? "", for: user, on: req.db)
        let steps = try await CandidatePathService.path(of: pseudonym, for: user, today: req.platform.today(), on: req.db)
        return try await req.view.render("candidates", Page(
            layout: Layout(request: req, active: "candidates"), rows: [], candidate: Pseudonymizer.display(pseudonym),
            steps: steps.map { s in
                Step(rung: s.rung, block: s.block, targetGroup: s.targetGroup, hours: s.hoursPerWeek.description,
                     period: s.start.dutch + " – " + (s.end?.dutch ?? "doorlopend"), outcome: s.outcome?.dutchLabel ?? "-",
                     supplier: s.supplier, buyer: s.buyer, verifiedBy: s.verifiedBy, progression: s.progression, revolvingDoor: s.revolvingDoor)
            }))
    }
}
