import Fluent
import Foundation
import SROIDomain

/// The register of social enterprises and sheltered workshops: searched by buyers for reserved contracts and
/// lots (step 2Ab, art. 2.82) and by suppliers looking for social purchasing. Administrators and buyers'
/// coordinators keep it; a purchase from a registered enterprise is valued by the status the register gives.
/// An entry belongs to the buyer whose coordinator added it (or to the platform): anyone who keeps the register
/// may correct its name or sectors, but a change of its status, which changes other buyers' figures, is only a
/// proposal until the owner's coordinator or an administrator approves it (`SocialEnterpriseStatusChanges`).
enum SocialEnterpriseRegister {
    /// What a save did: the entry as it is now, and the status change it proposed instead of making, if any.
    struct Outcome: Sendable {
        var enterprise: SocialEnterpriseModel
        var proposal: SocialEnterpriseStatusChangeModel?
    }

    struct Draft: Sendable {
        var name: String?
        var kvk: String?
        var psoStep: String?
        var article282: Bool?
        var shelteredWorkshop: Bool?
        var sectors: [String]?
        var region: String?
        var city: String?
        var website: String?
        /// The PSO certificate's number and last valid day (JJJJ-MM-DD); part of the status.
        var psoCertificate: String? = nil
        var psoValidUntil: String? = nil
        /// What the enterprise offers, in its own words.
        var offers: String? = nil
    }

    struct Search: Sendable {
        var text: String?
        var region: String?
        var sector: String?
        var article282: Bool?
        var minimumStep: SocialEnterpriseStatus?
    }

    static func requireKeeper(_ user: CurrentUser) throws {
        guard user.isAdministrator || (user.isBuyer && user.role == .coordinator) else {
            throw AppError.forbidden("Het register wordt bijgehouden door platformbeheer en SR-coördinatoren.")
        }
    }

    static func search(_ s: Search, on db: any Database) async throws -> [SocialEnterpriseModel] {
        var query = SocialEnterpriseModel.query(on: db).sort(\.$name)
        if let a = s.article282, a { query = query.filter(\.$article282 == true) }
        if let region = s.region?.trimmingCharacters(in: .whitespaces), !region.isEmpty { query = query.filter(\.$region == region) }
        let all = try await query.all()
        let text = s.text?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        let sector = s.sector?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return all.filter { e in
            (text.isEmpty || e.name.lowercased().contains(text) || e.kvk == text || (e.city?.lowercased().contains(text) ?? false))
                && (sector.isEmpty || e.sectors.contains { $0.lowercased() == sector })
                && (s.minimumStep.map { min in e.profile.status.map { rank($0) >= rank(min) } ?? false } ?? true)
        }
    }

    /// Higher is closer to the labour market's needs: art. 2.82 first.
    private static func rank(_ s: SocialEnterpriseStatus) -> Int {
        switch s {
        case .aspirant: 0
        case .recognised: 1
        case .psoHighest: 2
        case .article282: 3
        }
    }

    /// May this user change the entry's status at once? Its owner's coordinators and administrators may.
    static func mayDecideStatus(of e: SocialEnterpriseModel, _ user: CurrentUser) -> Bool {
        user.isAdministrator || (user.isBuyer && user.role == .coordinator && e.ownerOrganisationID == user.organisationID)
    }

    static func save(_ draft: Draft, existing: SocialEnterpriseModel?, by user: CurrentUser, reason: String? = nil,
                     asEnterprise selfService: Bool = false, on db: any Database) async throws -> Outcome {
        // The enterprise keeps its own entry (`saveOwn`); everyone else keeps the register.
        if !selfService { try requireKeeper(user) }
        let e = existing ?? SocialEnterpriseModel()
        var errors: [FieldError] = []
        let name = (draft.name ?? existing?.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || name.count > 200 { errors.append(.init(field: "name", message: "vul de naam in (hoogstens 200 tekens)")) }
        let kvk = (draft.kvk ?? existing?.kvk ?? "").trimmingCharacters(in: .whitespaces)
        if !SocialEnterpriseProfile.isValidKvK(kvk) { errors.append(.init(field: "kvk", message: "een KvK-nummer heeft 8 cijfers")) }
        var step = existing?.psoStepRaw
        if let raw = draft.psoStep {
            if raw.isEmpty { step = nil } else if PSOStep(rawValue: raw) != nil { step = raw } else {
                errors.append(.init(field: "psoStep", message: "kies aspirant, 1, 2, 3 of 30+"))
            }
        }
        if case .failure = LabourMarketRegion.optional(draft.region) {
            errors.append(.init(field: "region", message: LabourMarketRegion.message))
        }
        var validUntil = existing?.psoValidUntil
        if let raw = draft.psoValidUntil {
            if raw.isEmpty { validUntil = nil } else if let d = Day(iso: raw) { validUntil = d.iso } else {
                errors.append(.init(field: "psoValidUntil", message: "verwacht de laatste geldige dag van het certificaat als JJJJ-MM-DD"))
            }
        }
        var certificateText = existing?.psoCertificate
        if let raw = draft.psoCertificate?.trimmingCharacters(in: .whitespaces) {
            if raw.count > 100 { errors.append(.init(field: "psoCertificate", message: "hoogstens 100 tekens")) }
            certificateText = raw.isEmpty ? nil : raw
        }
        let certificate = certificateText
        if let offers = draft.offers, offers.count > 2_000 { errors.append(.init(field: "offers", message: "hoogstens 2.000 tekens")) }
        if kvk != existing?.kvk, SocialEnterpriseProfile.isValidKvK(kvk),
           try await SocialEnterpriseModel.query(on: db).filter(\.$kvk == kvk).first() != nil {
            throw AppError.conflict(field: "kvk", message: "dit KvK-nummer staat al in het register")
        }
        let newProfile = SocialEnterpriseProfile(psoStep: step.flatMap(PSOStep.init(rawValue:)),
                                                 article282: draft.article282 ?? existing?.article282 ?? false,
                                                 shelteredWorkshop: draft.shelteredWorkshop ?? existing?.shelteredWorkshop ?? false,
                                                 psoValidUntil: validUntil.flatMap(Day.init(iso:)))
        let statusChanged = existing.map { $0.profile != newProfile || $0.psoCertificate != certificate } ?? false
        // Someone else's entry: a change of status becomes a proposal, with a reason for the owner. The enterprise's
        // own change of status always is one, verified by a buyer's coordinator or an administrator.
        let proposes = existing.map { statusChanged && (selfService || !mayDecideStatus(of: $0, user)) } ?? false
        let selfCreatedStatus = existing == nil && selfService && newProfile.status != nil
        let why = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if proposes && why.isEmpty && !selfService {
            errors.append(.init(field: "reason", message: "een statuswijziging van een inschrijving van een andere organisatie is een voorstel aan die organisatie: leg uit waarom (bijvoorbeeld de datum van het nieuwe PSO-certificaat)"))
        }
        if why.count > 500 { errors.append(.init(field: "reason", message: "hoogstens 500 tekens")) }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let before = existing.map(snapshot)
        e.name = name
        e.kvk = kvk
        if !proposes && !selfCreatedStatus {
            e.psoStepRaw = step
            e.article282 = newProfile.article282
            e.shelteredWorkshop = newProfile.shelteredWorkshop
            e.psoCertificate = certificate
            e.psoValidUntil = validUntil
        } else if existing == nil {
            // A new entry by the enterprise itself starts without a status until it is verified.
            e.article282 = false
            e.shelteredWorkshop = false
        }
        if let offers = draft.offers { e.offers = offers.isEmpty ? nil : offers }
        // The platform keeps entries its administrators or the enterprises themselves add.
        if existing == nil { e.ownerOrganisationID = user.isAdministrator || selfService ? nil : user.organisationID }
        if let sectors = draft.sectors { e.sectorsRaw = sectors.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }.joined(separator: ",") }
        if existing == nil && draft.sectors == nil { e.sectorsRaw = "" }
        if draft.region != nil { e.region = try? LabourMarketRegion.optional(draft.region).get() }
        if let city = draft.city { e.city = city.isEmpty ? nil : city }
        if let website = draft.website { e.website = website.isEmpty ? nil : website }
        let statusBefore = existing?.profile.status
        return try await db.writeTransaction { db in
            try await e.save(on: db)
            if before != snapshot(e) {
                try await AuditLog.record(existing == nil ? .create : .update, objectType: "social_enterprise", objectID: e.id, by: user,
                                          before: before, after: snapshot(e), about: e.ownerOrganisationID, on: db)
            }
            if existing != nil, !proposes, statusBefore != e.profile.status {
                try await SocialEnterpriseStatusChanges.tellAffectedBuyers(e, statusBefore: statusBefore, by: user, on: db)
            }
            let proposal = proposes || selfCreatedStatus
                ? try await SocialEnterpriseStatusChanges.propose(newProfile, certificate: certificate, for: e,
                                                                  reason: why.isEmpty ? "eigen opgave van de onderneming" : why, by: user, on: db)
                : nil
            return Outcome(enterprise: e, proposal: proposal)
        }
    }

    static func snapshot(_ e: SocialEnterpriseModel) -> [String: String] {
        ["name": e.name, "kvk": e.kvk, "psoStep": e.psoStepRaw ?? "", "article282": String(e.article282),
         "shelteredWorkshop": String(e.shelteredWorkshop), "sectors": e.sectorsRaw, "region": e.region ?? "",
         "psoCertificate": e.psoCertificate ?? "", "psoValidUntil": e.psoValidUntil ?? "", "offers": e.offers ?? ""]
    }

    /// A social enterprise's own entry: the one with its organisation's KvK number; nil when there is none yet.
    static func ownEntry(of user: CurrentUser, on db: any Database) async throws -> (organisation: OrganisationModel, entry: SocialEnterpriseModel?) {
        guard user.organisationKind == .socialEnterprise, let org = try await OrganisationModel.find(user.organisationID, on: db),
              let kvk = org.kvk else {
            throw AppError.notFound
        }
        let entry = try await SocialEnterpriseModel.query(on: db).filter(\.$kvk == kvk).first()
        return (org, entry)
    }

    /// Saves the enterprise's own entry: name, sectors, region, city, website and offer at once; a change of status
    /// (PSO step and certificate, art. 2.82, sheltered workshop) waits for a buyer's coordinator or an administrator.
    static func saveOwn(_ draft: Draft, by user: CurrentUser, reason: String?, on db: any Database) async throws -> Outcome {
        guard user.role.reports || user.role == .supplierAdmin else { throw AppError.forbidden("Uw rol mag de inschrijving niet wijzigen.") }
        let (org, entry) = try await ownEntry(of: user, on: db)
        var d = draft
        d.kvk = org.kvk
        if entry == nil, (d.name ?? "").trimmingCharacters(in: .whitespaces).isEmpty { d.name = org.name }
        return try await save(d, existing: entry, by: user, reason: reason, asEnterprise: true, on: db)
    }

    /// The register's status for a KvK number, if the enterprise is registered and counts as social.
    /// On `day`, a PSO step whose certificate lapsed no longer counts.
    static func status(kvk: String?, today day: Day? = nil, on db: any Database) async throws -> (SocialEnterpriseStatus, String)? {
        guard let kvk, SocialEnterpriseProfile.isValidKvK(kvk),
              let e = try await SocialEnterpriseModel.query(on: db).filter(\.$kvk == kvk).first(),
              let status = day.map(e.profile.status(on:)) ?? e.profile.status else { return nil }
        return (status, e.name)
    }
}
