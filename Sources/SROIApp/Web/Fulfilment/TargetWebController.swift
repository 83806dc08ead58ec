import Fluent
import Foundation
import SROIDomain
import Vapor

/// The obligation in jobs, placements or effort: the coordinator's form, and the buttons that mark a milestone met.
struct TargetWebController: Sendable {
    func register(_ c: any RoutesBuilder) {
        c.get("target", use: edit)
        c.post("target", use: save)
        c.post("target", "delete", use: clear)
        c.post("target", "milestones", ":index", use: milestone)
    }

    struct TargetForm: Content {
        var kind: String?
        var count: String?
        var block: String?
        var targetGroup: String?
        var minimumHoursPerWeek: String?
        /// One milestone a line: a date and what, e.g. "1-3-2026 Plan van aanpak besproken"; "(behaald 20-2-2026)" at the end marks it met.
        var milestones: String?

        init(kind: String? = nil, count: String? = nil, block: String? = nil, targetGroup: String? = nil, minimumHoursPerWeek: String? = nil,
             milestones: String? = nil) {
            (self.kind, self.count, self.block, self.targetGroup, self.minimumHoursPerWeek, self.milestones)
                = (kind, count, block, targetGroup, minimumHoursPerWeek, milestones)
        }

        init(_ target: ObligationTarget?) {
            guard let target else { self.init(kind: "jobs"); return }
            switch target {
            case .jobs(let p), .placements(let p):
                self.init(kind: target.kind, count: String(p.count), block: p.block?.rawValue, targetGroup: p.targetGroup?.rawValue,
                          minimumHoursPerWeek: p.minimumHoursPerWeek?.description)
            case .effort(let m):
                self.init(kind: "effort", milestones: m.map { "\(Self.date($0.due)) \($0.title)" + ($0.metOn.map { " (behaald \(Self.date($0)))" } ?? "") }
                    .joined(separator: "\n"))
            }
        }

        static func date(_ d: Day) -> String { "\(d.day)-\(d.month)-\(d.year)" }

        func fields(scheme: ValuationScheme) -> [FormField] {
            [.select("kind", "Soort doel", value: kind, options: [("jobs", "banen gedurende de looptijd"), ("placements", "plaatsingen die in de looptijd beginnen"),
                                                                ("effort", "inspanning: plan van aanpak met mijlpalen")], required: true),
             FormField(name: "count", label: "Aantal (banen of plaatsingen)", value: count ?? "", hint: "Bijvoorbeeld 2 banen of 4 leerwerkplekken.", inputmode: "numeric"),
             .select("block", "Alleen dit bouwblok", value: block, options: scheme.buildingBlocks.filter(scheme.placesAPerson).map { ($0.rawValue, scheme.label(of: $0)) },
                     blank: "elk bouwblok"),
             .select("targetGroup", "Alleen deze doelgroep", value: targetGroup, options: scheme.targetGroups.map { ($0.rawValue, scheme.label(of: $0)) },
                     hint: "Banenafspraak telt ook iedereen die in het doelgroepregister staat.", blank: "elke doelgroep"),
             FormField(name: "minimumHoursPerWeek", label: "Minstens uren per week", value: minimumHoursPerWeek ?? "", hint: "Bijvoorbeeld 25,5 voor een banenafspraakbaan.",
                       inputmode: "decimal"),
             FormField(name: "milestones", label: "Mijlpalen (alleen bij inspanning)", type: "textarea", value: milestones ?? "",
                       hint: "Eén per regel: datum en omschrijving, bijvoorbeeld '1-3-2026 Plan van aanpak besproken met het WSP'.")]
        }

        /// The draft, or the problems of reading the form by field.
        var draft: (TargetService.Draft, [String: String]) {
            var errors: [String: String] = [:]
            var count: Int?
            if let c = self.count?.trimmingCharacters(in: .whitespaces), !c.isEmpty {
                count = Int(c)
                if count == nil { errors["count"] = "verwacht een geheel aantal, zoals 2" }
            }
            var hours: Hours?
            if let h = minimumHoursPerWeek?.trimmingCharacters(in: .whitespaces), !h.isEmpty {
                hours = Hours(text: h)
                if hours == nil { errors["minimumHoursPerWeek"] = "verwacht een aantal uren, zoals 25,5" }
            }
            var list: [(title: String?, due: String?, metOn: String?)] = []
            if kind == "effort" {
                for (n, raw) in (milestones ?? "").split(whereSeparator: \.isNewline).enumerated() {
                    var line = raw.trimmingCharacters(in: .whitespaces)
                    guard !line.isEmpty else { continue }
                    var met: String?
                    if let open = line.range(of: "(behaald ", options: .backwards), line.hasSuffix(")") {
                        let text = line[open.upperBound..<line.index(before: line.endIndex)]
                        guard let day = HoursImportFile.parseDay(String(text)) else {
                            errors["milestones"] = "regel \(n + 1): verwacht '(behaald d-m-jjjj)'"
                            continue
                        }
                        met = day.iso
                        line = line[..<open.lowerBound].trimmingCharacters(in: .whitespaces)
                    }
                    let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
                    guard let first = parts.first, let due = HoursImportFile.parseDay(first), parts.count == 2 else {
                        errors["milestones"] = "regel \(n + 1): begin met een datum, zoals 1-3-2026, en dan de omschrijving"
                        continue
                    }
                    list.append((parts[1], due.iso, met))
                }
            }
            return (TargetService.Draft(kind: kind, count: count, block: block.flatMap { $0.isEmpty ? nil : $0 },
                                        targetGroup: targetGroup.flatMap { $0.isEmpty ? nil : $0 }, minimumHoursPerWeek: hours,
                                        milestones: list), errors)
        }
    }

    func edit(req: Request) async throws -> Response {
        let c = try await req.contract()
        let current = try await TargetService.model(of: c, on: req.db)?.target
        return try await render(req, c, form: TargetForm(current), errors: [:], status: .ok)
    }

    func save(req: Request) async throws -> Response {
        let c = try await req.contract()
        let form = try req.content.decode(TargetForm.self)
        let (draft, parseErrors) = form.draft
        var errors = parseErrors
        if errors.isEmpty {
            do {
                try await TargetService.set(draft, on: c, by: try req.currentUser(), on: req.db)
                req.session.data["flash"] = "Het doel is vastgelegd; de voortgang telt nu in die eenheid."
                return req.redirect(to: PagePath.contract(c.id!) + "#voortgang")
            } catch AppError.validation(let list) {
                for e in list where errors[e.field] == nil {
                    errors[e.field.hasPrefix("milestones.") ? "milestones" : e.field] = e.field.hasPrefix("milestones.")
                        ? "mijlpaal \((Int(e.field.split(separator: ".")[1]) ?? 0) + 1): \(e.message)" : e.message
                }
            } catch AppError.conflict(let field, let message) {
                errors[field ?? "kind"] = message
            }
        }
        return try await render(req, c, form: form, errors: errors, status: .unprocessableEntity)
    }

    func clear(req: Request) async throws -> Response {
        let c = try await req.contract()
        try await TargetService.clear(on: c, by: try req.currentUser(), on: req.db)
        req.session.data["flash"] = "Het doel is verwijderd; de verplichting telt weer in euro's."
        return req.redirect(to: PagePath.contract(c.id!) + "#voortgang")
    }

    func milestone(req: Request) async throws -> Response {
        let c = try await req.contract()
        guard let index = req.parameters.get("index", as: Int.self) else { throw AppError.notFound }
        struct Mark: Content { var met: String? }
        let met = (try? req.content.decode(Mark.self).met) != "no"
        _ = try await TargetService.markMilestone(index, met: met, on: c, today: req.platform.today(), by: try req.currentUser(), on: req.db)
        req.session.data["flash"] = met ? "De mijlpaal is als behaald vastgelegd." : "De mijlpaal staat weer open."
        return req.redirect(to: PagePath.contract(c.id!) + "#voortgang")
    }

    private func render(_ req: Request, _ c: ContractModel, form: TargetForm, errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let user = try req.currentUser()
        try Access.requireCoordinator(user)
        guard c.$buyer.id == user.organisationID else { throw AppError.notFound }
        let scheme = try await ObligationService.scheme(for: c, on: req.db)
        return try await RecordingForm.render(
            req, heading: "Verplichting in banen, plaatsingen of inzet",
            intro: "Spreek de social return af in banen, plaatsingen of een plan van aanpak in plaats van in euro's. De voortgang en de status tellen dan in die eenheid; de waarde van de inzet blijft zichtbaar. Voor \(c.title).",
            action: PagePath.contract(c.id!) + "/target", cancel: PagePath.contract(c.id!) + "#voortgang", fields: form.fields(scheme: scheme),
            errors: errors, status: status)
    }
}
