/// A buyer's social return policy (beleidskader): the settings every calculation reads.
/// Every number is a setting; the presets hold the defaults of docs/rules.md.
public struct SocialReturnPolicy: Sendable, Hashable, Codable {
    public var name: String
    public var basis: ObligationBasis

    // Applicability (toepasbaarheid)
    /// Drempel opdrachtwaarde excl. btw; nil means no value threshold.
    public var minimumValue: Money?
    /// Drempel loonsom (the Rijk applies social return from a wage sum of € 250.000); nil means none.
    public var minimumWageSum: Money?
    public var minimumDurationMonths: Int
    /// Leveringen only by explicit choice.
    public var appliesToSupplies: Bool

    // Amount (hoogte)
    public var standardPercentage: Percentage
    /// Below this labour share the low-labour rule applies.
    public var lowLabourShareThreshold: Percentage
    public var lowLabourSharePercentageOfValue: Percentage
    public var lowLabourSharePercentageOfWageSum: Percentage
    public var categories: [CategoryRule]

    // Portfolio (kansrijke contracten)
    public var promisingAnnualValue: Money

    // Monitoring
    /// Green when realised ≥ this share of expected.
    public var statusGreenThreshold: Percentage
    /// Amber when realised ≥ this share of expected; red below.
    public var statusAmberThreshold: Percentage
    public var evidenceRetentionMonths: Int
    /// How often the supplier reports (rapportagefrequentie).
    public var monitoringFrequency: MonitoringFrequency
    /// A report is due this many days after its period ends (default 30).
    public var reportDueDays: Int
    /// A submitted report waiting longer than this many days for review is backlog (default 14).
    public var reviewBacklogDays: Int
    /// The effort values of the building blocks.
    public var valuation: ValuationScheme
    /// How much a placement of a person from outside the buyer's labour-market region counts: 100% fully,
    /// 0% not at all (regionale en landelijke verrekening).
    public var outOfRegionShare: Percentage
    /// Whether the days of a placement without recorded paid hours count (on the contracted hours) or not.
    public var unpaidPeriods: UnpaidPeriods
    /// A lighter regime for small suppliers; nil: every supplier alike.
    public var smallFirms: SmallFirmRegime?
    /// A placement counts only when a job service established its target group (proposed through a vacancy).
    public var requireVerifiedTargetGroup: Bool = false
    /// Social return as award criterion: the criteria the assessors score a plan of approach on, and the share of the
    /// social return points that goes to the offer (the rest to the plan).
    public var planCriteria: [PlanCriterion] = PlanCriterion.standard
    public var offerShare: Percentage = .percent(50)

    public init(name: String, basis: ObligationBasis = .contractValue, minimumValue: Money? = Money(euros: 100_000),
                minimumWageSum: Money? = nil, minimumDurationMonths: Int = 6, appliesToSupplies: Bool = false,
                standardPercentage: Percentage = .percent(5), lowLabourShareThreshold: Percentage = .percent(50),
                lowLabourSharePercentageOfValue: Percentage = .percent(2),
                lowLabourSharePercentageOfWageSum: Percentage = .percent(5),
                categories: [CategoryRule] = CategoryRule.commonLabourIntensive,
                promisingAnnualValue: Money = Money(euros: 200_000),
                statusGreenThreshold: Percentage = .percent(90), statusAmberThreshold: Percentage = .percent(60),
                evidenceRetentionMonths: Int = 24, monitoringFrequency: MonitoringFrequency = .quarter,
                valuation: ValuationScheme = .haaglanden2023, outOfRegionShare: Percentage = .percent(100),
                reportDueDays: Int = 30, reviewBacklogDays: Int = 14, unpaidPeriods: UnpaidPeriods = .contractedHours,
                smallFirms: SmallFirmRegime? = nil) {
        self.name = name
        self.basis = basis
        self.minimumValue = minimumValue
        self.minimumWageSum = minimumWageSum
        self.minimumDurationMonths = minimumDurationMonths
        self.appliesToSupplies = appliesToSupplies
        self.standardPercentage = standardPercentage
        self.lowLabourShareThreshold = lowLabourShareThreshold
        self.lowLabourSharePercentageOfValue = lowLabourSharePercentageOfValue
        self.lowLabourSharePercentageOfWageSum = lowLabourSharePercentageOfWageSum
        self.categories = categories
        self.promisingAnnualValue = promisingAnnualValue
        self.statusGreenThreshold = statusGreenThreshold
        self.statusAmberThreshold = statusAmberThreshold
        self.evidenceRetentionMonths = evidenceRetentionMonths
        self.monitoringFrequency = monitoringFrequency
        self.reportDueDays = reportDueDays
        self.reviewBacklogDays = reviewBacklogDays
        self.valuation = valuation
        self.outOfRegionShare = outOfRegionShare
        self.unpaidPeriods = unpaidPeriods
        self.smallFirms = smallFirms
    }

    enum CodingKeys: String, CodingKey {
        case name, basis, minimumValue, minimumWageSum, minimumDurationMonths, appliesToSupplies, standardPercentage,
             lowLabourShareThreshold, lowLabourSharePercentageOfValue, lowLabourSharePercentageOfWageSum, categories,
             promisingAnnualValue, statusGreenThreshold, statusAmberThreshold, evidenceRetentionMonths, monitoringFrequency, valuation, outOfRegionShare,
             reportDueDays, reviewBacklogDays, unpaidPeriods, smallFirms, requireVerifiedTargetGroup, planCriteria, offerShare
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(basis, forKey: .basis)
        // Written as null when absent: "no threshold" must survive a round trip, not fall back to the default.
        try c.encode(minimumValue, forKey: .minimumValue)
        try c.encode(minimumWageSum, forKey: .minimumWageSum)
        try c.encode(minimumDurationMonths, forKey: .minimumDurationMonths)
        try c.encode(appliesToSupplies, forKey: .appliesToSupplies)
        try c.encode(standardPercentage, forKey: .standardPercentage)
        try c.encode(lowLabourShareThreshold, forKey: .lowLabourShareThreshold)
        try c.encode(lowLabourSharePercentageOfValue, forKey: .lowLabourSharePercentageOfValue)
        try c.encode(lowLabourSharePercentageOfWageSum, forKey: .lowLabourSharePercentageOfWageSum)
        try c.encode(categories, forKey: .categories)
        try c.encode(promisingAnnualValue, forKey: .promisingAnnualValue)
        try c.encode(statusGreenThreshold, forKey: .statusGreenThreshold)
        try c.encode(statusAmberThreshold, forKey: .statusAmberThreshold)
        try c.encode(evidenceRetentionMonths, forKey: .evidenceRetentionMonths)
        try c.encode(monitoringFrequency, forKey: .monitoringFrequency)
        try c.encode(valuation, forKey: .valuation)
        try c.encode(outOfRegionShare, forKey: .outOfRegionShare)
        try c.encode(reportDueDays, forKey: .reportDueDays)
        try c.encode(reviewBacklogDays, forKey: .reviewBacklogDays)
        try c.encode(unpaidPeriods, forKey: .unpaidPeriods)
        try c.encode(smallFirms, forKey: .smallFirms)
        try c.encode(requireVerifiedTargetGroup, forKey: .requireVerifiedTargetGroup)
        try c.encode(planCriteria, forKey: .planCriteria)
        try c.encode(offerShare, forKey: .offerShare)
    }

    /// Reads stored versions written before a setting existed: a missing setting takes its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = SocialReturnPolicy(name: "")
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? d.name
        basis = try c.decodeIfPresent(ObligationBasis.self, forKey: .basis) ?? d.basis
        minimumValue = c.contains(.minimumValue) ? try c.decodeIfPresent(Money.self, forKey: .minimumValue) : d.minimumValue
        minimumWageSum = c.contains(.minimumWageSum) ? try c.decodeIfPresent(Money.self, forKey: .minimumWageSum) : d.minimumWageSum
        minimumDurationMonths = try c.decodeIfPresent(Int.self, forKey: .minimumDurationMonths) ?? d.minimumDurationMonths
        appliesToSupplies = try c.decodeIfPresent(Bool.self, forKey: .appliesToSupplies) ?? d.appliesToSupplies
        standardPercentage = try c.decodeIfPresent(Percentage.self, forKey: .standardPercentage) ?? d.standardPercentage
        lowLabourShareThreshold = try c.decodeIfPresent(Percentage.self, forKey: .lowLabourShareThreshold) ?? d.lowLabourShareThreshold
        lowLabourSharePercentageOfValue = try c.decodeIfPresent(Percentage.self, forKey: .lowLabourSharePercentageOfValue) ?? d.lowLabourSharePercentageOfValue
        lowLabourSharePercentageOfWageSum = try c.decodeIfPresent(Percentage.self, forKey: .lowLabourSharePercentageOfWageSum) ?? d.lowLabourSharePercentageOfWageSum
        categories = try c.decodeIfPresent([CategoryRule].self, forKey: .categories) ?? d.categories
        promisingAnnualValue = try c.decodeIfPresent(Money.self, forKey: .promisingAnnualValue) ?? d.promisingAnnualValue
        statusGreenThreshold = try c.decodeIfPresent(Percentage.self, forKey: .statusGreenThreshold) ?? d.statusGreenThreshold
        statusAmberThreshold = try c.decodeIfPresent(Percentage.self, forKey: .statusAmberThreshold) ?? d.statusAmberThreshold
        evidenceRetentionMonths = try c.decodeIfPresent(Int.self, forKey: .evidenceRetentionMonths) ?? d.evidenceRetentionMonths
        monitoringFrequency = try c.decodeIfPresent(MonitoringFrequency.self, forKey: .monitoringFrequency) ?? d.monitoringFrequency
        valuation = try c.decodeIfPresent(ValuationScheme.self, forKey: .valuation) ?? d.valuation
        outOfRegionShare = try c.decodeIfPresent(Percentage.self, forKey: .outOfRegionShare) ?? d.outOfRegionShare
        reportDueDays = try c.decodeIfPresent(Int.self, forKey: .reportDueDays) ?? d.reportDueDays
        reviewBacklogDays = try c.decodeIfPresent(Int.self, forKey: .reviewBacklogDays) ?? d.reviewBacklogDays
        unpaidPeriods = try c.decodeIfPresent(UnpaidPeriods.self, forKey: .unpaidPeriods) ?? d.unpaidPeriods
        requireVerifiedTargetGroup = try c.decodeIfPresent(Bool.self, forKey: .requireVerifiedTargetGroup) ?? false
        planCriteria = try c.decodeIfPresent([PlanCriterion].self, forKey: .planCriteria) ?? PlanCriterion.standard
        offerShare = try c.decodeIfPresent(Percentage.self, forKey: .offerShare) ?? .percent(50)
        smallFirms = try c.decodeIfPresent(SmallFirmRegime.self, forKey: .smallFirms)
    }

    /// The common municipal default: from € 100.000 and 6 months, werk and dienst, 5% of the value;
    /// below 50% labour share 2% of the value or 5% of the wage sum.
    public static let municipalDefault = SocialReturnPolicy(name: "Standaard gemeentelijk beleid")

    /// The national government (Rijk): from a wage sum of € 250.000, 5% of the wage sum.
    public static let nationalGovernment = SocialReturnPolicy(
        name: "Rijksbeleid social return", basis: .wageSum, minimumValue: nil,
        minimumWageSum: Money(euros: 250_000), standardPercentage: .percent(5))

    /// Checks the settings hang together; returns every problem with the field it concerns.
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if name.trimming(" ").isEmpty { errors.append(.init(field: "name", message: "geef het beleid een naam")) }
        if let v = minimumValue, v.cents < 0 { errors.append(.init(field: "minimumValueCents", message: "mag niet negatief zijn")) }
        if let v = minimumWageSum, v.cents < 0 { errors.append(.init(field: "minimumWageSumCents", message: "mag niet negatief zijn")) }
        if basis == .wageSum && minimumWageSum == nil && minimumValue == nil {
            errors.append(.init(field: "minimumWageSumCents", message: "een beleid op de loonsom heeft een drempel nodig"))
        }
        if !(0...120).contains(minimumDurationMonths) {
            errors.append(.init(field: "minimumDurationMonths", message: "verwacht 0 tot 120 maanden"))
        }
        for (field, p) in [("standardPercentage", standardPercentage), ("lowLabourShareThreshold", lowLabourShareThreshold),
                           ("lowLabourSharePercentageOfValue", lowLabourSharePercentageOfValue),
                           ("lowLabourSharePercentageOfWageSum", lowLabourSharePercentageOfWageSum),
                           ("statusGreenThreshold", statusGreenThreshold), ("statusAmberThreshold", statusAmberThreshold),
                           ("outOfRegionShare", outOfRegionShare)]
        where !(0...10_000).contains(p.basisPoints) {
            errors.append(.init(field: field, message: "verwacht een percentage van 0 tot 100"))
        }
        if statusAmberThreshold > statusGreenThreshold {
            errors.append(.init(field: "statusAmberThreshold", message: "de grens voor oranje mag niet boven die voor groen liggen"))
        }
        for (index, category) in categories.enumerated() {
            if category.name.trimming(" ").isEmpty {
                errors.append(.init(field: "categories[\(index)].name", message: "geef de categorie een naam"))
            }
            if category.cpvPrefix.isEmpty || category.cpvPrefix.count > 8 || !category.cpvPrefix.allSatisfy(\.isASCIIDigit) {
                errors.append(.init(field: "categories[\(index)].cpvPrefix", message: "verwacht 1 tot 8 cijfers van een CPV-code"))
            }
            if let p = category.percentage, !(0...10_000).contains(p.basisPoints) {
                errors.append(.init(field: "categories[\(index)].percentage", message: "verwacht een percentage van 0 tot 100"))
            }
        }
        if !(0...240).contains(evidenceRetentionMonths) {
            errors.append(.init(field: "evidenceRetentionMonths", message: "verwacht 0 tot 240 maanden"))
        }
        errors += valuation.validate()
        errors += smallFirms?.validate() ?? []
        if !(0...10_000).contains(offerShare.basisPoints) { errors.append(.init(field: "offerShare", message: "verwacht een percentage van 0 tot 100")) }
        if planCriteria.isEmpty || planCriteria.count > 10 { errors.append(.init(field: "planCriteria", message: "geef 1 tot 10 criteria voor het plan van aanpak")) }
        var keys = Set<String>()
        for (i, c) in planCriteria.enumerated() {
            if !TargetGroup.isKey(c.key) || !keys.insert(c.key).inserted {
                errors.append(.init(field: "planCriteria.\(i).key", message: "een unieke code van kleine letters, cijfers of _"))
            }
            if c.name.trimming(" ").isEmpty { errors.append(.init(field: "planCriteria.\(i).name", message: "geef het criterium een naam")) }
            if !(1...100).contains(c.maximum) { errors.append(.init(field: "planCriteria.\(i).maximum", message: "verwacht 1 tot 100 punten")) }
        }
        return errors
    }
}
