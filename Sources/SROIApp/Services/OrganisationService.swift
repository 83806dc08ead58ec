import Fluent
import Foundation
import SROIDomain

/// Registers organisations. A new buyer starts with the default policy as version 1.
enum OrganisationService {
    struct Draft: Sendable {
        var name: String?
        var kind: String?
        var kvk: String?
        var region: String?
        /// A job service: further labour-market regions it covers.
        var regions: [String]? = nil
    }

    static func create(_ draft: Draft, policy: SocialReturnPolicy? = nil, by user: CurrentUser?, on db: any Database) async throws -> OrganisationModel {
        var errors: [FieldError] = []
        let name = draft.name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if name.isEmpty { errors.append(.init(field: "name", message: "vul de naam van de organisatie in")) }
        let kind = draft.kind.flatMap(OrganisationKind.init(rawValue:))
        if kind == nil { errors.append(.init(field: "kind", message: "kies buyer, supplier, social_enterprise of job_service")) }
        let kvk = draft.kvk?.trimmingCharacters(in: .whitespaces)
        if let kvk, !kvk.isEmpty, !(kvk.count == 8 && kvk.allSatisfy(\.isNumber)) {
            errors.append(.init(field: "kvk", message: "een KvK-nummer heeft 8 cijfers"))
        }
        if case .failure = LabourMarketRegion.optional(draft.region) {
            errors.append(.init(field: "region", message: LabourMarketRegion.message))
        }
        var extraRegions: [String] = []
        for (i, r) in (draft.regions ?? []).enumerated() {
            switch LabourMarketRegion.optional(r) {
            case .success(let region): if let region { extraRegions.append(region) }
            case .failure: errors.append(.init(field: "regions.\(i)", message: LabourMarketRegion.message))
            }
        }
        if !extraRegions.isEmpty, kind != .jobService { errors.append(.init(field: "regions", message: "alleen werkgeversdienstverlening dekt meer regio's")) }
        if let user, !user.isAdministrator {
            // A buyer may add the suppliers it awards contracts to, and its coordinator the region's job services;
            // everything else is for the platform administrator.
            let jobService = kind == .jobService && user.isBuyer && user.role == .coordinator
            if !(user.isBuyer && user.role.canEditContracts && kind?.canBeAwarded == true) && !jobService {
                throw AppError.forbidden("Uw rol mag deze organisatie niet registreren.")
            }
        }
        guard errors.isEmpty, let kind else { throw AppError.validation(errors) }
        let kvkValue = (kvk?.isEmpty ?? true) ? nil : kvk
        let covered = extraRegions
        return try await db.writeTransaction { db in
            if let kvkValue, try await OrganisationModel.query(on: db).filter(\.$kvk == kvkValue).first() != nil {
                throw AppError.conflict(field: "kvk", message: "er is al een organisatie met KvK-nummer \(kvkValue)")
            }
            let org = OrganisationModel(name: name, kind: kind, kvk: kvkValue, region: try? LabourMarketRegion.optional(draft.region).get())
            org.regionsRaw = covered.isEmpty ? nil : covered.joined(separator: ",")
            try await org.create(on: db)
            try await AuditLog.record(.create, objectType: "organisation", objectID: org.id, by: user,
                                      before: Optional<String>.none, after: ["name": name, "kind": kind.rawValue], on: db)
            if kind == .buyer {
                try await PolicyStore.addVersion(policy ?? .municipalDefault, for: try org.requireID(), by: user,
                                                 note: "Eerste versie", on: db)
            }
            return org
        }
    }

    /// An organisation states its own number of employees (nil: unknown); its users (not a viewer) or an administrator.
    /// A buyer's small-firm regime reads it for the contracts of that supplier.
    @discardableResult
    static func setEmployees(_ employees: Int?, of organisationID: UUID?, by user: CurrentUser, on db: any Database) async throws -> OrganisationModel {
        guard let organisationID, let org = try await OrganisationModel.find(organisationID, on: db),
              user.isAdministrator || user.organisationID == organisationID else { throw AppError.notFound }
        guard user.isAdministrator || user.role != .viewer else { throw AppError.forbidden("Een meekijker wijzigt de gegevens van de organisatie niet.") }
        if let employees, !(0...1_000_000).contains(employees) {
            throw AppError.validation([.init(field: "employees", message: "verwacht een aantal medewerkers van 0 tot 1.000.000")])
        }
        let before = org.employees
        org.employees = employees
        try await db.writeTransaction { db in
            try await org.update(on: db)
            try await AuditLog.record(.update, objectType: "organisation", objectID: organisationID, by: user,
                                      before: ["employees": before.map(String.init) ?? ""], after: ["employees": employees.map(String.init) ?? ""],
                                      about: organisationID, on: db)
        }
        return org
    }
}
