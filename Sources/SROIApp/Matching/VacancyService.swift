import Fluent
import Foundation
import SROIDomain

/// A supplier's vacancies for its contracts. Who sees one: the supplier, the contract's buyer, the job services whose
/// regions cover its region (and those that proposed a candidate to it), and administrators; everyone else gets 404.
enum VacancyService {
    enum Status: String, CaseIterable, Sendable {
        case open, filled, closed
        var dutchLabel: String {
            switch self {
            case .open: "open"
            case .filled: "vervuld"
            case .closed: "gesloten"
            }
        }
    }

    struct Draft: Sendable {
        var title: String?
        var tasks: String?
        var hoursPerWeek: Hours?
        var place: String?
        var region: String?
        var start: String?
        var blocks: [String]?
        var targetGroups: [String]?
        var requirements: String?
        var contact: String?
        var potentialJobID: UUID?
        var status: String?
    }

    struct Filter: Sendable {
        var region: String?
        var status: String?
        var contractID: UUID?
    }

    static func create(_ d: Draft, on contract: ContractModel, by user: CurrentUser, on db: any Database) async throws -> VacancyModel {
        try FulfilmentAccess.requireReporter(user, for: contract)
        let v = VacancyModel()
        v.$contract.id = try contract.requireID()
        v.supplierID = contract.$supplier.id ?? user.organisationID
        v.status = Status.open.rawValue
        v.createdBy = user.userID
        try await apply(d, to: v, contract: contract, creating: true, on: db)
        try await db.writeTransaction { db in
            try await v.create(on: db)
            try await AuditLog.record(.create, objectType: "vacancy", objectID: v.id, by: user, before: Optional<String>.none,
                                      after: snapshot(v), about: contract.$buyer.id, on: db)
        }
        return v
    }

    static func update(_ v: VacancyModel, with d: Draft, by user: CurrentUser, on db: any Database) async throws -> VacancyModel {
        let contract = try await v.$contract.get(on: db)
        try FulfilmentAccess.requireReporter(user, for: contract)
        let before = snapshot(v)
        try await apply(d, to: v, contract: contract, creating: false, on: db)
        if let raw = d.status {
            guard let status = Status(rawValue: raw) else { throw AppError.validation([.init(field: "status", message: "kies open, filled of closed")]) }
            v.status = status.rawValue
        }
        try await db.writeTransaction { db in
            try await v.update(on: db)
            try await AuditLog.record(.update, objectType: "vacancy", objectID: v.id, by: user, before: before, after: snapshot(v),
                                      about: contract.$buyer.id, on: db)
        }
        return v
    }

    /// Checks the draft and sets what it gives; on create every required field must be there.
    private static func apply(_ d: Draft, to v: VacancyModel, contract: ContractModel, creating: Bool, on db: any Database) async throws {
        let scheme = try await ObligationService.scheme(for: contract, on: db)
        var errors: [FieldError] = []
        func text(_ value: String?, _ field: String, _ max: Int, required: Bool, message: String) -> String? {
            guard let value else {
                if creating && required { errors.append(.init(field: field, message: message)) }
                return nil
            }
            let t = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if t.isEmpty && required { errors.append(.init(field: field, message: message)); return nil }
            if t.count > max { errors.append(.init(field: field, message: "hoogstens \(max) tekens")); return nil }
            if field != "contact" {
                for problem in PersonalDataCheck.problems(in: t) {
                    errors.append(.init(field: field, message: problem + "; een vacature bevat geen gegevens van kandidaten"))
                }
            }
            return t
        }
        if let t = text(d.title, "title", 200, required: true, message: "geef de vacature een titel") { v.title = t }
        if let t = text(d.tasks, "tasks", 4_000, required: true, message: "beschrijf de taken") { v.tasks = t }
        if let t = text(d.place, "place", 200, required: false, message: "") { v.place = t.isEmpty ? nil : t }
        if let t = text(d.requirements, "requirements", 2_000, required: false, message: "") { v.requirements = t.isEmpty ? nil : t }
        if let t = text(d.contact, "contact", 300, required: true, message: "wie is de contactpersoon voor deze vacature (naam, telefoon of e-mail)?") {
            v.contact = t
        }
        if let h = d.hoursPerWeek {
            if h.hundredths <= 0 || h.hundredths > 6_000 {
                errors.append(.init(field: "hoursPerWeek", message: "verwacht 0 tot 60 uur per week"))
            } else {
                v.hoursPerWeekHundredths = h.hundredths
            }
        } else if creating {
            errors.append(.init(field: "hoursPerWeek", message: "hoeveel uur per week?"))
        }
        if let s = d.start {
            if let day = Day(iso: s) { v.startDate = day.iso } else { errors.append(.init(field: "start", message: "verwacht een begindatum als JJJJ-MM-DD")) }
        } else if creating {
            errors.append(.init(field: "start", message: "verwacht een begindatum als JJJJ-MM-DD"))
        }
        if d.region != nil || creating {
            let given = (d.region ?? "").isEmpty ? contract.region : d.region
            switch LabourMarketRegion.optional(given) {
            case .success(let r?): v.region = r
            default: errors.append(.init(field: "region", message: "kies de arbeidsmarktregio van de vacature"))
            }
        }
        if let blocks = d.blocks {
            let parsed = blocks.map { scheme.buildingBlock(parsing: $0) }
            if blocks.isEmpty || parsed.contains(where: { $0.map(scheme.placesAPerson) != true }) {
                errors.append(.init(field: "blocks", message: "kies een of meer van " + scheme.buildingBlocks.filter(scheme.placesAPerson).map(\.rawValue).joined(separator: ", ")))
            } else {
                v.blocksRaw = parsed.compactMap { $0?.rawValue }.joined(separator: ",")
            }
        } else if creating {
            v.blocksRaw = BuildingBlock.employment.rawValue
        }
        if let groups = d.targetGroups {
            let parsed = groups.map { scheme.targetGroup(parsing: $0) }
            if parsed.contains(where: { $0 == nil }) {
                errors.append(.init(field: "targetGroups", message: "kies uit " + scheme.targetGroups.map(\.rawValue).joined(separator: ", ")))
            } else {
                v.targetGroupsRaw = parsed.compactMap { $0?.rawValue }.joined(separator: ",")
            }
        } else if creating {
            v.targetGroupsRaw = ""
        }
        if let job = d.potentialJobID {
            // From a potential job of the partnership on the same contract.
            if try await PotentialJobModel.query(on: db).filter(\.$id == job).filter(\.$contract.$id == contract.requireID()).first() == nil {
                errors.append(.init(field: "potentialJobId", message: "kies een mogelijke baan van deze opdracht"))
            } else {
                v.potentialJobID = job
            }
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
    }

    /// The vacancies the user may see, newest first.
    static func visible(for user: CurrentUser, filter: Filter, on db: any Database) async throws -> [VacancyModel] {
        var q = VacancyModel.query(on: db).with(\.$contract).sort(\.$createdAt, .descending)
        if let status = filter.status, !status.isEmpty { q = q.filter(\.$status == status) }
        if let region = filter.region, !region.isEmpty { q = q.filter(\.$region == region) }
        if let c = filter.contractID { q = q.filter(\.$contract.$id == c) }
        if user.isAdministrator { return try await q.all() }
        if user.isSupplier {
            // The own vacancies, and those of contracts it reports for on another supplier's behalf.
            let delegated = Array(user.delegatedContracts)
            return try await q.group(.or) { either in
                either.filter(\.$supplierID == user.organisationID)
                if !delegated.isEmpty { either.filter(\.$contract.$id ~~ delegated) }
            }.all()
        }
        if user.isBuyer {
            let contracts = try await ContractModel.query(on: db).filter(\.$buyer.$id == user.organisationID).all(\.$id)
            return contracts.isEmpty ? [] : try await q.filter(\.$contract.$id ~~ contracts).all()
        }
        if user.isJobService {
            let regions = try await OrganisationModel.find(user.organisationID, on: db)?.regions ?? []
            let proposedTo = try await ProposalModel.query(on: db).filter(\.$jobService.$id == user.organisationID).all(\.$vacancy.$id)
            guard !regions.isEmpty || !proposedTo.isEmpty else { return [] }
            return try await q.group(.or) { either in
                if !regions.isEmpty { either.filter(\.$region ~~ regions) }
                if !proposedTo.isEmpty { either.filter(\.$id ~~ proposedTo) }
            }.all()
        }
        return []
    }

    /// One vacancy as the user may see it; 404 otherwise.
    static func find(_ id: UUID?, for user: CurrentUser, on db: any Database) async throws -> VacancyModel {
        guard let id, let v = try await visible(for: user, filter: .init(), on: db).first(where: { $0.id == id }) else { throw AppError.notFound }
        return v
    }

    static func snapshot(_ v: VacancyModel) -> [String: String] {
        ["title": v.title, "status": v.status, "region": v.region, "start": v.startDate,
         "hoursPerWeek": Hours(hundredths: v.hoursPerWeekHundredths).description, "blocks": v.blocksRaw, "targetGroups": v.targetGroupsRaw]
    }
}
