import Fluent
import Foundation
import SROIDomain
import Vapor

/// The demo data: a municipality, a ministry on the national-government policy, three suppliers, a social
/// enterprise and about twenty contracts over several categories and statuses.
public enum DemoData {
    public struct Account: Sendable {
        public let email: String
        public let password: String
        public let organisation: String
        public let role: String
    }

    public enum LoadError: Error, CustomStringConvertible {
        case alreadyLoaded
        public var description: String { "De demodata staan al in de database (Gemeente Voorbeeldstad bestaat)." }
    }

    /// A year of the cleaning contract: three placements, hours, a social purchase, one approved and one submitted report.
    static func fulfilment(of contract: ContractModel, by admin: CurrentUser, platform: Platform, on db: any Database) async throws {
        func placement(_ ref: String, _ group: TargetGroup, _ block: BuildingBlock, hours: Int64, _ start: String, _ end: String?,
                       bonuses: [PlacementBonus] = []) async throws -> PlacementModel {
            try await PlacementService.create(PlacementDraft(reference: ref, block: block.rawValue, targetGroup: group.rawValue, hoursPerWeek: Hours(whole: hours),
                                                             start: start, end: end, bonuses: bonuses.map(\.rawValue),
                                                             evidence: "arbeidsovereenkomst in personeelsdossier"),
                                              on: contract, by: admin, platform: platform, on: db)
        }
        _ = try await placement("GL-0412", .socialAssistance, .employment, hours: 24, "2026-03-01", "2026-11-30", bonuses: [.permanentContract])
        let banen = try await placement("GL-0413", .banenafspraak, .employment, hours: 26, "2026-01-01", nil)
        _ = try await placement("GL-0420", .studentMboHbo, .internship, hours: 32, "2026-02-01", "2026-06-30")
        _ = try await placement("GL-0431", .unemploymentBenefit, .employment, hours: 32, "2026-05-01", nil)
        for (start, end) in [("2026-01-01", "2026-03-31"), ("2026-04-01", "2026-06-30"), ("2026-07-01", "2026-09-30")] {
            try await PaidHoursService.record(Hours(whole: 338), from: Day(iso: start)!, to: Day(iso: end)!, for: banen, on: contract, by: admin, on: db)
        }
        _ = try await ActivityService.create(.init(block: "social_purchase", description: "Catering personeelsdag door Werkbedrijf De Brug", date: "2026-05-15",
                                                   amount: Money(euros: 8_000), enterpriseName: "Werkbedrijf De Brug", enterpriseKvK: "60000004",
                                                   enterpriseStatus: "art_2_82", evidence: "factuur 2026-118"), on: contract, by: admin, on: db)
        let q1 = try await ReportService.create(period: Term(start: Day(iso: "2026-01-01")!, end: Day(iso: "2026-03-31")!)!, note: nil,
                                                on: contract, by: admin, on: db)
        try await ReportService.submit(q1, note: "Eerste kwartaal", on: contract, by: admin, on: db)
        try await ReportService.decide(.approved, items: nil, comment: "In orde", report: q1, on: contract, by: admin, on: db)
        let q2 = try await ReportService.create(period: Term(start: Day(iso: "2026-04-01")!, end: Day(iso: "2026-06-30")!)!, note: nil,
                                                on: contract, by: admin, on: db)
        try await ReportService.submit(q2, note: nil, on: contract, by: admin, on: db)
    }

    /// Whether the database holds no organisations yet.
    public static func databaseIsEmpty(_ app: Application) async throws -> Bool {
        try await OrganisationModel.query(on: app.db).count() == 0
    }

    /// Loads the demo data in one transaction and returns the accounts with their passwords.
    public static func load(_ app: Application) async throws -> [Account] {
        let platform = app.platform
        let password: @Sendable () -> String = {
            platform.configuration.demoPassword ?? ([UInt8].random(count: 9).base64URLEncoded + "7")
        }
        return try await app.db.writeTransaction { db in
            if try await OrganisationModel.query(on: db).filter(\.$name == "Gemeente Voorbeeldstad").first() != nil {
                throw LoadError.alreadyLoaded
            }
            var accounts: [Account] = []
            func org(_ name: String, _ kind: OrganisationKind, kvk: String, region: String?, policy: SocialReturnPolicy? = nil,
                     by user: CurrentUser?) async throws -> UUID {
                try await OrganisationService.create(.init(name: name, kind: kind.rawValue, kvk: kvk, region: region),
                                                     policy: policy, by: user, on: db).requireID()
            }
            func user(_ email: String, _ name: String, _ role: Role, _ orgID: UUID, _ orgName: String) async throws -> UserModel {
                let pw = password()
                let u = try await UserService.create(email: email, name: name, role: role.rawValue, password: pw, organisationID: orgID,
                                                     passwords: platform.passwords, by: nil, on: db)
                accounts.append(Account(email: email, password: pw, organisation: orgName, role: role.dutchLabel))
                return u
            }

            let platformOrg = try await org("sroi platformbeheer", .platform, kvk: "00000001", region: nil, by: nil)
            let adminModel = try await user("beheer@sroi.example", "Platformbeheer", .administrator, platformOrg, "sroi platformbeheer")
            adminModel.$organisation.value = try await OrganisationModel.find(platformOrg, on: db)
            let admin = try UserLookup.currentUser(adminModel)

            var municipal = SocialReturnPolicy.municipalDefault
            municipal.name = "Beleidskader social return Voorbeeldstad 2026"
            municipal.categories = CategoryRule.commonLabourIntensive.map { rule in
                var r = rule
                if r.cpvPrefix == "7731" || r.cpvPrefix == "555" { r.percentage = .percent(6) }
                return r
            }
            let stad = try await org("Gemeente Voorbeeldstad", .buyer, kvk: "50000001", region: "Midden-Utrecht", policy: municipal, by: admin)
            var rijk = SocialReturnPolicy.nationalGovernment
            rijk.name = "Rijksbreed beleid social return (loonsom)"
            let ministerie = try await org("Ministerie van Voorbeeldzaken", .buyer, kvk: "50000002", region: "Haaglanden", policy: rijk, by: admin)
            let glans = try await org("Facilitair Bedrijf Glans B.V.", .supplier, kvk: "60000001", region: "Midden-Utrecht", by: admin)
            let groen = try await org("Groenwerk Infra B.V.", .supplier, kvk: "60000002", region: "Amersfoort", by: admin)
            let secure = try await org("SecureNed Diensten B.V.", .supplier, kvk: "60000003", region: "Haaglanden", by: admin)
            let brug = try await org("Werkbedrijf De Brug", .socialEnterprise, kvk: "60000004", region: "Midden-Utrecht", by: admin)

            let sanne = try await user("coordinator@voorbeeldstad.nl", "Sanne de Vries", .coordinator, stad, "Gemeente Voorbeeldstad")
            _ = try await user("inkoper@voorbeeldstad.nl", "Mehmet Yilmaz", .purchaser, stad, "Gemeente Voorbeeldstad")
            _ = try await user("contractmanager@voorbeeldstad.nl", "Lotte Jansen", .contractManager, stad, "Gemeente Voorbeeldstad")
            let priya = try await user("hr@voorbeeldstad.nl", "Priya Ramdin", .hrAdviser, stad, "Gemeente Voorbeeldstad")
            _ = try await user("bestuur@voorbeeldstad.nl", "Wethouder Bakker", .viewer, stad, "Gemeente Voorbeeldstad")
            _ = try await user("coordinator@voorbeeldzaken.nl", "Jeroen Visser", .coordinator, ministerie, "Ministerie van Voorbeeldzaken")
            _ = try await user("rapportage@glans.example", "Karin Smit", .reporter, glans, "Facilitair Bedrijf Glans B.V.")
            _ = try await user("rapportage@groenwerk.example", "Ahmed El Amrani", .reporter, groen, "Groenwerk Infra B.V.")
            _ = try await user("rapportage@securened.example", "Tom Hendriks", .reporter, secure, "SecureNed Diensten B.V.")
            _ = try await user("rapportage@debrug.example", "Ingrid Mulder", .reporter, brug, "Werkbedrijf De Brug")

            struct C {
                var title: String, buyer: UUID, supplier: UUID?, cpv: String, kind: ContractKind, value: Int64
                var wage: Int64? = nil, share: Int? = nil, start: String, end: String, status: ContractStatus
                var ext: String? = nil, pub: String? = nil, region: String = "Midden-Utrecht"
            }
            let contracts: [C] = [
                C(title: "Schoonmaak gemeentelijke gebouwen", buyer: stad, supplier: glans, cpv: "90910000", kind: .dienst, value: 1_200_000,
                  wage: 800_000, start: "2026-01-01", end: "2028-12-31", status: .running, ext: "2030-12-31"),
                C(title: "Glasbewassing stadskantoor", buyer: stad, supplier: glans, cpv: "90911300", kind: .dienst, value: 180_000,
                  start: "2025-04-01", end: "2027-03-31", status: .running, ext: "2028-03-31"),
                C(title: "Groenonderhoud openbare ruimte", buyer: stad, supplier: groen, cpv: "77310000", kind: .dienst, value: 2_400_000,
                  wage: 1_500_000, start: "2025-01-01", end: "2028-12-31", status: .running),
                C(title: "Beveiliging stadhuis", buyer: stad, supplier: secure, cpv: "79710000", kind: .dienst, value: 650_000,
                  wage: 520_000, start: "2024-07-01", end: "2027-06-30", status: .running, ext: "2028-06-30"),
                C(title: "Catering bedrijfsrestaurant", buyer: stad, supplier: brug, cpv: "55520000", kind: .dienst, value: 420_000,
                  start: "2026-02-01", end: "2029-01-31", status: .running),
                C(title: "ICT-werkplekbeheer", buyer: stad, supplier: secure, cpv: "72000000", kind: .dienst, value: 900_000,
                  share: 3_500, start: "2025-09-01", end: "2027-08-31", status: .running),
                C(title: "Levering kantoormeubilair", buyer: stad, supplier: groen, cpv: "39130000", kind: .levering, value: 250_000,
                  start: "2026-03-01", end: "2026-12-31", status: .running),
                C(title: "Onderhoud sportvelden", buyer: stad, supplier: groen, cpv: "77320000", kind: .dienst, value: 95_000,
                  start: "2026-01-01", end: "2026-12-31", status: .running),
                C(title: "Renovatie zwembad De Spetter", buyer: stad, supplier: groen, cpv: "45212212", kind: .werk, value: 3_500_000,
                  wage: 1_200_000, start: "2026-04-01", end: "2027-09-30", status: .running),
                C(title: "Schoonmaak scholen 2022-2025", buyer: stad, supplier: glans, cpv: "90910000", kind: .dienst, value: 800_000,
                  wage: 560_000, start: "2022-01-01", end: "2025-12-31", status: .ended),
                C(title: "Post- en koeriersdiensten", buyer: stad, supplier: secure, cpv: "64110000", kind: .dienst, value: 120_000,
                  start: "2026-06-01", end: "2027-05-31", status: .awarded),
                C(title: "Groenonderhoud parken 2027-2031", buyer: stad, supplier: nil, cpv: "77310000", kind: .dienst, value: 1_800_000,
                  start: "2027-07-01", end: "2031-06-30", status: .planned, pub: "2027-02-15"),
                C(title: "Schoonmaak sporthallen", buyer: stad, supplier: nil, cpv: "90910000", kind: .dienst, value: 600_000,
                  start: "2027-04-01", end: "2030-03-31", status: .inTender, pub: "2026-12-01"),
                C(title: "Beveiliging evenementen", buyer: stad, supplier: nil, cpv: "79710000", kind: .dienst, value: 300_000,
                  start: "2028-01-01", end: "2029-12-31", status: .planned, pub: "2027-09-01"),
                C(title: "Kantoorartikelen", buyer: stad, supplier: nil, cpv: "30192000", kind: .levering, value: 150_000,
                  start: "2027-06-01", end: "2029-05-31", status: .planned),
                C(title: "Schoonmaak ministeriegebouwen", buyer: ministerie, supplier: glans, cpv: "90910000", kind: .dienst, value: 2_000_000,
                  wage: 1_400_000, start: "2025-01-01", end: "2028-12-31", status: .running, region: "Haaglanden"),
                C(title: "Beveiliging departement", buyer: ministerie, supplier: secure, cpv: "79710000", kind: .dienst, value: 800_000,
                  wage: 200_000, start: "2026-01-01", end: "2027-12-31", status: .running, region: "Haaglanden"),
                C(title: "Catering ministerie", buyer: ministerie, supplier: brug, cpv: "55520000", kind: .dienst, value: 500_000,
                  start: "2026-03-01", end: "2028-02-29", status: .running, region: "Haaglanden"),
                C(title: "ICT-servicedesk", buyer: ministerie, supplier: secure, cpv: "72253000", kind: .dienst, value: 1_500_000,
                  wage: 300_000, start: "2026-01-01", end: "2028-12-31", status: .awarded, region: "Haaglanden"),
                C(title: "Groenonderhoud rijkslocaties", buyer: ministerie, supplier: nil, cpv: "77310000", kind: .dienst, value: 700_000,
                  start: "2027-06-01", end: "2030-05-31", status: .planned, pub: "2027-01-15", region: "Haaglanden"),
            ]
            var ids: [String: ContractModel] = [:]
            for c in contracts {
                var d = ContractDraft()
                d.title = c.title
                d.buyerID = c.buyer
                d.supplierID = c.supplier
                d.cpv = c.cpv
                d.kind = c.kind.rawValue
                d.valueCents = c.value * 100
                d.wageSumCents = c.wage.map { $0 * 100 }
                d.labourShareBasisPoints = c.share
                d.start = c.start
                d.end = c.end
                d.status = c.status.rawValue
                d.extensionUntil = c.ext
                d.publicationDate = c.pub
                d.region = c.region
                ids[c.title] = try await ContractService.create(d, by: admin, on: db)
            }
            if let ict = ids["ICT-werkplekbeheer"] {
                try await ContractService.setOverride(
                    ObligationOverride(amount: Money(euros: 20_000), reason: "In de inschrijving is € 20.000 aangeboden; dat is afgesproken."),
                    on: ict, by: admin, on: db)
            }
            if let cleaning = ids["Schoonmaak gemeentelijke gebouwen"] {
                try await fulfilment(of: cleaning, by: admin, platform: platform, on: db)
            }
            try await crediting(ids, stad: stad, glans: glans, by: admin, platform: platform, on: db)
            // The region's job service, a vacancy of the cleaning contract with a proposed candidate, and one still open.
            let wsp = try await org("Werkgeversservicepunt Midden-Utrecht", .jobService, kvk: "70000001", region: "Midden-Utrecht", by: admin)
            let wspModel = try await user("bemiddeling@wsp-middenutrecht.example", "Fatima Bouzid", .accountManager, wsp, "Werkgeversservicepunt Midden-Utrecht")
            wspModel.$organisation.value = try await OrganisationModel.find(wsp, on: db)
            if let contract = ids["Schoonmaak gemeentelijke gebouwen"] {
                let vacancy = try await VacancyService.create(.init(
                    title: "Medewerker schoonmaak (vroege dienst)", tasks: "Kantoren en sanitair schoonmaken in het stadskantoor, van 6 tot 10 uur.",
                    hoursPerWeek: Hours(whole: 20), place: "Utrecht", region: "Midden-Utrecht", start: "2027-01-04", blocks: ["employment"],
                    targetGroups: ["participatiewet", "banenafspraak"], requirements: "Geen ervaring nodig; we leren het je op de werkvloer.",
                    contact: "Karin Smit, Facilitair Bedrijf Glans"), on: contract, by: admin, on: db)
                _ = try await VacancyService.create(.init(
                    title: "Leerling glazenwasser (BBL)", tasks: "Glasbewassing met een vakkracht; opleiding niveau 2 via de BBL.",
                    hoursPerWeek: Hours(whole: 32), place: "Utrecht", region: "Midden-Utrecht", start: "2027-02-01", blocks: ["apprenticeship"],
                    targetGroups: [], requirements: nil, contact: "Karin Smit, Facilitair Bedrijf Glans"), on: contract, by: admin, on: db)
                let proposal = try await ProposalService.propose(.init(
                    bsn: "123456782", clientNumber: nil, targetGroup: "participatiewet", establishedOn: "2026-11-02",
                    profile: "Werkte eerder in de horeca, zoekt vaste ochtenduren; fietst naar het werk."),
                    to: vacancy, by: try UserLookup.currentUser(wspModel), today: platform.today(), platform: platform, on: db)
                proposal.$vacancy.value = vacancy
                _ = try await ProposalService.planInterview(proposal, on: "2026-12-08", by: admin, on: db)
            }
            // A tender with social return as award criterion and two scored bids; a planned one open for ideas.
            if let tender = ids["Schoonmaak sporthallen"], let parks = ids["Groenonderhoud parken 2027-2031"] {
                var d = ContractDraft(tender)
                (d.srAsk, d.srWeightBasisPoints, d.offerUnit, d.bidsCloseOn) = (SocialReturnAsk.awardCriterion.rawValue, 2_000, "euros", "2026-12-20")
                try await ContractService.update(tender, with: d, by: admin, on: db)
                var p = ContractDraft(parks)
                (p.srAsk, p.srWeightBasisPoints, p.marketConsultation) = (SocialReturnAsk.awardCriterion.rawValue, 1_500, true)
                try await ContractService.update(parks, with: p, by: admin, on: db)
                let today = platform.today()
                let glansBid = try await BidService.enter(.init(supplierID: glans, offer: 4_200_000, plan: "Twee leerwerkplekken schoonmaak (BBL niveau 1 en 2) met een vaste werkbegeleider, werving via het WSP, na de opleiding een vast contract."),
                                                          on: tender, by: admin, today: today, on: db)
                let groenBid = try await BidService.enter(.init(supplierID: groen, offer: 3_000_000, plan: "Inkoop bij Werkbedrijf De Brug en een werkervaringsplek."),
                                                          on: tender, by: admin, today: today, on: db)
                for assessor in [sanne, priya] {
                    assessor.$organisation.value = try await OrganisationModel.find(stad, on: db)
                    let who = try UserLookup.currentUser(assessor)
                    try await BidService.score(glansBid, of: tender, points: ["target_groups": 8, "durability": 9, "guidance": 8, "feasibility": 7], note: nil, by: who, on: db)
                    try await BidService.score(groenBid, of: tender, points: ["target_groups": 6, "durability": 5, "guidance": 6, "feasibility": 8], note: nil, by: who, on: db)
                }
            }
            return accounts
        }
    }
}
