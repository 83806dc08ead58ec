import Fluent
import SROIDomain
import Vapor

/// The contract pages: list with filters, a contract with its obligation, and the form.
struct ContractsWebController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.get("contracts", use: list)
        routes.get("contracts", "new", use: new)
        routes.post("contracts", use: create)
        routes.get("contracts", ":id", use: show)
        routes.get("contracts", ":id", "edit", use: edit)
        routes.post("contracts", ":id", use: update)
        routes.post("contracts", ":id", "override", use: override)
        routes.post("contracts", ":id", "override", "delete", use: removeOverride)
    }

    // MARK: List

    struct ListPage: Encodable {
        var layout: Layout
        var rows: [ContractRow]
        /// The filter inputs (named `fields` for the shared fields template).
        var fields: [FormField]
        var canEdit: Bool
        var filtered: Bool
        var isBuyer: Bool
    }

    func list(req: Request) async throws -> View {
        let user = try req.currentUser()
        let filter = try req.query.decode(ContractFilter.self)
        let (contracts, context) = try await Access.contractRecords(for: user, filter: filter, on: req.db)
        let rows = try await ContractPages.rows(contracts, context: context, for: user, on: req.db)
        let organisations = try await Access.organisations(for: user, on: req.db)
        let policy = try await ContractPages.categories(for: user, on: req.db)
        let filters: [FormField] = [
            .select("status", "Status", value: filter.status, options: ContractStatus.allCases.map { ($0.rawValue, $0.dutchLabel) }, blank: "alle"),
            .select("category", "Categorie", value: filter.category,
                    options: policy.map { ($0.cpvPrefix, $0.name) }, blank: "alle"),
            .select("supplierId", "Opdrachtnemer", value: filter.supplierId,
                    options: organisations.filter(\.kind.canBeAwarded).compactMap { o in o.id.map { ($0.uuidString, o.name) } }, blank: "alle"),
        ]
        let filtered = [filter.status, filter.category, filter.supplierId].contains { !($0 ?? "").isEmpty }
        return try await req.view.render("contracts", ListPage(
            layout: Layout(request: req, active: "contracts"), rows: rows, fields: user.isBuyer ? filters : [],
            canEdit: ContractPages.canEdit(user), filtered: filtered, isBuyer: user.isBuyer))
    }

    // MARK: Show

    struct ShowPage: Encodable {
        var layout: Layout
        var contract: ContractRow
        var details: [Detail]
        var obligation: ObligationView?
        var canEdit: Bool
        var canOverride: Bool
        /// No supplier yet: the invitation of its contact person registers it (name, KvK).
        var supplierMissing: Bool
        var fields: [FormField]
        var overrideErrors: [String]
        var fulfilment: FulfilmentOverview?
        var partnership: PartnershipOverview
        var meetings: MeetingsOverview
        /// The evaluation (step 4b), for an awarded contract.
        var evaluations: EvaluationsOverview?
        /// Who records and reports on the supplier's behalf.
        var delegations: DelegationWebController.View?
        /// Bids, scores and the ranking of a tender with social return as award criterion.
        var tender: TenderWebController.Section?

        struct Detail: Encodable {
            var label: String
            var value: String
        }
    }

    struct ObligationView: Encodable {
        var applicable: Bool
        var amount: String
        var computedAmount: String
        var explanation: [String]
        var policy: String
        var overridden: Bool
        var overrideReason: String?
        /// An obligation agreed in jobs, placements or effort, in words.
        var target: String?
    }

    func show(req: Request) async throws -> View {
        try await renderShow(req: req, contract: try await loadContract(req), overrideErrors: [:], overrideForm: nil)
    }

    private func renderShow(req: Request, contract c: ContractModel, overrideErrors: [String: String], overrideForm: OverrideForm?) async throws -> View {
        let user = try req.currentUser()
        let obligation = try await ObligationService.obligation(for: c, on: req.db)
        let row = try await ContractPages.rows([c], for: user, on: req.db)[0]
        var details: [ShowPage.Detail] = [
            .init(label: "Opdrachtgever", value: row.buyerName),
            .init(label: "Opdrachtnemer", value: row.supplierName),
            .init(label: "Status", value: row.statusLabel),
            .init(label: "Type", value: row.kindLabel),
            .init(label: "Categorie", value: row.category.isEmpty ? "onbekend" : "\(row.category) (CPV \(c.cpv ?? "-"))"),
            .init(label: "Opdrachtwaarde excl. btw", value: row.value),
            .init(label: "Loonsom", value: c.wageSumCents.map { Money(cents: $0).description } ?? "onbekend"),
            .init(label: "Looptijd", value: row.period),
        ]
        if let p = c.labourShareBasisPoints { details.append(.init(label: "Arbeidsaandeel", value: Percentage(basisPoints: p).description)) }
        if let x = c.extensionUntil.flatMap(Day.init(iso:)) { details.append(.init(label: "Verlengingsoptie tot", value: x.dutch)) }
        if c.reserved { details.append(.init(label: "Voorbehouden opdracht", value: "ja, voor sociale ondernemingen (art. 2.82)")) }
        if let p = c.publicationDate.flatMap(Day.init(iso:)) { details.append(.init(label: "Geplande publicatie", value: p.dutch)) }
        if let r = c.region { details.append(.init(label: "Arbeidsmarktregio", value: r)) }
        let view = obligation.map { o in
            ObligationView(applicable: o.effective.applicable, amount: o.effective.amount.description,
                           computedAmount: o.effective.computed.amount.description, explanation: o.effective.explanation,
                           policy: "\(o.policyName), versie \(o.policyVersion)" + (c.$policyVersion.id != nil ? " (vastgelegd bij gunning)" : ""),
                           overridden: o.effective.override != nil, overrideReason: o.effective.override?.reason,
                           target: o.effective.targetDescription)
        }
        let form = overrideForm ?? OverrideForm(applicable: c.overrideApplicable.map { $0 ? "yes" : "no" } ?? "",
                                                amount: c.overrideAmountCents.map { DutchNumberFormat.amount(Money(cents: $0)) },
                                                reason: c.overrideReason)
        var fields = form.fields()
        let unplaced = fields.attach(overrideErrors)
        return try await req.view.render("contract", ShowPage(
            layout: Layout(request: req, active: "contracts"), contract: row, details: details, obligation: view,
            canEdit: ContractPages.canEdit(user) && user.isBuyer || user.isAdministrator,
            canOverride: user.role.canOverrideObligation && user.isBuyer || user.isAdministrator,
            supplierMissing: c.$supplier.id == nil, fields: fields, overrideErrors: unplaced,
            fulfilment: try await FulfilmentOverview.make(for: c, user: user, today: req.platform.today(), cipher: req.platform.referenceCipher, on: req.db),
            partnership: try await PartnershipOverview.make(for: c, user: user, on: req.db),
            meetings: try await MeetingsOverview.make(for: c, user: user, on: req.db),
            evaluations: try await EvaluationsOverview.make(for: c, user: user, today: req.platform.today(), on: req.db),
            delegations: try await DelegationWebController.view(for: c, user: user, on: req.db),
            tender: try await TenderWebController.section(for: c, user: user, on: req.db)))
    }

    // MARK: Form

    struct FormPage: Encodable {
        var layout: Layout
        var heading: String
        var action: String
        var cancel: String
        var fields: [FormField]
        var errors: [String]
        var summary: [ErrorSummaryItem]
    }

    func new(req: Request) async throws -> View {
        let user = try req.currentUser()
        try Access.requireContractEditor(user)
        var draft = ContractDraft()
        draft.status = ContractStatus.planned.rawValue
        draft.kind = ContractKind.dienst.rawValue
        return try await renderForm(req: req, form: ContractForm(draft), errors: [:], contractID: nil)
    }

    func edit(req: Request) async throws -> View {
        let user = try req.currentUser()
        try Access.requireContractEditor(user)
        let c = try await loadContract(req)
        return try await renderForm(req: req, form: ContractForm(ContractDraft(c)), errors: [:], contractID: c.id)
    }

    func create(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let form = try req.content.decode(ContractForm.self)
        var base = ContractDraft()
        base.buyerID = user.isBuyer ? user.organisationID : nil
        let (draft, parseErrors) = form.draft(base: base)
        guard parseErrors.isEmpty else {
            return try await renderForm(req: req, form: form, errors: ContractPages.allErrors(parseErrors, draft), contractID: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        do {
            let c = try await ContractService.create(draft, by: user, on: req.db)
            req.session.data["flash"] = "De opdracht is geregistreerd."
            return req.redirect(to: PagePath.contract(try c.requireID()))
        } catch AppError.validation(let errors) {
            return try await renderForm(req: req, form: form, errors: ContractPages.formErrors(errors), contractID: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    func update(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let c = try await loadContract(req)
        let form = try req.content.decode(ContractForm.self)
        let (draft, parseErrors) = form.draft(base: ContractDraft(c))
        guard parseErrors.isEmpty else {
            return try await renderForm(req: req, form: form, errors: ContractPages.allErrors(parseErrors, draft), contractID: c.id)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        do {
            try await ContractService.update(c, with: draft, by: user, on: req.db)
            req.session.data["flash"] = "De wijzigingen zijn opgeslagen."
            return req.redirect(to: PagePath.contract(try c.requireID()))
        } catch AppError.validation(let errors) {
            return try await renderForm(req: req, form: form, errors: ContractPages.formErrors(errors), contractID: c.id)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    private func renderForm(req: Request, form: ContractForm, errors: [String: String], contractID: UUID?) async throws -> View {
        let user = try req.currentUser()
        let suppliers = try await Access.organisations(for: user, on: req.db).filter(\.kind.canBeAwarded)
            .compactMap { o in o.id.map { ($0.uuidString, o.name + (o.kind == .socialEnterprise ? " (sociale onderneming)" : "")) } }
        let (fields, unplaced) = form.fields(suppliers: suppliers, errors: errors)
        let isNew = contractID == nil
        return try await req.view.render("contract-form", FormPage(
            layout: Layout(request: req, active: "contracts"),
            heading: isNew ? "Nieuwe opdracht of aanbesteding" : "Opdracht wijzigen",
            action: isNew ? "/contracts" : PagePath.contract(contractID!.uuidString),
            cancel: isNew ? "/contracts" : PagePath.contract(contractID!.uuidString),
            fields: fields, errors: unplaced, summary: fields.errorSummary))
    }

    // MARK: Override

    struct OverrideForm: Content {
        var applicable: String?
        var amount: String?
        var reason: String?

        func fields() -> [FormField] {
            [
                .select("applicable", "Van toepassing", value: applicable,
                        options: [("yes", "ja, van toepassing"), ("no", "nee, niet van toepassing")], blank: "zoals berekend"),
                FormField(name: "amount", label: "Bedrag (€)", value: amount ?? "", hint: "Leeg laten: het berekende bedrag.",
                          inputmode: "decimal"),
                FormField(name: "reason", label: "Reden", type: "textarea", value: reason ?? "", required: true),
            ]
        }
    }

    func override(req: Request) async throws -> Response {
        let user = try req.currentUser()
        let c = try await loadContract(req)
        let form = try req.content.decode(OverrideForm.self)
        var errors: [String: String] = [:]
        var amount: Money?
        if let text = form.amount?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            amount = DutchNumberFormat.parseMoney(text)
            if amount == nil { errors["amount"] = "verwacht een bedrag in euro's, zoals 45.000" }
        }
        let applicable: Bool? = form.applicable == "yes" ? true : form.applicable == "no" ? false : nil
        if errors.isEmpty {
            do {
                try await ContractService.setOverride(ObligationOverride(applicable: applicable, amount: amount, reason: form.reason ?? ""),
                                                      on: c, by: user, on: req.db)
                req.session.data["flash"] = "De afwijking is vastgelegd."
                return req.redirect(to: PagePath.contract(try c.requireID()))
            } catch AppError.validation(let list) {
                for e in list { errors[e.field == "amountCents" ? "amount" : e.field] = e.message }
            }
        }
        return try await renderShow(req: req, contract: c, overrideErrors: errors, overrideForm: form)
            .encodeResponse(status: .unprocessableEntity, for: req)
    }

    func removeOverride(req: Request) async throws -> Response {
        let c = try await loadContract(req)
        try await ContractService.setOverride(nil, on: c, by: try req.currentUser(), on: req.db)
        req.session.data["flash"] = "De afwijking is verwijderd; het berekende bedrag geldt weer."
        return req.redirect(to: PagePath.contract(try c.requireID()))
    }

    private func loadContract(_ req: Request) async throws -> ContractModel {
        try await Access.contract(req.parameters.get("id", as: UUID.self), for: try req.currentUser(), on: req.db)
    }
}

/// Helpers the contract pages and the dashboard share.
enum ContractPages {
    static func canEdit(_ user: CurrentUser) -> Bool {
        user.isAdministrator || (user.isBuyer && user.role.canEditContracts)
    }

    static func rows<Contract: ContractFields>(_ contracts: [Contract], context: ObligationService.Context? = nil, for user: CurrentUser,
                                               on db: any Database) async throws -> [ContractRow] {
        let obligations = try await ObligationService.obligations(for: contracts, context: context, explained: false, on: db)
        let ids = Set(contracts.flatMap { [$0.buyerID] + ($0.supplierID.map { [$0] } ?? []) })
        var names: [UUID: String] = [:]
        if !ids.isEmpty {
            for org in try await OrganisationModel.query(on: db).filter(\.$id ~~ ids).all() { names[org.id!] = org.name }
        }
        let categories = try await self.categories(for: user, on: db)
        return contracts.map { ContractRow($0, obligation: $0.id.flatMap { obligations[$0] }, names: names, categories: categories) }
    }

    /// The category names of the buyer's policy (suppliers and administrators see the common list).
    static func categories(for user: CurrentUser, on db: any Database) async throws -> [CategoryRule] {
        if user.isBuyer, let policy = try await PolicyStore.current(of: user.organisationID, on: db)?.policy() {
            return policy.categories
        }
        return CategoryRule.commonLabourIntensive
    }

    /// The fields that could not be read, and the rules the rest of the draft breaks: all at once,
    /// so a user does not fix one error only to meet the next. A field that could not be read keeps that message.
    static func allErrors(_ parseErrors: [String: String], _ draft: ContractDraft) -> [String: String] {
        formErrors(draft.problems()).merging(parseErrors) { _, parse in parse }
    }

    /// Validation errors keyed by the form's field names.
    static func formErrors(_ errors: [FieldError]) -> [String: String] {
        var result: [String: String] = [:]
        for e in errors where result[ContractForm.formName[e.field] ?? e.field] == nil {
            result[ContractForm.formName[e.field] ?? e.field] = e.message
        }
        return result
    }
}
