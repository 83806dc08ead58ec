/// The buyer's social return policy as a document (step 5a of the Handreiking): generated from the policy's
/// settings, so the text always states the numbers the platform computes with. Markdown, to edit and print.
public enum PolicyDocument {
    public static func markdown(_ p: SocialReturnPolicy, organisation: String, version: Int) -> String {
        var lines: [String] = []
        func add(_ s: String = "") { lines.append(s) }
        add("# \(p.name)")
        add()
        add("\(organisation) · versie \(version)")
        add()
        add("## Doel")
        add()
        add("\(organisation) gebruikt haar inkoop om mensen met een afstand tot de arbeidsmarkt aan het werk te helpen. Bij opdrachten waarop dit beleid van toepassing is, vragen wij de opdrachtnemer een deel van de opdrachtwaarde te investeren in werk, leerplekken en sociale inkoop (social return). Wij doen dat als partners: niet vinken maar vonken.")
        add()
        add("## Doelgroepen")
        add()
        add("Social return is bedoeld voor mensen die zonder steun moeilijk aan werk komen. De waardering per doelgroep (per fulltime jaar van \(p.valuation.fullTimeHours) uur per week, volgens de tabel \(p.valuation.name)):")
        add()
        add("| doelgroep | waarde per jaar | telt hoogstens |")
        add("|---|---|---|")
        for group in p.valuation.targetGroups {
            guard let value = p.valuation.employmentPerYear[group] else { continue }
            let months = p.valuation.countedMonths[group] ?? 12
            add("| \(p.valuation.label(of: group)) | \(value) | \(months == 0 ? "de hele looptijd" : "\(months) maanden") |")
        }
        add()
        add("## Hoe wij social return vragen")
        add()
        add("Per aanbesteding kiezen wij een van vier manieren: " + SocialReturnAsk.allCases.map(\.dutchLabel).joined(separator: ", ") + ". Als gunningscriterium gaat \(p.offerShare) van de social return-punten naar het aanbod (naar verhouding tot het beste aanbod) en de rest naar het plan van aanpak, beoordeeld door de SR-coördinator en de HR-adviseur op " + p.planCriteria.map { "\($0.name) (0 tot \($0.maximum))" }.joined(separator: ", ") + ". Het aanbod van de winnaar wordt de verplichting.")
        add()
        add("## Toepassing")
        add()
        var conditions: [String] = []
        // A subordinate clause: the verb goes last ("als de opdrachtwaarde minstens € 100.000 excl. btw is").
        if let v = p.minimumValue { conditions.append("de opdrachtwaarde minstens \(v) excl. btw is") }
        if let w = p.minimumWageSum { conditions.append("de loonsom minstens \(w) is") }
        if p.minimumDurationMonths > 0 { conditions.append("de looptijd minstens \(p.minimumDurationMonths) maanden is") }
        conditions.append(p.appliesToSupplies ? "het om een werk, dienst of levering gaat" : "het om een werk of een dienst gaat (leveringen alleen na een bewuste keuze)")
        add("Social return is van toepassing als " + joinDutch(conditions) + ".")
        add()
        if p.basis == .wageSum {
            add("De verplichting is \(p.standardPercentage) van de loonsom.")
        } else {
            add("De verplichting is \(p.standardPercentage) van de opdrachtwaarde. Is het arbeidsaandeel lager dan \(p.lowLabourShareThreshold), dan is het \(p.lowLabourSharePercentageOfValue) van de opdrachtwaarde, of \(p.lowLabourSharePercentageOfWageSum) van de loonsom als die bekend is.")
        }
        let own = p.categories.filter { $0.percentage != nil }
        if !own.isEmpty {
            add()
            add("Voor deze categorieën geldt een eigen percentage: " + joinDutch(own.map { "\($0.name) (CPV \($0.cpvPrefix)…) \($0.percentage!)" }) + ".")
        }
        add()
        add("Bedragen worden afgerond op hele euro's. De coördinator kan gemotiveerd afwijken; de reden wordt vastgelegd.")
        add()
        add("## Realisatie")
        add()
        add("De opdrachtnemer vult de verplichting in met bouwblokken: dienstverbanden, leerwerkplekken (BBL), stages, werkervaringsplekken (\(p.valuation.workExperiencePerMonth) per maand vanaf \(p.valuation.workExperienceMinimumHours) uur per week), dagbesteding (\(p.valuation.dayActivitiesPerMonth) per maand), opleidingen (de kosten op factuur), jobcoaching (\(p.valuation.jobCoachingPerHour) per uur), inkoop bij sociale ondernemingen en maatschappelijke bijdragen (\(p.valuation.socialContributionPerHour) per uur, samen hoogstens \(p.valuation.socialContributionCap) van de verplichting).")
        add()
        add("## Monitoring")
        add()
        add("De opdrachtnemer rapporteert \(p.monitoringFrequency.dutchLabel) in het platform, met bewijsstukken. Alleen goedgekeurde waarde telt als gerealiseerd. Een contract staat op groen bij minstens \(p.statusGreenThreshold) van wat verwacht mag worden, op oranje bij minstens \(p.statusAmberThreshold), anders op rood. Bewijsstukken bewaren wij \(p.evidenceRetentionMonths) maanden na het einde van het contract. Kandidaten staan alleen als pseudoniem in het platform.")
        add()
        add("## Rolverdeling")
        add()
        add("- **SR-coördinator**: beheert dit beleid, beoordeelt rapportages en legt afwijkingen vast.")
        add("- **Inkoper en categoriemanager**: nemen social return op in de aanbesteding en houden de aanbestedingskalender bij.")
        add("- **Contractmanager**: volgt de voortgang met de opdrachtnemer.")
        add("- **HR-adviseur**: verbindt social return met de banenafspraak.")
        add("- **Opdrachtnemer**: vult de verplichting in en rapporteert.")
        add()
        add("## Beoogde resultaten")
        add()
        add("Meer duurzame banen voor mensen met een afstand tot de arbeidsmarkt, zichtbaar per contract, per opdrachtnemer en per jaar: euro's gerealiseerd, mensen geplaatst en banen voor de banenafspraak.")
        return lines.joined(separator: "\n") + "\n"
    }
}
