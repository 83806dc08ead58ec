import Fluent
import Foundation
import SROIDomain
import Vapor

/// The supplier's recording pages (placements, hours, activities, the hours import, reports) and the buyer's review.
struct FulfilmentWebController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        let c = routes.grouped("contracts", ":id")
        c.get("placements", "new", use: newPlacement)
        c.post("placements", use: createPlacement)
        c.get("placements", ":placementId", use: placement)
        c.post("placements", ":placementId", "hours", use: recordHours)
        c.post("placements", ":placementId", "outcome", use: recordOutcome)
        c.get("activities", "new", use: newActivity)
        c.post("activities", use: createActivity)
        c.post("imports", "hours", use: importHours).upload(.reporters)
        c.post("reports", use: createReport)
        c.get("reports", ":reportId", use: report)
        c.post("reports", ":reportId", "submit", use: submit)
        c.post("reports", ":reportId", "approve", use: approveAll)
        c.post("reports", ":reportId", "request-info", use: requestInfo)
        c.post("reports", ":reportId", "items", ":itemId", "decide", use: decideItem)
        c.post("reports", ":reportId", "evidence", use: uploadEvidence).upload(.reporters)
        c.get("evidence", ":evidenceId", use: downloadEvidence)
    }

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
    }

    private func renderForm(_ req: Request, heading: String, intro: String, action: String, cancel: String, fields: [FormField],
                            errors: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        var f = fields
        let unplaced = f.attach(errors)
        return try await req.page("fulfilment-form", FormPage(
            layout: Layout(request: req, active: "contracts"), heading: heading, intro: intro, action: action, cancel: cancel,
            fields: f, errors: unplaced, summary: f.errorSummary, multipart: false), status: status)
    }

    // MARK: Placements

    struct PlacementForm: Content {
        var reference: String?
        var bsn: String?
        var block: String?
        var targetGroup: String?
        var apprenticeshipLevel: String?
        var hoursPerWeek: String?
        var start: String?
        var end: String?
        var employmentKind: String?
        var doelgroepregister: String?
        var bonuses: [String]?
        var evidence: String?
        var region: String?

        func fields() -> [FormField] {
            var bonusField = FormField(name: "bonuses[]", label: "Bonussen (eenmalig)", type: "checkboxes",
                                       hint: "Alleen wat van toepassing is.")
            bonusField.options = PlacementBonus.allCases.map { .init(value: $0.rawValue, label: $0.dutchLabel, selected: bonuses?.contains($0.rawValue) ?? false) }
            bonusField.glossary = "ips"
            return [
                FormField(name: "reference", label: "Eigen referentie (personeelsnummer)", value: reference ?? "",
                          hint: "Of vul het BSN in. Uw referentie ziet alleen uw organisatie terug (versleuteld opgeslagen); de opdrachtgever ziet een pseudoniem. Een BSN wordt nooit bewaard."),
                FormField(name: "bsn", label: "BSN", value: "", hint: "Wordt gecontroleerd met de elfproef en daarna vergeten.", inputmode: "numeric"),
                .select("block", "Bouwblok", value: block ?? BuildingBlock.employment.rawValue,
                        options: BuildingBlock.allCases.filter(\.placesAPerson).map { ($0.rawValue, $0.dutchLabel) }, required: true),
                .select("targetGroup", "Doelgroep", value: targetGroup, options: TargetGroup.allCases.map { ($0.rawValue, $0.dutchLabel) },
                        required: true, blank: "kies de doelgroep"),
                .select("apprenticeshipLevel", "Niveau (alleen BBL)", value: apprenticeshipLevel, options: [("2", "tot en met niveau 2"), ("3", "niveau 3 en hoger")], blank: "n.v.t."),
                FormField(name: "hoursPerWeek", label: "Uren per week (contract)", value: hoursPerWeek ?? "", hint: "Bijvoorbeeld 24 of 25,5.",
                          required: true, inputmode: "decimal"),
                FormField(name: "start", label: "Begindatum", type: "date", value: start ?? "", required: true),
                FormField(name: "end", label: "Einddatum", type: "date", value: end ?? "", hint: "Leeg als de plaatsing doorloopt."),
                .select("employmentKind", "Soort contract", value: employmentKind ?? "temporary",
                        options: PlacementDraft.employmentKinds.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }),
                .select("doelgroepregister", "In het doelgroepregister (banenafspraak)", value: doelgroepregister ?? "",
                        options: [("yes", "ja"), ("no", "nee")], blank: "volgt uit de doelgroep").explained("banenafspraak"),
                bonusField,
                .select("region", "Arbeidsmarktregio van de kandidaat", value: region, options: LabourMarketRegion.all.map { ($0, $0) },
                        hint: "Buiten de regio van het contract telt de plaatsing voor het deel dat het beleid zegt.", blank: "dezelfde als het contract"),
                FormField(name: "evidence", label: "Bewijs", type: "textarea", value: evidence ?? "",
                          hint: "Waar het bewijs is, bijvoorbeeld 'arbeidsovereenkomst in personeelsdossier'. Geen namen."),
            ]
        }

        var draft: (PlacementDraft, [String: String]) {
            var errors: [String: String] = [:]
            var hours: Hours?
            if let h = hoursPerWeek, !h.isEmpty {
                hours = Hours(text: h)
                if hours == nil { errors["hoursPerWeek"] = "verwacht een aantal uren, zoals 24 of 25,5" }
            }
            let register: Bool? = doelgroepregister == "yes" ? true : doelgroepregister == "no" ? false : nil
            return (PlacementDraft(reference: reference, bsn: bsn, block: block, targetGroup: targetGroup,
                                   apprenticeshipLevel: apprenticeshipLevel.flatMap(Int.init), hoursPerWeek: hours, start: start, end: end,
                                   employmentKind: employmentKind, doelgroepregister: register, bonuses: bonuses, evidence: evidence,
                                   region: region), errors)
        }
    }

    func newPlacement(req: Request) async throws -> Response {
        let c = try await req.contract()
        try FulfilmentAccess.requireReporter(try req.currentUser(), for: c)
        return try await renderForm(req, heading: "Plaatsing toevoegen", intro: "Voor \(c.title).", action: "/contracts/\(c.id!)/placements",
                                    cancel: "/contracts/\(c.id!)#plaatsingen", fields: PlacementForm().fields(), errors: [:])
    }

    func createPlacement(req: Request) async throws -> Response {
        let c = try await req.contract()
        var form = try req.content.decode(PlacementForm.self)
        let (draft, parseErrors) = form.draft
        var errors = parseErrors
        if errors.isEmpty {
            do {
                _ = try await PlacementService.create(draft, on: c, by: try req.currentUser(), platform: req.platform, on: req.db)
                req.session.data["flash"] = "De plaatsing is vastgelegd."
                return req.redirect(to: "/contracts/\(c.id!)#plaatsingen")
            } catch AppError.validation(let list) {
                for e in list where errors[e.field] == nil { errors[e.field] = e.message }
            } catch AppError.conflict(let field, let message) {
                errors[field ?? "reference"] = message
            }
        } else {
            for e in draft.problems(contractTerm: c.term) where errors[e.field] == nil { errors[e.field] = e.message }
        }
        form.bsn = nil // never shown again
        return try await renderForm(req, heading: "Plaatsing toevoegen", intro: "Voor \(c.title).", action: "/contracts/\(c.id!)/placements",
                                    cancel: "/contracts/\(c.id!)#plaatsingen", fields: form.fields(), errors: errors, status: .unprocessableEntity)
    }

    struct PlacementPage: Encodable {
        struct HoursRow: Encodable { var period: String; var hours: String }
        var layout: Layout
        var contractTitle: String
        var contractHref: String
        var candidate: String
        /// The supplier's own reference, for that supplier only.
        var reference: String?
        var details: [ContractsWebController.ShowPage.Detail]
        var hours: [HoursRow]
        var total: String
        var canRecord: Bool
        var action: String
        var fields: [FormField]
        var summary: [ErrorSummaryItem]
        var revolvingDoor: Bool
        var outcomeAction: String
        var outcomeFields: [FormField]
    }

    struct OutcomeForm: Content {
        var outcome: String?
        var outcomeDate: String?

        func fields() -> [FormField] {
            [.select("outcome", "Uitstroom", value: outcome, options: PlacementOutcome.allCases.map { ($0.rawValue, $0.dutchLabel) }, blank: "nog niet bekend"),
             FormField(name: "outcomeDate", label: "Datum", type: "date", value: outcomeDate ?? "")]
        }
    }

    func recordOutcome(req: Request) async throws -> Response {
        let c = try await req.contract()
        guard let pid = req.parameters.get("placementId", as: UUID.self),
              let p = try await PlacementModel.query(on: req.db).filter(\.$id == pid).filter(\.$contract.$id == c.requireID()).first()
        else { throw AppError.notFound }
        let form = try req.content.decode(OutcomeForm.self)
        let draft = PlacementDraft(reference: nil, bsn: nil, block: p.blockRaw, targetGroup: p.targetGroupRaw, apprenticeshipLevel: p.apprenticeshipLevel,
                                   hoursPerWeek: Hours(hundredths: p.hoursPerWeekHundredths), start: p.startDate, end: p.endDate,
                                   employmentKind: p.employmentKind, doelgroepregister: p.doelgroepregister, bonuses: p.bonuses.map(\.rawValue),
                                   evidence: p.evidence, region: p.region, outcome: form.outcome ?? "", outcomeDate: form.outcomeDate ?? "")
        do {
            try await PlacementService.update(p, with: draft, on: c, by: try req.currentUser(), on: req.db)
            req.session.data["flash"] = "De uitstroom is vastgelegd."
            return req.redirect(to: "/contracts/\(c.id!)/placements/\(pid)")
        } catch AppError.validation(let list) {
            return try await renderPlacement(req, errors: Dictionary(list.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a }),
                                             status: .unprocessableEntity, outcome: form)
        }
    }

    func placement(req: Request) async throws -> Response {
        try await renderPlacement(req, errors: [:], status: .ok)
    }

    private func renderPlacement(_ req: Request, errors: [String: String], status: HTTPResponseStatus, form: HoursForm? = nil,
                                 outcome: OutcomeForm? = nil) async throws -> Response {
        let c = try await req.contract()
        try FulfilmentAccess.requirePersons(try req.currentUser(), of: c)
        guard let pid = req.parameters.get("placementId", as: UUID.self),
              let p = try await PlacementModel.query(on: req.db).filter(\.$id == pid).filter(\.$contract.$id == c.requireID()).first()
        else { throw AppError.notFound }
        let rows = try await PaidHoursModel.query(on: req.db).filter(\.$placement.$id == pid).sort(\.$periodStart).all()
        let total = rows.reduce(Hours.zero) { $0 + Hours(hundredths: $1.hoursHundredths) }
        var fields = (form ?? HoursForm()).fields()
        _ = fields.attach(errors)
        var outcomeFields = (outcome ?? OutcomeForm(outcome: p.outcomeRaw, outcomeDate: p.outcomeDate)).fields()
        _ = outcomeFields.attach(errors)
        let today = req.platform.today()
        let door = try await DurabilityService.revolvingDoors(among: [p], today: today, scope: .of(try req.currentUser()), on: req.db).contains(pid)
        return try await req.page("placement", PlacementPage(
            layout: Layout(request: req, active: "contracts"), contractTitle: c.title, contractHref: "/contracts/\(c.id!)",
            candidate: Pseudonymizer.display(p.candidate),
            reference: p.reference(for: try req.currentUser(), contract: c, cipher: req.platform.referenceCipher),
            details: [.init(label: "Bouwblok", value: p.block.dutchLabel), .init(label: "Doelgroep", value: p.targetGroup.dutchLabel),
                      .init(label: "Uren per week", value: Hours(hundredths: p.hoursPerWeekHundredths).description),
                      .init(label: "Looptijd", value: (Day(iso: p.startDate)?.dutch ?? "") + " – " + (p.endDate.flatMap(Day.init(iso:))?.dutch ?? "doorlopend")),
                      .init(label: "Doelgroepregister", value: p.doelgroepregister ? "ja" : "nee"),
                      .init(label: "Bonussen", value: p.bonuses.isEmpty ? "geen" : p.bonuses.map(\.dutchLabel).sorted().joined(separator: ", ")),
                      .init(label: "Arbeidsmarktregio", value: p.region ?? (c.region.map { "\($0) (die van het contract)" } ?? "-")),
                      .init(label: "Uitstroom", value: p.outcome.map { $0.dutchLabel + (p.outcomeDate.flatMap(Day.init(iso:)).map { " op " + $0.dutch } ?? "") } ?? "nog niet bekend"),
                      .init(label: "Duurzaam", value: p.span?.isDurable(on: today) == true ? "ja (12 maanden of langer, of blijvend werk)" : "nog niet"),
                      .init(label: "Bewijs", value: p.evidence ?? "-")],
            hours: rows.map { .init(period: "\(Day(iso: $0.periodStart)?.dutch ?? "") – \(Day(iso: $0.periodEnd)?.dutch ?? "")",
                                    hours: Hours(hundredths: $0.hoursHundredths).description) },
            total: total.description, canRecord: (try? FulfilmentAccess.requireReporter(try req.currentUser(), for: c)) != nil,
            action: "/contracts/\(c.id!)/placements/\(pid)/hours", fields: fields, summary: (fields + outcomeFields).errorSummary,
            revolvingDoor: door, outcomeAction: "/contracts/\(c.id!)/placements/\(pid)/outcome", outcomeFields: outcomeFields), status: status)
    }

    struct HoursForm: Content {
        var periodStart: String?
        var periodEnd: String?
        var hours: String?

        func fields() -> [FormField] {
            [FormField(name: "periodStart", label: "Periode van", type: "date", value: periodStart ?? "", required: true),
             FormField(name: "periodEnd", label: "Periode tot en met", type: "date", value: periodEnd ?? "", required: true),
             FormField(name: "hours", label: "Verloonde uren", value: hours ?? "", hint: "Bijvoorbeeld 86,5. Dezelfde periode opnieuw vervangt de uren.",
                       required: true, inputmode: "decimal")]
        }
    }

    func recordHours(req: Request) async throws -> Response {
        let c = try await req.contract()
        guard let pid = req.parameters.get("placementId", as: UUID.self),
              let p = try await PlacementModel.query(on: req.db).filter(\.$id == pid).filter(\.$contract.$id == c.requireID()).first()
        else { throw AppError.notFound }
        let form = try req.content.decode(HoursForm.self)
        var errors: [String: String] = [:]
        let start = form.periodStart.flatMap(Day.init(iso:)), end = form.periodEnd.flatMap(Day.init(iso:))
        let hours = form.hours.flatMap(Hours.init(text:))
        if start == nil { errors["periodStart"] = "verwacht een datum" }
        if end == nil { errors["periodEnd"] = "verwacht een datum" }
        if hours == nil { errors["hours"] = "verwacht een aantal uren, zoals 86,5" }
        if errors.isEmpty, let start, let end, let hours {
            do {
                try await PaidHoursService.record(hours, from: start, to: end, for: p, on: c, by: try req.currentUser(), on: req.db)
                req.session.data["flash"] = "De uren zijn vastgelegd."
                return req.redirect(to: "/contracts/\(c.id!)/placements/\(pid)")
            } catch AppError.validation(let list) {
                for e in list { errors[e.field] = e.message }
            }
        }
        return try await renderPlacement(req, errors: errors, status: .unprocessableEntity, form: form)
    }

    // MARK: Activities

    struct ActivityForm: Content {
        var block: String?
        var description: String?
        var date: String?
        var amount: String?
        var hours: String?
        var enterpriseName: String?
        var enterpriseKvk: String?
        var enterpriseStatus: String?
        var evidence: String?

        func fields() -> [FormField] {
            [.select("block", "Soort activiteit", value: block, options: BuildingBlock.allCases.filter { !$0.placesAPerson }.map { ($0.rawValue, $0.dutchLabel) },
                     required: true, blank: "kies"),
             FormField(name: "description", label: "Omschrijving", value: description ?? "", required: true),
             FormField(name: "date", label: "Datum", type: "date", value: date ?? "", required: true),
             FormField(name: "amount", label: "Factuurbedrag excl. btw (€)", value: amount ?? "",
                       hint: "Voor opleiding, sociale inkoop, of een bijdrage op factuur.", inputmode: "decimal"),
             FormField(name: "hours", label: "Uren", value: hours ?? "", hint: "Voor jobcoaching, of een bijdrage in uren.", inputmode: "decimal"),
             FormField(name: "enterpriseName", label: "Sociale onderneming", value: enterpriseName ?? "", hint: "Alleen bij sociale inkoop."),
             FormField(name: "enterpriseKvk", label: "KvK-nummer onderneming", value: enterpriseKvk ?? "", inputmode: "numeric"),
             .select("enterpriseStatus", "Status van de onderneming", value: enterpriseStatus,
                     options: SocialEnterpriseStatus.allCases.map { ($0.rawValue, $0.dutchLabel) }, blank: "n.v.t.").explained("art282"),
             FormField(name: "evidence", label: "Bewijs", type: "textarea", value: evidence ?? "", hint: "Bijvoorbeeld het factuurnummer.")]
        }
    }

    func newActivity(req: Request) async throws -> Response {
        let c = try await req.contract()
        try FulfilmentAccess.requireReporter(try req.currentUser(), for: c)
        return try await renderForm(req, heading: "Activiteit toevoegen", intro: "Opleiding, jobcoaching, sociale inkoop of een maatschappelijke bijdrage voor \(c.title).",
                                    action: "/contracts/\(c.id!)/activities", cancel: "/contracts/\(c.id!)#activiteiten", fields: ActivityForm().fields(), errors: [:])
    }

    func createActivity(req: Request) async throws -> Response {
        let c = try await req.contract()
        let form = try req.content.decode(ActivityForm.self)
        var errors: [String: String] = [:]
        var amount: Money?
        if let a = form.amount, !a.isEmpty {
            amount = DutchNumberFormat.parseMoney(a)
            if amount == nil { errors["amount"] = "verwacht een bedrag, zoals 8.000" }
        }
        var hours: Hours?
        if let h = form.hours, !h.isEmpty {
            hours = Hours(text: h)
            if hours == nil { errors["hours"] = "verwacht een aantal uren, zoals 12,5" }
        }
        if errors.isEmpty {
            do {
                _ = try await ActivityService.create(.init(block: form.block, description: form.description, date: form.date, amount: amount, hours: hours,
                                                           enterpriseName: form.enterpriseName, enterpriseKvK: form.enterpriseKvk,
                                                           enterpriseStatus: form.enterpriseStatus, evidence: form.evidence),
                                                     on: c, by: try req.currentUser(), on: req.db)
                req.session.data["flash"] = "De activiteit is vastgelegd."
                return req.redirect(to: "/contracts/\(c.id!)#activiteiten")
            } catch AppError.validation(let list) {
                for e in list where errors[e.field] == nil {
                    let name = ["amountCents": "amount", "enterpriseKvk": "enterpriseKvk"][e.field] ?? e.field
                    errors[name] = e.message
                }
            }
        }
        return try await renderForm(req, heading: "Activiteit toevoegen", intro: "Voor \(c.title).", action: "/contracts/\(c.id!)/activities",
                                    cancel: "/contracts/\(c.id!)#activiteiten", fields: form.fields(), errors: errors, status: .unprocessableEntity)
    }

    // MARK: Import

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
        var page = ImportPage(layout: Layout(request: req, active: "contracts"), contractTitle: c.title, contractHref: "/contracts/\(c.id!)",
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


    // MARK: Reports

    struct NewReportForm: Content {
        var period: String?
    }

    func createReport(req: Request) async throws -> Response {
        let c = try await req.contract()
        let form = try req.content.decode(NewReportForm.self)
        let parts = (form.period ?? "").split(separator: "/").map(String.init)
        guard parts.count == 2, let s = Day(iso: parts[0]), let e = Day(iso: parts[1]), let period = Term(start: s, end: e) else {
            throw AppError.validation([.init(field: "period", message: "kies een periode")])
        }
        let r = try await ReportService.create(period: period, note: nil, on: c, by: try req.currentUser(), on: req.db)
        return req.redirect(to: "/contracts/\(c.id!)/reports/\(r.id!)")
    }

    struct ReportPage: Encodable {
        struct Line: Encodable {
            var id: String; var block: String; var value: String; var explanation: String; var decision: String; var decisionLabel: String
            var comment: String?; var decidable: Bool
            /// The conversation on the line, and whether the supplier may answer (a rejected line, or more information asked).
            var thread: [ReportLineWebController.Step]; var answerable: Bool; var reofferable: Bool
        }
        var layout: Layout
        var contractTitle: String
        var contractHref: String
        var period: String
        var status: String
        var statusKey: String
        var supplierNote: String?
        var reviewComment: String?
        var lines: [Line]
        var total: String
        var approved: String
        var isDraft: Bool
        var canSubmit: Bool
        var canReview: Bool
        var base: String
        var showEvidence: Bool
        var evidence: [EvidenceRow]
        /// What the last submission changed, in words: the totals and one line per new, changed or removed line.
        var changes: [String] = []
        var changedTotals: String? = nil
    }

    struct EvidenceRow: Encodable { var href: String?; var filename: String; var size: String; var note: String }

    func report(req: Request) async throws -> Response {
        let c = try await req.contract()
        let r = try await loadReport(req, c)
        let user = try req.currentUser()
        let dto = try await ReportViews.dto(r, contract: c, for: user, on: req.db)
        let canReview = (try? FulfilmentAccess.requireReviewer(user, for: c)) != nil && r.status == .submitted
        let reporter = (try? FulfilmentAccess.requireReporter(user, for: c)) != nil
        let page = ReportPage(
            layout: Layout(request: req, active: "contracts"), contractTitle: c.title, contractHref: "/contracts/\(c.id!)",
            period: r.period.map { "\($0.start.dutch) – \($0.end.dutch)" } ?? "", status: r.status.dutchLabel, statusKey: r.statusRaw,
            supplierNote: r.supplierNote, reviewComment: r.reviewComment,
            lines: dto.items.map { i in
                .init(id: i.id?.uuidString ?? "", block: BuildingBlock(rawValue: i.block)?.dutchLabel ?? i.block, value: Money(cents: i.valueCents).description,
                      explanation: i.explanation, decision: i.decision, decisionLabel: r.status == .draft ? "concept" : LineDecision(rawValue: i.decision)?.dutchLabel ?? i.decision,
                      comment: i.comment, decidable: canReview && i.decision == LineDecision.pending.rawValue,
                      thread: (i.thread ?? []).map(ReportLineWebController.Step.init),
                      answerable: reporter && r.status != .draft && (i.decision == LineDecision.rejected.rawValue || r.status == .infoRequested),
                      reofferable: reporter && i.decision == LineDecision.rejected.rawValue)
            },
            total: Money(cents: dto.totalCents).description, approved: Money(cents: dto.approvedCents).description,
            isDraft: r.status == .draft, canSubmit: r.status.isOpenForSupplier && (try? FulfilmentAccess.requireReporter(user, for: c)) != nil,
            canReview: canReview, base: "/contracts/\(c.id!)/reports/\(r.id!)",
            showEvidence: (try? EvidenceService.requireReader(user, for: c)) != nil,
            evidence: try await EvidenceFileModel.query(on: req.db).filter(\.$reportID == r.requireID()).sort(\.$uploadedAt).all().map { f in
                EvidenceRow(href: f.deletedAt == nil ? "/contracts/\(c.id!)/evidence/\(f.id!)" : nil, filename: f.filename,
                            size: "\(DutchNumberFormat.grouped(Int(max(1, f.size / 1024)))) kB",
                            note: f.deletedAt == nil ? "" : "verwijderd na de bewaartermijn")
            })
        var shown = page
        if let c = dto.changes {
            let money = { (cents: Int64) in Money(cents: cents).description }
            shown.changedTotals = "Totaal \(money(c.previousTotalCents)) → \(money(c.totalCents))"
            shown.changes = c.added.map { "Nieuw: \($0.explanation) (\(money($0.valueCents)))" }
                + c.changed.map { "Gewijzigd: \($0.explanation): \(money($0.beforeCents)) → \(money($0.afterCents))" }
                + c.removed.map { "Vervallen: \($0.explanation) (\(money($0.valueCents)))" }
        }
        return try await req.page("report", shown)
    }

    private func loadReport(_ req: Request, _ c: ContractModel) async throws -> ReportModel {
        guard let id = req.parameters.get("reportId", as: UUID.self),
              let r = try await ReportModel.query(on: req.db).filter(\.$id == id).filter(\.$contract.$id == c.requireID()).first()
        else { throw AppError.notFound }
        return r
    }

    struct EvidenceForm: Content { var file: File? }

    func uploadEvidence(req: Request) async throws -> Response {
        let c = try await req.contract()
        let r = try await loadReport(req, c)
        guard let file = (try? req.content.decode(EvidenceForm.self))?.file, file.data.readableBytes > 0 else {
            req.session.data["flash"] = "Kies een bestand om toe te voegen."
            return req.redirect(to: "/contracts/\(c.id!)/reports/\(r.id!)")
        }
        do {
            _ = try await EvidenceService.store(file.data, filename: file.filename, reportID: r.id, on: c, by: try req.currentUser(),
                                                directory: req.platform.configuration.evidenceDirectory, on: req.db)
            req.session.data["flash"] = "Het bewijsstuk \(file.filename) is toegevoegd."
        } catch AppError.validation(let list) {
            req.session.data["flash"] = list.first.map { "Niet toegevoegd: \($0.message)." }
        }
        return req.redirect(to: "/contracts/\(c.id!)/reports/\(r.id!)")
    }

    func downloadEvidence(req: Request) async throws -> Response {
        try await EvidenceService.download(req, contract: try await req.contract())
    }

    struct CommentForm: Content {
        var comment: String?
        var decision: String?
    }

    func submit(req: Request) async throws -> Response {
        let c = try await req.contract()
        let r = try await loadReport(req, c)
        let form = try req.content.decode(CommentForm.self)
        try await ReportService.submit(r, note: form.comment, on: c, by: try req.currentUser(), on: req.db)
        req.session.data["flash"] = "De rapportage is ingediend. De opdrachtgever beoordeelt hem."
        return req.redirect(to: "/contracts/\(c.id!)/reports/\(r.id!)")
    }

    func approveAll(req: Request) async throws -> Response {
        let c = try await req.contract()
        let r = try await loadReport(req, c)
        let form = try req.content.decode(CommentForm.self)
        try await ReportService.decide(.approved, items: nil, comment: form.comment, report: r, on: c, by: try req.currentUser(), on: req.db)
        req.session.data["flash"] = "Alle openstaande regels zijn goedgekeurd."
        return req.redirect(to: "/contracts/\(c.id!)/reports/\(r.id!)")
    }

    func decideItem(req: Request) async throws -> Response {
        let c = try await req.contract()
        let r = try await loadReport(req, c)
        let form = try req.content.decode(CommentForm.self)
        guard let item = req.parameters.get("itemId", as: UUID.self),
              let decision = form.decision.flatMap(ReportService.Decision.init(rawValue:)) else { throw AppError.notFound }
        do {
            try await ReportService.decide(decision, items: [item], comment: form.comment, report: r, on: c, by: try req.currentUser(), on: req.db)
            req.session.data["flash"] = decision == .approved ? "De regel is goedgekeurd." : "De regel is afgekeurd."
        } catch AppError.validation(let list) {
            req.session.data["flash"] = list.first.map { "Niet opgeslagen: \($0.message)." }
        }
        return req.redirect(to: "/contracts/\(c.id!)/reports/\(r.id!)")
    }

    func requestInfo(req: Request) async throws -> Response {
        let c = try await req.contract()
        let r = try await loadReport(req, c)
        let form = try req.content.decode(CommentForm.self)
        do {
            try await ReportService.requestInformation(r, comment: form.comment, on: c, by: try req.currentUser(), on: req.db)
            req.session.data["flash"] = "De vraag is naar de opdrachtnemer gestuurd."
        } catch AppError.validation(let list) {
            req.session.data["flash"] = list.first.map { "Niet verstuurd: \($0.message)." }
        }
        return req.redirect(to: "/contracts/\(c.id!)/reports/\(r.id!)")
    }
}
