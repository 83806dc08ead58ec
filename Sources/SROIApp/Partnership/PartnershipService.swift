import Fluent
import Foundation
import SROIDomain

/// The brainstorm format (appendix III) and the list of potential jobs (step 3a) of a contract.
enum PartnershipService {
    /// Appendix III: what kind of assignment this is.
    static let situations: [(String, String)] = [
        ("existing_with_sr", "bestaand contract met social return"),
        ("existing_without_sr", "bestaand contract zonder social return"),
        ("tender_within_4_months", "nieuwe aanbesteding, minder dan 4 maanden voor de uitvraag"),
        ("tender_after_4_months", "nieuwe aanbesteding, meer dan 4 maanden voor de uitvraag"),
        ("other", "anders"),
    ]
    static let jobSources: [(String, String)] = [
        ("staff_review", "personeelsschouw"), ("training_place", "leer- of werkervaringsplaats"),
        ("new_tasks", "nieuwe taken (jobcarving)"), ("stacked_job", "stapelbaan"), ("other", "anders"),
    ]
    static let jobStatuses: [(String, String)] = [
        ("idea", "idee"), ("explored", "verkend"), ("agreed", "afgesproken"), ("vacancy", "vacature open"),
        ("filled", "ingevuld"), ("dropped", "vervallen"),
    ]

    struct BrainstormDraft: Sendable, Codable {
        var situation: String?
        var situationOther: String?
        var labourComponent: String?
        var whoNeeded: String?
        var willingness: String?
        var desiredResults: String?
        var policyFit: String?
        var nextSteps: String?
    }

    /// The buyer's working group fills in the brainstorm: its users who may edit contracts.
    static func requireBuyerEditor(_ user: CurrentUser, for contract: ContractModel) throws {
        let ownBuyer = user.isBuyer && contract.$buyer.id == user.organisationID
        guard user.isAdministrator || (ownBuyer && (user.role.canEditContracts || user.role == .hrAdviser)) else {
            throw AppError.forbidden("Alleen de werkgroep van de opdrachtgever vult het brainstormformat in.")
        }
    }

    static func requireBuyerReader(_ user: CurrentUser, for contract: ContractModel) throws {
        guard user.isAdministrator || (user.isBuyer && contract.$buyer.id == user.organisationID) else {
            throw AppError.forbidden("Het brainstormformat is een werkdocument van de opdrachtgever.")
        }
    }

    static func saveBrainstorm(_ d: BrainstormDraft, for contract: ContractModel, by user: CurrentUser, on db: any Database) async throws -> BrainstormModel {
        try requireBuyerEditor(user, for: contract)
        var errors: [FieldError] = []
        if !situations.contains(where: { $0.0 == d.situation }) {
            errors.append(.init(field: "situation", message: "kies wat voor opdracht dit is"))
        }
        if d.situation == "other" && (d.situationOther ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(.init(field: "situationOther", message: "beschrijf wat voor opdracht het is"))
        }
        let texts: [(String, String?)] = [("labourComponent", d.labourComponent), ("whoNeeded", d.whoNeeded), ("willingness", d.willingness),
                                          ("desiredResults", d.desiredResults), ("policyFit", d.policyFit), ("nextSteps", d.nextSteps)]
        for (field, value) in texts where (value ?? "").count > 4_000 {
            errors.append(.init(field: field, message: "hoogstens 4.000 tekens"))
        }
        if texts.allSatisfy({ ($0.1 ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
            errors.append(.init(field: "whoNeeded", message: "vul minstens één vraag van het format in"))
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let contractID = try contract.requireID()
        return try await db.writeTransaction { db in
            let last = try await BrainstormModel.query(on: db).filter(\.$contract.$id == contractID).sort(\.$version, .descending).first()
            let b = BrainstormModel()
            b.$contract.id = contractID
            b.version = (last?.version ?? 0) + 1
            b.situation = d.situation!
            b.situationOther = d.situationOther
            b.labourComponent = d.labourComponent ?? ""
            b.whoNeeded = d.whoNeeded ?? ""
            b.willingness = d.willingness ?? ""
            b.desiredResults = d.desiredResults ?? ""
            b.policyFit = d.policyFit ?? ""
            b.nextSteps = d.nextSteps ?? ""
            b.createdBy = user.userID
            try await b.create(on: db)
            try await AuditLog.record(.create, objectType: "brainstorm", objectID: b.id, by: user, before: Optional<String>.none, after: d,
                                      about: contract.$buyer.id, on: db)
            return b
        }
    }

    struct JobDraft: Sendable, Codable {
        var title: String?
        var source: String?
        var hoursPerWeek: Hours?
        var status: String?
        var placementId: UUID?
        var note: String?
    }

    /// Both partners keep the list: the buyer's editors and the awarded supplier's reporters.
    static func requireJobEditor(_ user: CurrentUser, for contract: ContractModel) throws {
        let buyer = user.isBuyer && contract.$buyer.id == user.organisationID && (user.role.canEditContracts || user.role == .hrAdviser)
        let supplier = user.isSupplier && contract.$supplier.id == user.organisationID && user.role.reports
        guard user.isAdministrator || buyer || supplier else {
            throw AppError.forbidden("Uw rol mag de lijst met mogelijke banen niet wijzigen.")
        }
    }

    static func saveJob(_ d: JobDraft, job existing: PotentialJobModel?, for contract: ContractModel, by user: CurrentUser,
                        on db: any Database) async throws -> PotentialJobModel {
        try requireJobEditor(user, for: contract)
        var errors: [FieldError] = []
        let title = (d.title ?? "").trimmingCharacters(in: .whitespaces)
        if title.isEmpty || title.count > 200 { errors.append(.init(field: "title", message: "geef de baan een naam van 1 tot 200 tekens")) }
        if !jobSources.contains(where: { $0.0 == d.source }) { errors.append(.init(field: "source", message: "kies waar de baan vandaan komt")) }
        let status = d.status ?? "idea"
        if !jobStatuses.contains(where: { $0.0 == status }) { errors.append(.init(field: "status", message: "kies een status")) }
        let contractID = try contract.requireID()
        if let pid = d.placementId {
            if try await PlacementModel.query(on: db).filter(\.$id == pid).filter(\.$contract.$id == contractID).first() == nil {
                errors.append(.init(field: "placementId", message: "onbekende plaatsing op dit contract"))
            }
        } else if status == "filled" {
            errors.append(.init(field: "placementId", message: "kies de plaatsing die deze baan invult"))
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let job = existing ?? PotentialJobModel()
        let before = existing.map { ["status": $0.status, "title": $0.title] }
        job.$contract.id = contractID
        job.title = title
        job.source = d.source!
        job.hoursPerWeekHundredths = d.hoursPerWeek?.hundredths
        job.status = status
        job.placementID = d.placementId
        job.note = d.note.flatMap { $0.isEmpty ? nil : $0 }
        if existing == nil { job.createdBy = user.userID }
        try await db.writeTransaction { db in
            try await job.save(on: db)
            try await AuditLog.record(existing == nil ? .create : .update, objectType: "potential_job", objectID: job.id, by: user,
                                      before: before, after: ["status": status, "title": title], about: contract.$buyer.id, on: db)
        }
        return job
    }
}
