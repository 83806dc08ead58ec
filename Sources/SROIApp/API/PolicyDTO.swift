import Foundation
import SROIDomain
import Vapor

/// A policy as the API shows it: money in cents, percentages as numbers.
struct PolicySettingsDTO: Content {
    struct Category: Content {
        var name: String
        var cpvPrefix: String
        var percentage: Double?
        var labourIntensive: Bool
    }

    var name: String?
    var basis: String?
    var minimumValueCents: Int64?
    var minimumWageSumCents: Int64?
    var minimumDurationMonths: Int?
    var appliesToSupplies: Bool?
    var standardPercentage: Double?
    var lowLabourShareThreshold: Double?
    var lowLabourSharePercentageOfValue: Double?
    var lowLabourSharePercentageOfWageSum: Double?
    var categories: [Category]?
    var promisingAnnualValueCents: Int64?
    var statusGreenThreshold: Double?
    var statusAmberThreshold: Double?
    var evidenceRetentionMonths: Int?
    var outOfRegionShare: Double?
    /// month, quarter or half_year.
    var monitoringFrequency: String?
    var reportDueDays: Int?
    var reviewBacklogDays: Int?
    /// contracted_hours or not_counted: whether days of a placement without recorded paid hours count.
    var unpaidPeriods: String?
    /// A placement counts only with a target group established by a job service.
    var requireVerifiedTargetGroup: Bool?
    /// Social return as award criterion: the plan's criteria and the offer's share of the points (percent).
    var planCriteria: [PlanCriterion]?
    var offerSharePercent: Double?
    /// The valuation table (bouwblokkenmethode).
    var valuation: ValuationSettingsDTO?
    /// A lighter regime for small suppliers; null: none.
    var smallFirms: SmallFirms?

    struct SmallFirms: Content {
        var maximumEmployees: Int
        /// Percent; 0 exempts a small firm.
        var percentage: Double
        /// month, quarter, half_year or year.
        var frequency: String
    }

    init(_ p: SocialReturnPolicy) {
        name = p.name
        basis = p.basis.rawValue
        minimumValueCents = p.minimumValue?.cents
        minimumWageSumCents = p.minimumWageSum?.cents
        minimumDurationMonths = p.minimumDurationMonths
        appliesToSupplies = p.appliesToSupplies
        standardPercentage = PercentNumber.number(p.standardPercentage)
        lowLabourShareThreshold = PercentNumber.number(p.lowLabourShareThreshold)
        lowLabourSharePercentageOfValue = PercentNumber.number(p.lowLabourSharePercentageOfValue)
        lowLabourSharePercentageOfWageSum = PercentNumber.number(p.lowLabourSharePercentageOfWageSum)
        categories = p.categories.map {
            Category(name: $0.name, cpvPrefix: $0.cpvPrefix, percentage: $0.percentage.map(PercentNumber.number), labourIntensive: $0.labourIntensive)
        }
        promisingAnnualValueCents = p.promisingAnnualValue.cents
        statusGreenThreshold = PercentNumber.number(p.statusGreenThreshold)
        statusAmberThreshold = PercentNumber.number(p.statusAmberThreshold)
        evidenceRetentionMonths = p.evidenceRetentionMonths
        outOfRegionShare = PercentNumber.number(p.outOfRegionShare)
        monitoringFrequency = p.monitoringFrequency.rawValue
        reportDueDays = p.reportDueDays
        reviewBacklogDays = p.reviewBacklogDays
        unpaidPeriods = p.unpaidPeriods.rawValue
        requireVerifiedTargetGroup = p.requireVerifiedTargetGroup
        planCriteria = p.planCriteria
        offerSharePercent = PercentNumber.number(p.offerShare)
        valuation = ValuationSettingsDTO(p.valuation)
        smallFirms = p.smallFirms.map {
            SmallFirms(maximumEmployees: $0.maximumEmployees, percentage: PercentNumber.number($0.percentage), frequency: $0.frequency.rawValue)
        }
    }

    /// The policy these settings give, starting from `base` for every setting left out.
    /// The thresholds are nullable on purpose: `"minimumValueCents": null` removes the value threshold.
    func applied(to base: SocialReturnPolicy, presentKeys: Set<String>) throws -> SocialReturnPolicy {
        var p = base
        if let name { p.name = name }
        if let basis {
            guard let b = ObligationBasis(rawValue: basis) else {
                throw AppError.validation([.init(field: "basis", message: "kies contract_value of wage_sum")])
            }
            p.basis = b
        }
        if presentKeys.contains("minimumValueCents") { p.minimumValue = minimumValueCents.map(Money.init(cents:)) }
        if presentKeys.contains("minimumWageSumCents") { p.minimumWageSum = minimumWageSumCents.map(Money.init(cents:)) }
        if let minimumDurationMonths { p.minimumDurationMonths = minimumDurationMonths }
        if let appliesToSupplies { p.appliesToSupplies = appliesToSupplies }
        if let standardPercentage { p.standardPercentage = .init(basisPoints: PercentNumber.basisPoints(standardPercentage)) }
        if let lowLabourShareThreshold { p.lowLabourShareThreshold = .init(basisPoints: PercentNumber.basisPoints(lowLabourShareThreshold)) }
        if let v = lowLabourSharePercentageOfValue { p.lowLabourSharePercentageOfValue = .init(basisPoints: PercentNumber.basisPoints(v)) }
        if let v = lowLabourSharePercentageOfWageSum { p.lowLabourSharePercentageOfWageSum = .init(basisPoints: PercentNumber.basisPoints(v)) }
        if let categories {
            p.categories = categories.map {
                CategoryRule(name: $0.name, cpvPrefix: $0.cpvPrefix,
                             percentage: $0.percentage.map { .init(basisPoints: PercentNumber.basisPoints($0)) }, labourIntensive: $0.labourIntensive)
            }
        }
        if let v = promisingAnnualValueCents { p.promisingAnnualValue = Money(cents: v) }
        if let v = statusGreenThreshold { p.statusGreenThreshold = .init(basisPoints: PercentNumber.basisPoints(v)) }
        if let v = statusAmberThreshold { p.statusAmberThreshold = .init(basisPoints: PercentNumber.basisPoints(v)) }
        if let v = evidenceRetentionMonths { p.evidenceRetentionMonths = v }
        if let v = outOfRegionShare { p.outOfRegionShare = .init(basisPoints: PercentNumber.basisPoints(v)) }
        var errors: [FieldError] = []
        if let raw = monitoringFrequency {
            if let f = MonitoringFrequency(rawValue: raw) { p.monitoringFrequency = f } else {
                errors.append(.init(field: "monitoringFrequency", message: "kies month, quarter, half_year of year"))
            }
        }
        if let v = reportDueDays {
            if (1...365).contains(v) { p.reportDueDays = v } else { errors.append(.init(field: "reportDueDays", message: "tussen 1 en 365 dagen")) }
        }
        if let v = reviewBacklogDays {
            if (1...365).contains(v) { p.reviewBacklogDays = v } else { errors.append(.init(field: "reviewBacklogDays", message: "tussen 1 en 365 dagen")) }
        }
        if let v = requireVerifiedTargetGroup { p.requireVerifiedTargetGroup = v }
        if let c = planCriteria { p.planCriteria = c }
        if let s = offerSharePercent { p.offerShare = Percentage(basisPoints: PercentNumber.basisPoints(s)) }
        if let raw = unpaidPeriods {
            if let u = UnpaidPeriods(rawValue: raw) { p.unpaidPeriods = u } else {
                errors.append(.init(field: "unpaidPeriods", message: "kies contracted_hours of not_counted"))
            }
        }
        if presentKeys.contains("smallFirms") {
            if let s = smallFirms {
                if let f = MonitoringFrequency(rawValue: s.frequency) {
                    p.smallFirms = SmallFirmRegime(maximumEmployees: s.maximumEmployees, percentage: .init(basisPoints: PercentNumber.basisPoints(s.percentage)),
                                                   frequency: f)
                } else {
                    errors.append(.init(field: "smallFirms.frequency", message: "kies month, quarter, half_year of year"))
                }
            } else {
                p.smallFirms = nil
            }
        }
        if let valuation {
            do { p.valuation = try valuation.applied(to: p.valuation) } catch AppError.validation(let list) { errors += list }
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        return p
    }
}

struct PolicyVersionDTO: Content {
    var organisationId: UUID
    var version: Int
    var createdAt: Date?
    var note: String?
    var settings: PolicySettingsDTO

    init(_ model: PolicyVersionModel) throws {
        organisationId = model.$organisation.id
        version = model.number
        createdAt = model.createdAt
        note = model.note
        settings = PolicySettingsDTO(try model.policy())
    }
}

/// `PUT .../policy`: the settings to change (left-out settings stay as they are) and a note on why.
struct UpdatePolicyRequest: Decodable {
    var settings: PolicySettingsDTO
    var note: String?
    var presentSettingKeys: Set<String>

    enum CodingKeys: String, CodingKey { case settings, note }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        settings = try container.decode(PolicySettingsDTO.self, forKey: .settings)
        note = try container.decodeIfPresent(String.self, forKey: .note)
        let raw = try container.nestedContainer(keyedBy: AnyKey.self, forKey: .settings)
        presentSettingKeys = Set(raw.allKeys.map(\.stringValue))
    }
}
