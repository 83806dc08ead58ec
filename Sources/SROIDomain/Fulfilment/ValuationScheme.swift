/// A table of effort values (bouwblokkenmethode): what each building block is worth. A policy adopts one of the
/// named presets or sets its own; every line is a setting.
public struct ValuationScheme: Sendable, Hashable, Codable {
    public var name: String
    /// Value per full-time year (36 hours a week) for employment, by target group.
    public var employmentPerYear: [TargetGroup: Money]
    public var internshipMboHboPerYear: Money
    public var internshipVsoProPerYear: Money
    public var apprenticeshipLevel2PerYear: Money
    public var apprenticeshipLevel3PerYear: Money
    /// How long a person counts, in months; a group not listed counts 12 months; 0 means the whole contract.
    public var countedMonths: [TargetGroup: Int]
    public var apprenticeshipLevel2Months: Int
    public var apprenticeshipLevel3Months: Int
    public var bonuses: [PlacementBonus: Money]
    public var workExperiencePerMonth: Money
    /// A work-experience place counts from this many hours a week.
    public var workExperienceMinimumHours: Int
    public var dayActivitiesPerMonth: Money
    public var jobCoachingPerHour: Money
    public var socialContributionPerHour: Money
    /// Help, knowledge and other social activity together count up to this share of the obligation.
    public var socialContributionCap: Percentage
    /// The share of a social-enterprise invoice that counts, by status.
    public var socialPurchaseShare: [SocialEnterpriseStatus: Percentage]
    /// Full-time hours a week for pro-rata employment.
    public var fullTimeHours: Int
    /// Target groups the policy adds; their values are in `employmentPerYear` and `countedMonths`.
    public var ownTargetGroups: [OwnTargetGroup] = []
    /// Building blocks the policy adds, each with its unit and value.
    public var ownBuildingBlocks: [OwnBuildingBlock] = []

    public init(name: String, employmentPerYear: [TargetGroup: Money], internshipMboHboPerYear: Money, internshipVsoProPerYear: Money,
                apprenticeshipLevel2PerYear: Money, apprenticeshipLevel3PerYear: Money, countedMonths: [TargetGroup: Int],
                apprenticeshipLevel2Months: Int, apprenticeshipLevel3Months: Int, bonuses: [PlacementBonus: Money],
                workExperiencePerMonth: Money, workExperienceMinimumHours: Int, dayActivitiesPerMonth: Money,
                jobCoachingPerHour: Money, socialContributionPerHour: Money, socialContributionCap: Percentage,
                socialPurchaseShare: [SocialEnterpriseStatus: Percentage], fullTimeHours: Int = 36) {
        self.name = name
        self.employmentPerYear = employmentPerYear
        self.internshipMboHboPerYear = internshipMboHboPerYear
        self.internshipVsoProPerYear = internshipVsoProPerYear
        self.apprenticeshipLevel2PerYear = apprenticeshipLevel2PerYear
        self.apprenticeshipLevel3PerYear = apprenticeshipLevel3PerYear
        self.countedMonths = countedMonths
        self.apprenticeshipLevel2Months = apprenticeshipLevel2Months
        self.apprenticeshipLevel3Months = apprenticeshipLevel3Months
        self.bonuses = bonuses
        self.workExperiencePerMonth = workExperiencePerMonth
        self.workExperienceMinimumHours = workExperienceMinimumHours
        self.dayActivitiesPerMonth = dayActivitiesPerMonth
        self.jobCoachingPerHour = jobCoachingPerHour
        self.socialContributionPerHour = socialContributionPerHour
        self.socialContributionCap = socialContributionCap
        self.socialPurchaseShare = socialPurchaseShare
        self.fullTimeHours = fullTimeHours
    }

    /// Haaglanden en Zuid-Holland Centraal 2023: the shared regional table (the default; docs/rules.md, section 3).
    public static let haaglanden2023 = ValuationScheme(
        name: "Haaglanden en Zuid-Holland Centraal 2023",
        employmentPerYear: [.jobSeeker: Money(euros: 5_000), .youngWithoutQualification: Money(euros: 10_000),
                            .unemploymentBenefit: Money(euros: 20_000), .disabilityBenefit: Money(euros: 30_000),
                            .socialAssistance: Money(euros: 40_000), .banenafspraak: Money(euros: 50_000)],
        internshipMboHboPerYear: Money(euros: 5_000), internshipVsoProPerYear: Money(euros: 7_500),
        apprenticeshipLevel2PerYear: Money(euros: 25_000), apprenticeshipLevel3PerYear: Money(euros: 15_000),
        countedMonths: [.disabilityBenefit: 24, .socialAssistance: 24, .studentVsoPro: 24, .banenafspraak: 0],
        apprenticeshipLevel2Months: 24, apprenticeshipLevel3Months: 36,
        bonuses: [.aged55Plus: Money(euros: 10_000), .permanentContract: Money(euros: 10_000),
                  .vsoProAfterInternship: Money(euros: 25_000), .individualPlacementSupport: Money(euros: 10_000)],
        workExperiencePerMonth: Money(euros: 1_000), workExperienceMinimumHours: 16, dayActivitiesPerMonth: Money(euros: 500),
        jobCoachingPerHour: Money(euros: 100), socialContributionPerHour: Money(euros: 100), socialContributionCap: .percent(10),
        socialPurchaseShare: [.article282: .percent(100), .psoHighest: .percent(100), .recognised: .percent(100), .aspirant: .percent(50)])

    /// Utrecht's table (DOMAIN guide): higher values for job seekers, WIA/WAO, internships and apprenticeships; bonuses
    /// for people over 50, for refugee status holders or a language disadvantage, and for a permanent contract.
    public static let utrecht = ValuationScheme(
        name: "Utrecht",
        employmentPerYear: [.jobSeeker: Money(euros: 10_000), .youngWithoutQualification: Money(euros: 10_000),
                            .unemploymentBenefit: Money(euros: 20_000), .disabilityBenefit: Money(euros: 40_000),
                            .socialAssistance: Money(euros: 40_000), .banenafspraak: Money(euros: 50_000)],
        internshipMboHboPerYear: Money(euros: 20_000), internshipVsoProPerYear: Money(euros: 35_000),
        apprenticeshipLevel2PerYear: Money(euros: 35_000), apprenticeshipLevel3PerYear: Money(euros: 35_000),
        countedMonths: [.disabilityBenefit: 24, .socialAssistance: 24, .studentVsoPro: 24, .banenafspraak: 0],
        apprenticeshipLevel2Months: 24, apprenticeshipLevel3Months: 36,
        bonuses: [.aged50Plus: Money(euros: 10_000), .statusHolderOrLanguage: Money(euros: 10_000), .permanentContract: Money(euros: 10_000)],
        workExperiencePerMonth: Money(euros: 1_000), workExperienceMinimumHours: 16, dayActivitiesPerMonth: Money(euros: 500),
        jobCoachingPerHour: Money(euros: 100), socialContributionPerHour: Money(euros: 100), socialContributionCap: .percent(10),
        socialPurchaseShare: [.article282: .percent(100), .psoHighest: .percent(100), .recognised: .percent(100), .aspirant: .percent(100)])

    public static let presets = [haaglanden2023, utrecht]

    public func yearlyValue(block: BuildingBlock, targetGroup: TargetGroup, apprenticeshipLevel: Int?) -> Money? {
        switch block {
        case .own(let key): ownBlock(key).flatMap { $0.unit == .perYear ? $0.value : nil }
        case .employment: employmentPerYear[targetGroup]
        case .internship: targetGroup == .studentVsoPro ? internshipVsoProPerYear : internshipMboHboPerYear
        case .apprenticeship: (apprenticeshipLevel ?? 2) <= 2 ? apprenticeshipLevel2PerYear : apprenticeshipLevel3PerYear
        default: nil
        }
    }

    /// Months a placement counts; 0 means the whole contract.
    public func months(block: BuildingBlock, targetGroup: TargetGroup, apprenticeshipLevel: Int?) -> Int {
        switch block {
        case .own(let key): ownBlock(key)?.countedMonths ?? 12
        case .apprenticeship: (apprenticeshipLevel ?? 2) <= 2 ? apprenticeshipLevel2Months : apprenticeshipLevel3Months
        default: countedMonths[targetGroup] ?? 12
        }
    }
}

extension ValuationScheme {
    private enum OwnKeys: String, CodingKey { case ownTargetGroups, ownBuildingBlocks }

    /// Tables stored before own groups and blocks existed read as having none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let own = try decoder.container(keyedBy: OwnKeys.self)
        self.init(name: try c.decode(String.self, forKey: .name),
                  employmentPerYear: try c.decode([TargetGroup: Money].self, forKey: .employmentPerYear),
                  internshipMboHboPerYear: try c.decode(Money.self, forKey: .internshipMboHboPerYear),
                  internshipVsoProPerYear: try c.decode(Money.self, forKey: .internshipVsoProPerYear),
                  apprenticeshipLevel2PerYear: try c.decode(Money.self, forKey: .apprenticeshipLevel2PerYear),
                  apprenticeshipLevel3PerYear: try c.decode(Money.self, forKey: .apprenticeshipLevel3PerYear),
                  countedMonths: try c.decode([TargetGroup: Int].self, forKey: .countedMonths),
                  apprenticeshipLevel2Months: try c.decode(Int.self, forKey: .apprenticeshipLevel2Months),
                  apprenticeshipLevel3Months: try c.decode(Int.self, forKey: .apprenticeshipLevel3Months),
                  bonuses: try c.decode([PlacementBonus: Money].self, forKey: .bonuses),
                  workExperiencePerMonth: try c.decode(Money.self, forKey: .workExperiencePerMonth),
                  workExperienceMinimumHours: try c.decode(Int.self, forKey: .workExperienceMinimumHours),
                  dayActivitiesPerMonth: try c.decode(Money.self, forKey: .dayActivitiesPerMonth),
                  jobCoachingPerHour: try c.decode(Money.self, forKey: .jobCoachingPerHour),
                  socialContributionPerHour: try c.decode(Money.self, forKey: .socialContributionPerHour),
                  socialContributionCap: try c.decode(Percentage.self, forKey: .socialContributionCap),
                  socialPurchaseShare: try c.decode([SocialEnterpriseStatus: Percentage].self, forKey: .socialPurchaseShare),
                  fullTimeHours: try c.decode(Int.self, forKey: .fullTimeHours))
        ownTargetGroups = try own.decodeIfPresent([OwnTargetGroup].self, forKey: .ownTargetGroups) ?? []
        ownBuildingBlocks = try own.decodeIfPresent([OwnBuildingBlock].self, forKey: .ownBuildingBlocks) ?? []
    }
}
