/// The tender annex "leidraad met spelregels" (step 2Ad): what a bidder must know about the social return of
/// this tender, generated from the obligation and the policy, so it states the real numbers.
public enum TenderAnnex {
    public static func markdown(title: String, buyer: String, obligation: ObligationCalculation, policy: SocialReturnPolicy,
                                ask: SocialReturnAsk? = nil, weight: Percentage? = nil, offerInJobs: Bool = false, bidsCloseOn: Day? = nil) -> String {
        var l: [String] = []
        l.append("# Social return: leidraad met spelregels")
        l.append("")
        l.append("Aanbesteding: **\(title)** · opdrachtgever: \(buyer)")
        l.append("")
        l.append("## De verplichting")
        l.append("")
        if obligation.applicable {
            l.append("Voor deze opdracht geldt een social return-verplichting van **\(obligation.amount)**.")
        } else {
            l.append("Voor deze opdracht geldt volgens het beleid geen social return-verplichting.")
        }
        l.append("")
        for line in obligation.explanation { l.append("- \(line)") }
        l.append("")
        if let ask {
            l.append("## Hoe social return wordt gevraagd: \(ask.dutchLabel)")
            l.append("")
            l.append(ask.annexSentence)
            if ask == .awardCriterion {
                l.append("")
                let criteria = policy.planCriteria.map { "\($0.name) (0 tot \($0.maximum))" }.joined(separator: ", ")
                l.append("- Social return weegt **\(weight ?? .percent(0))** in de gunning.")
                l.append("- Van de social return-punten gaat \(policy.offerShare) naar uw aanbod (\(offerInJobs ? "aantal banen" : "bedrag"), naar verhouding tot het beste aanbod) en de rest naar uw plan van aanpak.")
                l.append("- Het plan van aanpak wordt beoordeeld door de SR-coördinator en de HR-adviseur op: \(criteria).")
                if let bidsCloseOn { l.append("- U kunt uw aanbod tot en met \(bidsCloseOn.dutch) invoeren en wijzigen in sroi.") }
            }
            l.append("")
        }
        l.append("## Zo vult u de verplichting in")
        l.append("")
        l.append("De waarde van uw inzet volgt de bouwblokkenmethode (tabel \(policy.valuation.name)). Per fulltime jaar (\(policy.valuation.fullTimeHours) uur per week), naar rato van uren en dagen:")
        l.append("")
        for group in policy.valuation.targetGroups {
            if let v = policy.valuation.employmentPerYear[group] { l.append("- \(policy.valuation.label(of: group)): \(v)") }
        }
        l.append("- BBL tot en met niveau 2: \(policy.valuation.apprenticeshipLevel2PerYear); niveau 3 en hoger: \(policy.valuation.apprenticeshipLevel3PerYear)")
        l.append("- stage mbo/hbo: \(policy.valuation.internshipMboHboPerYear); vso/PrO: \(policy.valuation.internshipVsoProPerYear)")
        l.append("- werkervaringsplek: \(policy.valuation.workExperiencePerMonth) per maand; dagbesteding: \(policy.valuation.dayActivitiesPerMonth) per maand")
        l.append("- opleiding: de kosten op factuur; jobcoaching: \(policy.valuation.jobCoachingPerHour) per uur")
        l.append("- inkoop bij een sociale onderneming: een deel van de factuur naar de status van de onderneming")
        l.append("- maatschappelijke bijdrage: \(policy.valuation.socialContributionPerHour) per uur, samen hoogstens \(policy.valuation.socialContributionCap) van de verplichting")
        for own in policy.valuation.ownBuildingBlocks {
            switch own.unit {
            case .perYear: l.append("- \(own.name): \(own.value) per fulltime jaar, naar rato")
            case .perMonth: l.append("- \(own.name): \(own.value) per maand")
            case .perHour: l.append("- \(own.name): \(own.value) per uur")
            case .invoice: l.append("- \(own.name): de kosten op factuur")
            }
        }
        l.append("")
        l.append("## Spelregels")
        l.append("")
        l.append("1. U rapporteert \(policy.monitoringFrequency.dutchLabel) in het platform sroi, met bewijsstukken (arbeidsovereenkomst, loonstrook, factuur).")
        l.append("2. Alleen door de opdrachtgever goedgekeurde waarde telt als gerealiseerd.")
        l.append("3. Kandidaten worden nooit met naam of BSN vastgelegd: het platform maakt er een pseudoniem van.")
        l.append("4. Bij achterstand (minder dan \(policy.statusAmberThreshold) van wat verwacht mag worden) bespreken we samen hoe u die inhaalt.")
        l.append("5. We werken als partners: in het eerste gesprek maken we afspraken over de invulling en de gesprekken daarna.")
        return l.joined(separator: "\n") + "\n"
    }
}
