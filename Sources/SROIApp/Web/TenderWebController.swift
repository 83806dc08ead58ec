import Fluent
import Foundation
import SROIDomain
import Vapor

/// Bids on the tender's page (buyer), the supplier's tenders page (market consultations and open tenders), and the
/// forms behind them.
struct TenderWebController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.post("contracts", ":id", "bids", use: enter)
        routes.post("bids", ":bidId", "scores", use: score)
        routes.post("bids", ":bidId", "award", use: award)
        routes.post("bids", ":bidId", "bijlage", use: attach).upload(.bids)
        routes.get("bids", ":bidId", "bijlagen", ":attachmentId", use: download)
        routes.get("aanbestedingen", use: tenders)
        routes.post("aanbestedingen", ":id", "idee", use: idea)
    }

    /// The tender section of a contract page, for the buyer's side.
    struct Section: Encodable {
        struct Bid: Encodable {
            var id: String; var bidder: String; var offer: String; var plan: String
            /// The assessor's form: one select per criterion with its own earlier points.
            var scoreFields: [ScoreField]
            var canAward: Bool
            var attachments: [Attachment]
        }
        struct Attachment: Encodable { var href: String; var name: String }
        struct ScoreField: Encodable { var key: String; var label: String; var options: [FormField.Option] }
        struct Line: Encodable { var rank: Int; var bidder: String; var total: String; var weighted: String; var explanation: [String] }
        var ask: String
        var bids: [Bid]
        var ranking: [Line]
        var progress: String
        var canEnter: Bool
        var isAssessor: Bool
        /// The bidders to choose from when recording a bid.
        var suppliers: [FormField.Option]
        var offerLabel: String
    }

    static func section(for c: ContractModel, user: CurrentUser, on db: any Database) async throws -> Section? {
        guard c.srAsk == .awardCriterion, BidService.isBuyerSide(user, of: c) else { return nil }
        let bids = try await BidService.list(for: c, user: user, on: db)
        let ranking = try await TenderRanking.ranking(of: c, for: user, on: db)
        let assessor = BidService.isAssessor(user, of: c) && !c.status.isAwarded
        let coordinator = user.isBuyer && user.role == .coordinator && !c.status.isAwarded && ranking.complete
        let jobs = BidService.unit(of: c) == "jobs"
        let suppliers = try await OrganisationModel.query(on: db).filter(\.$kindRaw ~~ [OrganisationKind.supplier.rawValue, OrganisationKind.socialEnterprise.rawValue])
            .sort(\.$name).all()
        var rows: [Section.Bid] = []
        for b in bids {
            let id = try b.requireID()
            let own = ranking.ownScores[id] ?? [:]
            var fields: [Section.ScoreField] = []
            if assessor {
                for crit in ranking.criteria {
                    let options = (0...crit.maximum).map { FormField.Option(value: String($0), label: String($0), selected: own[crit.key] == $0) }
                    fields.append(.init(key: crit.key, label: "\(crit.name.prefix(1).uppercased() + crit.name.dropFirst()) (0 tot \(crit.maximum))", options: options))
                }
            }
            rows.append(Section.Bid(id: id.uuidString, bidder: b.supplier.name, offer: BidService.describe(b.offer, tender: c), plan: b.plan,
                                    scoreFields: fields, canAward: coordinator, attachments: try await Self.attachments(of: b, on: db)))
        }
        return Section(
            ask: "Social return is een gunningscriterium en weegt \(Percentage(basisPoints: c.srWeightBasisPoints ?? 0)); aanbod en plan tellen elk volgens het beleid."
                + (c.bidsCloseOn.flatMap(Day.init(iso:)).map { " Inschrijvers voeren hun aanbod zelf in tot en met \($0.dutch)." } ?? ""),
            bids: rows,
            ranking: ranking.results.map { Section.Line(rank: $0.rank, bidder: $0.bidder, total: TenderScoring.points($0.total), weighted: TenderScoring.points($0.weighted),
                                               explanation: $0.explanation) },
            progress: ranking.complete ? "Alle \(ranking.assessors) beoordelaars hebben gescoord."
                : "\(ranking.assessorsDone) van de \(ranking.assessors) beoordelaars hebben alle plannen gescoord; de rangorde verschijnt als iedereen klaar is.",
            canEnter: (try? Access.requireContractEditor(user)) != nil && !c.status.isAwarded, isAssessor: assessor,
            suppliers: suppliers.compactMap { o in o.id.map { FormField.Option(value: $0.uuidString, label: o.name, selected: false) } },
            offerLabel: jobs ? "Aangeboden banen" : "Aangeboden bedrag")
    }

    static func attachments(of bid: BidModel, on db: any Database) async throws -> [Section.Attachment] {
        try await BidAttachments.list(of: bid, on: db).map { a in
            Section.Attachment(href: "/bids/\(try bid.requireID())/bijlagen/\(try a.requireID())", name: a.filename)
        }
    }

    struct AttachmentForm: Content { var file: File }

    func attach(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let (bid, t) = try await BidService.bid(req.parameters.get("bidId", as: UUID.self), for: user, on: req.db)
        do {
            let form = try req.content.decode(AttachmentForm.self)
            let a = try await BidAttachments.attach(form.file.data, filename: form.file.filename, to: bid, of: t, by: user, today: req.platform.today(),
                                                    directory: req.platform.configuration.evidenceDirectory, on: req.db)
            req.session.data["flash"] = "\(a.filename) is toegevoegd aan de inschrijving."
        } catch AppError.validation(let list) {
            req.session.data["flash"] = "Niet toegevoegd: " + list.map(\.message).joined(separator: "; ") + "."
        } catch AppError.conflict(_, let message) {
            req.session.data["flash"] = "Niet toegevoegd: " + message
        }
        return req.redirect(to: user.isSupplier ? "/aanbestedingen" : PagePath.contract(t.id!) + "#inschrijvingen")
    }

    func download(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let (bid, t) = try await BidService.bid(req.parameters.get("bidId", as: UUID.self), for: user, on: req.db)
        return try await BidAttachments.download(req.parameters.get("attachmentId", as: UUID.self), of: bid, tender: t, by: user,
                                                 directory: req.platform.configuration.evidenceDirectory, on: req.db)
    }

    struct BidForm: Content { var supplierId: String?; var offer: String?; var plan: String? }

    func enter(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let t = try await BidService.tender(req.parameters.get("id", as: UUID.self), for: user, on: req.db)
        let form = try req.content.decode(BidForm.self)
        let back = user.isSupplier ? "/aanbestedingen" : PagePath.contract(t.id!) + "#inschrijvingen"
        let text = (form.offer ?? "").trimmingCharacters(in: .whitespaces)
        let offer: Int64? = BidService.unit(of: t) == "jobs"
            ? Hours(text: text).map { $0.hundredths * 10 }          // "2,5" banen → 2.500 thousandths
            : DutchNumberFormat.parseMoney(text)?.cents
        do {
            guard offer != nil else { throw AppError.validation([.init(field: "offer", message: "verwacht een bedrag of aantal, zoals 84.000 of 2,5")]) }
            _ = try await BidService.enter(.init(supplierID: form.supplierId.flatMap(UUID.init(uuidString:)), offer: offer, plan: form.plan), on: t, by: user,
                                           today: req.platform.today(), on: req.db)
            req.session.data["flash"] = "Het aanbod is vastgelegd."
        } catch AppError.validation(let list) {
            req.session.data["flash"] = "Niet vastgelegd: " + list.map(\.message).joined(separator: "; ") + "."
        } catch AppError.conflict(_, let message) {
            req.session.data["flash"] = "Niet vastgelegd: " + message
        }
        return req.redirect(to: back)
    }

    struct ScoreForm: Content { var points: [String: String]?; var note: String? }

    func score(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let (bid, t) = try await BidService.bid(req.parameters.get("bidId", as: UUID.self), for: user, on: req.db)
        let form = try req.content.decode(ScoreForm.self)
        do {
            try await BidService.score(bid, of: t, points: (form.points ?? [:]).compactMapValues { Int($0) }, note: form.note, by: user, on: req.db)
            req.session.data["flash"] = "Uw score voor \(bid.supplier.name) is opgeslagen."
        } catch AppError.validation(let list) {
            req.session.data["flash"] = "Niet opgeslagen: " + list.map(\.message).joined(separator: "; ") + "."
        }
        return req.redirect(to: PagePath.contract(t.id!) + "#inschrijvingen")
    }

    func award(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let (bid, t) = try await BidService.bid(req.parameters.get("bidId", as: UUID.self), for: user, on: req.db)
        try await TenderRanking.award(bid, of: t, by: user, today: req.platform.today(), on: req.db)
        req.session.data["flash"] = "Gegund aan \(bid.supplier.name); het aanbod (\(BidService.describe(bid.offer, tender: t))) is de verplichting."
        return req.redirect(to: PagePath.contract(t.id!))
    }

    struct TendersPage: Encodable {
        struct Consultation: Encodable { var id: String; var title: String; var buyer: String; var category: String; var publication: String; var ask: String }
        struct Open: Encodable {
            var id: String; var title: String; var buyer: String; var closes: String; var ask: String; var offerLabel: String
            var ownOffer: String?; var ownPlan: String?; var canEnter: Bool; var ownScore: String?
            var bidID: String?; var attachments: [Section.Attachment]
        }
        var layout: Layout
        var consultations: [Consultation]
        var open: [Open]
    }

    func tenders(req: Request) async throws -> Vapor.View {
        let user = try req.currentUser()
        guard user.isSupplier else { throw AppError.notFound }
        let today = req.platform.today()
        let consultations = try await MarketConsultationService.list(for: user, on: req.db)
        let bidOn = try await BidModel.query(on: req.db).filter(\.$supplier.$id == user.organisationID).all()
        let openIDs = try await ContractModel.query(on: req.db).filter(\.$statusRaw == ContractStatus.inTender.rawValue)
            .filter(\.$srAskRaw == SocialReturnAsk.awardCriterion.rawValue).all(\.$id)
        let ids = Array(Set(openIDs + bidOn.map(\.$contract.id)))
        let contracts = ids.isEmpty ? [] : try await ContractModel.query(on: req.db).filter(\.$id ~~ ids).with(\.$buyer).sort(\.$title).all()
        var open: [TendersPage.Open] = []
        for c in contracts {
            let own = bidOn.first { $0.$contract.id == c.id }
            var attachments: [Section.Attachment] = []
            if let own { attachments = try await Self.attachments(of: own, on: req.db) }
            let closes = c.bidsCloseOn.flatMap(Day.init(iso:))
            var ownScore: String?
            if c.status.isAwarded, let line = try await TenderRanking.ranking(of: c, for: user, on: req.db).results.first {
                ownScore = "plaats \(line.rank): \(TenderScoring.points(line.total)) van 100 punten (\(TenderScoring.points(line.weighted)) in de gunning)"
            }
            open.append(.init(id: c.id!.uuidString, title: c.title, buyer: c.buyer.name, closes: closes?.dutch ?? "-",
                              ask: "weegt \(Percentage(basisPoints: c.srWeightBasisPoints ?? 0)) in de gunning",
                              offerLabel: BidService.unit(of: c) == "jobs" ? "Aangeboden banen" : "Aangeboden bedrag (€)",
                              ownOffer: own.map { BidService.describe($0.offer, tender: c) }, ownPlan: own?.plan,
                              canEnter: c.status == .inTender && (closes.map { today <= $0 } ?? true) && user.role.reports, ownScore: ownScore,
                              bidID: own?.id?.uuidString, attachments: attachments))
        }
        return try await req.view.render("tenders", TendersPage(
            layout: Layout(request: req, active: "tenders"),
            consultations: consultations.map { c in
                .init(id: c.contract.id!.uuidString, title: c.contract.title, buyer: c.buyerName, category: c.category,
                      publication: c.contract.publicationDate.flatMap(Day.init(iso:))?.dutch ?? "nog niet bekend",
                      ask: c.contract.srAsk?.dutchLabel ?? "nog niet bepaald")
            }, open: open))
    }

    struct IdeaForm: Content { var text: String? }

    func idea(req: Request) async throws -> Response {
        let form = try req.content.decode(IdeaForm.self)
        do {
            _ = try await MarketConsultationService.sendIdea(form.text, to: req.parameters.get("id", as: UUID.self), by: try req.currentUser(), on: req.db)
            req.session.data["flash"] = "Dank u: uw idee staat bij de voorbereiding van deze aanbesteding."
        } catch AppError.validation(let list) {
            req.session.data["flash"] = "Niet verstuurd: " + list.map(\.message).joined(separator: "; ") + "."
        }
        return req.redirect(to: "/aanbestedingen")
    }
}
