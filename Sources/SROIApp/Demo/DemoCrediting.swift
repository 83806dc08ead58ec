import Fluent
import Foundation
import SROIDomain

extension DemoData {
    /// Across contracts: the social enterprise register, a framework with call-offs, a transfer waiting for the
    /// municipality, a person working for two suppliers (a stacked job to be), and a shared regional policy.
    static func crediting(_ ids: [String: ContractModel], stad: UUID, glans: UUID, by admin: CurrentUser, platform: Platform,
                          on db: any Database) async throws {
        for (name, kvk, step, art, sw, sectors, region, city) in [
            ("Werkbedrijf De Brug", "60000004", "30+", true, false, ["catering", "groen"], "Midden-Utrecht", "Utrecht"),
            ("Schoon & Sociaal", "61000001", "2", false, false, ["schoonmaak"], "Haaglanden", "Den Haag"),
            ("Drukkerij Nieuwe Kansen", "61000002", "aspirant", false, false, ["drukwerk"], "Amersfoort", "Amersfoort"),
            ("SW-bedrijf Regio Utrecht", "61000003", "3", false, true, ["groen", "montage", "schoonmaak"], "Midden-Utrecht", "Nieuwegein"),
        ] as [(String, String, String, Bool, Bool, [String], String, String)] {
            _ = try await SocialEnterpriseRegister.save(.init(name: name, kvk: kvk, psoStep: step, article282: art, shelteredWorkshop: sw,
                                                              sectors: sectors, region: region, city: city, website: nil), existing: nil, by: admin, on: db)
        }

        // A framework agreement with two call-offs: one obligation on € 100.000 + € 150.000 + € 120.000.
        var f = ContractDraft()
        f.title = "Raamovereenkomst schoonmaak piekdrukte"
        f.buyerID = stad
        f.supplierID = glans
        f.cpv = "90910000"
        f.kind = ContractKind.dienst.rawValue
        f.valueCents = 10_000_000
        f.start = "2026-01-01"
        f.end = "2027-12-31"
        f.status = ContractStatus.running.rawValue
        f.region = "Midden-Utrecht"
        let framework = try await ContractService.create(f, by: admin, on: db)
        for (title, value) in [("Nadere opdracht: schoonmaak verkiezingen", Int64(15_000_000)), ("Nadere opdracht: schoonmaak na verbouwing", Int64(12_000_000))] {
            var c = f
            c.title = title
            c.valueCents = value
            c.frameworkID = framework.id
            _ = try await ContractService.create(c, by: admin, on: db)
        }

        // Glans bought socially on the ministry's contract and proposes to credit a quarter to the municipality.
        if let ministry = ids["Schoonmaak ministeriegebouwen"], let cleaning = ids["Schoonmaak gemeentelijke gebouwen"] {
            let purchase = try await ActivityService.create(.init(block: "social_purchase", description: "Glasbewassing door Schoon & Sociaal",
                                                                  date: "2026-06-15", amount: Money(euros: 6_000), enterpriseKvK: "61000001",
                                                                  evidence: "factuur SS-2026-044"), on: ministry, by: admin, on: db)
            _ = try await TransferService.propose(.init(sourceType: "activity", sourceID: purchase.id, targetContractID: cleaning.id,
                                                        percentage: .percent(25), reason: "Een kwart van het werk was voor de gemeentelijke locaties in de regio."),
                                                  by: admin, today: platform.today(), on: db)
        }
        // One person (by BSN, so the same pseudonym) works for Glans and for De Brug: a stacked job to be.
        if let cleaning = ids["Schoonmaak gemeentelijke gebouwen"], let catering = ids["Catering bedrijfsrestaurant"] {
            for (contract, hours) in [(cleaning, Int64(20)), (catering, Int64(12))] {
                _ = try await PlacementService.create(PlacementDraft(bsn: "111222333", block: "employment", targetGroup: "participatiewet",
                                                                     hoursPerWeek: Hours(whole: hours), start: "2026-04-01", end: nil,
                                                                     bonuses: [], evidence: "arbeidsovereenkomst"),
                                                      on: contract, by: admin, platform: platform, on: db)
            }
        }
        // The labour-market region shares one policy its municipalities can adopt.
        let regio = try await OrganisationService.create(.init(name: "Regio Midden-Utrecht", kind: OrganisationKind.buyer.rawValue, kvk: "50000009",
                                                               region: "Midden-Utrecht"), by: admin, on: db)
        regio.sharesPolicy = true
        try await regio.update(on: db)
        // The municipality's own goal: 10 banenafspraak jobs through procurement by 2028.
        if let municipality = try await OrganisationModel.find(stad, on: db) {
            municipality.jobsGoal = 10
            municipality.jobsGoalYear = 2028
            try await municipality.update(on: db)
        }
    }
}
