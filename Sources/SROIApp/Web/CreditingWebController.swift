import Fluent
import Foundation
import SROIDomain
import Vapor

/// Across contracts and buyers: the supplier's account with transfers, the buyer's transfers to decide and stacked
/// jobs. The social enterprise register has its own controller (`RegisterWebController`).
struct CreditingWebController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get("bundeling", use: page)
        routes.post("bundeling", "transfers", use: propose)
        routes.post("bundeling", "transfers", ":transferId", "accept", use: accept)
        routes.post("bundeling", "transfers", ":transferId", "decline", use: decline)
        routes.post("bundeling", "stacked-jobs", use: createStackedJob)
    }

    struct Cell: Encodable { var text: String; var href: String? = nil; var num = false }
    struct Row: Encodable {
        var cells: [Cell]
        /// Text cells; money (starting with €) aligned right; the cell at `link` links to `href`.
        init(cells: [String], href: String?, link: Int = 1) {
            self.cells = cells.enumerated().map { i, t in Cell(text: t, href: i == link ? href : nil, num: t.hasPrefix("€")) }
        }
    }
    struct Option: Encodable { var value: String; var label: String }
    struct Transfer: Encodable {
        var id: String; var source: String; var target: String; var share: String; var status: String; var statusKey: String
        var reason: String; var comment: String; var canDecide: Bool
    }
    struct Candidate: Encodable { var candidate: String; var parts: String; var ids: [String] }
    struct Job: Encodable { var title: String; var candidate: String; var parts: String }

    struct Page: Encodable {
        var layout: Layout
        var isSupplier: Bool
        var account: [Row]
        var byBuyer: [Row]
        var total: [Cell]
        var free: [Row]
        var transfers: [Transfer]
        var sources: [Option]
        var targets: [Option]
        var fields: [FormField]
        var summary: [ErrorSummaryItem]
        var candidates: [Candidate]
        var jobs: [Job]
        var canCoordinate: Bool
    }

    struct TransferForm: Content {
        var source: String?
        var targetContractId: String?
        var percentage: String?
        var amount: String?
        var reason: String?

        func fields(sources: [Option], targets: [Option]) -> [FormField] {
            [.select("source", "Wat draagt u over?", value: source, options: sources.map { ($0.value, $0.label) }, required: true, blank: "kies een plaatsing of activiteit"),
             .select("targetContractId", "Naar de verplichting van", value: targetContractId, options: targets.map { ($0.value, $0.label) }, required: true, blank: "kies een contract"),
             FormField(name: "percentage", label: "Deel in procent", value: percentage ?? "", hint: "Bijvoorbeeld 30. Een plaatsing verdeelt u altijd in procenten.", inputmode: "decimal"),
             FormField(name: "amount", label: "Of een bedrag (€, alleen activiteiten)", value: amount ?? "", inputmode: "decimal"),
             FormField(name: "reason", label: "Waarom", type: "textarea", value: reason ?? "", required: true)]
        }
    }

    func page(req: Request) async throws -> Response {
        try await render(req, form: TransferForm(), errors: [:], status: .ok)
    }

    private func render(_ req: Request, form: TransferForm, errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let user = try req.currentUser()
        let today = req.platform.today()
        var page = Page(layout: Layout(request: req, active: "bundeling"), isSupplier: user.isSupplier, account: [], byBuyer: [], total: [],
                        free: [], transfers: [], sources: [], targets: [], fields: [], summary: [], candidates: [], jobs: [],
                        canCoordinate: user.isBuyer && user.role == .coordinator)
        let transfers = try await TransferService.list(for: user, on: req.db)
        page.transfers = try await transfers.asyncMap { t in
            let label = try await Self.sourceLabel(t, on: req.db)
            let share = t.amountCents.map { Money(cents: $0).description } ?? Percentage(basisPoints: t.shareBasisPoints).description
            let status = t.status == "proposed" ? "wacht op de opdrachtgever" : t.status == "accepted" ? "geaccepteerd" + (t.effectiveFrom.flatMap(Day.init(iso:)).map { ", telt vanaf \($0.dutch)" } ?? "") : "afgewezen"
            return Transfer(id: t.id!.uuidString, source: label, target: t.contract.title, share: share, status: status, statusKey: t.status,
                            reason: t.reason ?? "", comment: t.decisionComment ?? "",
                            canDecide: t.status == "proposed" && user.isBuyer && user.role == .coordinator && t.contract.$buyer.id == user.organisationID)
        }
        if user.isSupplier {
            let account = try await SupplierAccountService.account(of: user.organisationID, for: user, today: today, on: req.db)
            page.account = account.lines.map {
                Row(cells: [$0.buyerName, $0.title + ($0.callOffs > 0 ? " (+\($0.callOffs) nadere opdrachten)" : ""), $0.scheme,
                            $0.target ?? $0.obligation.description,
                            $0.realised.description, $0.pending.description, $0.remaining.description, $0.status.dutchLabel],
                    href: PagePath.contract($0.contractID))
            }
            page.byBuyer = account.buyers.map {
                Row(cells: [$0.buyerName, $0.obligation.description, $0.realised.description, $0.pending.description, $0.remaining.description], href: nil)
            }
            page.total = [account.total.obligation, account.total.realised, account.total.pending, account.total.remaining].map { Cell(text: $0.description, num: true) }
            page.free = account.free.map { Row(cells: [$0.title, $0.value.description, $0.awaitingReview.description, $0.reason], href: PagePath.contract($0.contractID), link: 0) }
            let contracts = try await Access.contracts(for: user, on: req.db).with(\.$buyer).sort(\.$title).all()
            page.targets = contracts.filter { $0.frameworkID == nil }.map { Option(value: $0.id!.uuidString, label: "\($0.title) (\($0.buyer.name))") }
            let ids = contracts.compactMap(\.id)
            let titles = Dictionary(uniqueKeysWithValues: contracts.map { ($0.id!, $0.title) })
            if !ids.isEmpty {
                for p in try await PlacementModel.query(on: req.db).filter(\.$contract.$id ~~ ids).sort(\.$startDate).all() {
                    page.sources.append(Option(value: "placement:\(p.id!)", label: "Plaatsing \(Pseudonymizer.display(p.candidate)), \(p.block.dutchLabel) – \(titles[p.$contract.id] ?? "")"))
                }
                for a in try await ActivityModel.query(on: req.db).filter(\.$contract.$id ~~ ids).sort(\.$activityDate).all() {
                    page.sources.append(Option(value: "activity:\(a.id!)", label: "\(a.block.dutchLabel): \(a.summary) – \(titles[a.$contract.id] ?? "")"))
                }
            }
            var fields = form.fields(sources: page.sources, targets: page.targets)
            _ = fields.attach(errors)
            page.fields = fields
            page.summary = fields.errorSummary
        } else if user.isBuyer && user.role == .coordinator {
            page.candidates = try await StackedJobService.candidates(for: user, on: req.db).map { c in
                Candidate(candidate: Pseudonymizer.display(c.candidate),
                          parts: c.placements.map { "\($0.contract.title): \(Hours(hundredths: $0.hoursPerWeekHundredths)) uur" }.joined(separator: "; "),
                          ids: c.placements.map { $0.id!.uuidString })
            }
            page.jobs = try await StackedJobService.jobs(for: user, on: req.db).map { job, parts in
                Job(title: job.title, candidate: Pseudonymizer.display(job.candidate),
                    parts: parts.map { "\($0.contract.title): \(Hours(hundredths: $0.hoursPerWeekHundredths)) uur" }.joined(separator: "; "))
            }
        }
        return try await req.page("bundeling", page, status: status)
    }

    static func sourceLabel(_ t: AllocationModel, on db: any Database) async throws -> String {
        if t.sourceType == "placement", let p = try await PlacementModel.find(t.sourceID, on: db) {
            return "Plaatsing \(Pseudonymizer.display(p.candidate)) (\(p.block.dutchLabel))"
        }
        if let a = try await ActivityModel.find(t.sourceID, on: db) { return "\(a.block.dutchLabel): \(a.summary)" }
        return "verwijderd"
    }

    func propose(req: Request) async throws -> Response {
        let form = try req.content.decode(TransferForm.self)
        var errors: [String: String] = [:]
        let parts = (form.source ?? "").split(separator: ":").map(String.init)
        let percentage = form.percentage.flatMap { $0.isEmpty ? nil : $0 }
        let amount = form.amount.flatMap { $0.isEmpty ? nil : $0 }
        var proposal = TransferService.Proposal(sourceType: parts.first, sourceID: parts.count == 2 ? UUID(uuidString: parts[1]) : nil,
                                                targetContractID: form.targetContractId.flatMap(UUID.init(uuidString:)), reason: form.reason)
        if let percentage {
            proposal.percentage = Percentage(text: percentage)
            if proposal.percentage == nil { errors["percentage"] = "verwacht een percentage, zoals 30" }
        }
        if let amount {
            proposal.amount = DutchNumberFormat.parseMoney(amount)
            if proposal.amount == nil { errors["amount"] = "verwacht een bedrag, zoals 2.500" }
        }
        if errors.isEmpty {
            do {
                _ = try await TransferService.propose(proposal, by: try req.currentUser(), today: req.platform.today(), on: req.db)
                req.session.data["flash"] = "Het voorstel is verstuurd naar de opdrachtgever van het andere contract."
                return req.redirect(to: "/bundeling")
            } catch AppError.validation(let list) {
                for e in list { errors[e.field == "amountCents" ? "amount" : e.field == "sourceId" || e.field == "sourceType" ? "source" : e.field] = e.message }
            } catch AppError.conflict(let field, let message) {
                errors[field == "sourceId" ? "source" : field ?? "source"] = message
            }
        }
        return try await render(req, form: form, errors: errors, status: .unprocessableEntity)
    }

    struct DecisionForm: Content { var comment: String? }

    func accept(req: Request) async throws -> Response { try await decide(.accept, req) }
    func decline(req: Request) async throws -> Response { try await decide(.decline, req) }

    private func decide(_ d: TransferService.Decision, _ req: Request) async throws -> Response {
        let form = try req.content.decode(DecisionForm.self)
        do {
            _ = try await TransferService.decide(d, transferID: req.parameters.get("transferId", as: UUID.self), comment: form.comment,
                                                 by: try req.currentUser(), today: req.platform.today(), on: req.db)
            req.session.data["flash"] = d == .accept ? "De overdracht is geaccepteerd." : "De overdracht is afgewezen."
        } catch AppError.validation(let list) {
            req.session.data["flash"] = "Niet afgewezen: " + (list.first?.message ?? "")
        }
        return req.redirect(to: "/bundeling")
    }

    struct StackForm: Content { var title: String?; var placementIds: [UUID]? }

    func createStackedJob(req: Request) async throws -> Response {
        let form = try req.content.decode(StackForm.self)
        do {
            let job = try await StackedJobService.create(title: form.title, placementIDs: form.placementIds ?? [], by: try req.currentUser(), on: req.db)
            req.session.data["flash"] = "Stapelbaan ‘\(job.title)’ vastgelegd: de plaatsingen worden samen gewaardeerd en naar uren verdeeld."
        } catch AppError.validation(let list) {
            req.session.data["flash"] = "Niet vastgelegd: " + list.map(\.message).joined(separator: "; ")
        }
        return req.redirect(to: "/bundeling#stapelbanen")
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        result.reserveCapacity(count)
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
