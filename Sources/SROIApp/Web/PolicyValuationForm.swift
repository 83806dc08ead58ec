import Foundation
import SROIDomain

/// The valuation table on the policy page: start from a preset, or change any line.
extension PolicyForm {
    /// A scalar line of the table: its key in `valuationLine`, label, and whether it is money, whole months or hours,
    /// or a percentage.
    enum LineKind { case money, count, percent }
    static let valuationLines: [(key: String, label: String, kind: LineKind)] = [
        ("internshipMboHboPerYear", "Stage mbo/hbo, per jaar (€)", .money),
        ("internshipVsoProPerYear", "Stage vso/PrO, per jaar (€)", .money),
        ("apprenticeshipLevel2PerYear", "Leerwerkplek (BBL) tot en met niveau 2, per jaar (€)", .money),
        ("apprenticeshipLevel2Months", "Leerwerkplek niveau 2 telt hoogstens (maanden)", .count),
        ("apprenticeshipLevel3PerYear", "Leerwerkplek niveau 3 en hoger, per jaar (€)", .money),
        ("apprenticeshipLevel3Months", "Leerwerkplek niveau 3 telt hoogstens (maanden)", .count),
        ("workExperiencePerMonth", "Werkervaringsplek, per maand (€)", .money),
        ("workExperienceMinimumHours", "Werkervaringsplek telt vanaf (uur per week)", .count),
        ("dayActivitiesPerMonth", "Dagbesteding, per maand (€)", .money),
        ("jobCoachingPerHour", "Jobcoaching, per uur (€)", .money),
        ("socialContributionPerHour", "Maatschappelijke bijdrage, per uur (€)", .money),
        ("socialContributionCap", "Maatschappelijke bijdragen samen hoogstens (% van de verplichting)", .percent),
        ("fullTimeHours", "Fulltime (uur per week)", .count),
    ]

    static func money(_ m: Money) -> String { DutchNumberFormat.amount(m) }
    static func percent(_ p: Percentage) -> String { DutchNumberFormat.decimal(Int64(p.basisPoints), scale: 2) }

    mutating func fillValuation(from v: ValuationScheme) {
        valuationPreset = ""
        valuationName = v.name
        valuationYear = Dictionary(uniqueKeysWithValues: ValuationScheme.employmentGroups.map { ($0.rawValue, v.employmentPerYear[$0].map(Self.money) ?? "") })
        valuationMonths = Dictionary(uniqueKeysWithValues: ValuationScheme.employmentGroups.map { ($0.rawValue, String(v.countedMonths[$0] ?? 12)) })
        valuationBonus = Dictionary(uniqueKeysWithValues: PlacementBonus.allCases.map { ($0.rawValue, v.bonuses[$0].map(Self.money) ?? "") })
        valuationShare = Dictionary(uniqueKeysWithValues: SocialEnterpriseStatus.allCases.map { ($0.rawValue, v.socialPurchaseShare[$0].map(Self.percent) ?? "") })
        valuationLine = [
            "internshipMboHboPerYear": Self.money(v.internshipMboHboPerYear), "internshipVsoProPerYear": Self.money(v.internshipVsoProPerYear),
            "apprenticeshipLevel2PerYear": Self.money(v.apprenticeshipLevel2PerYear), "apprenticeshipLevel2Months": String(v.apprenticeshipLevel2Months),
            "apprenticeshipLevel3PerYear": Self.money(v.apprenticeshipLevel3PerYear), "apprenticeshipLevel3Months": String(v.apprenticeshipLevel3Months),
            "workExperiencePerMonth": Self.money(v.workExperiencePerMonth), "workExperienceMinimumHours": String(v.workExperienceMinimumHours),
            "dayActivitiesPerMonth": Self.money(v.dayActivitiesPerMonth), "jobCoachingPerHour": Self.money(v.jobCoachingPerHour),
            "socialContributionPerHour": Self.money(v.socialContributionPerHour), "socialContributionCap": Self.percent(v.socialContributionCap),
            "fullTimeHours": String(v.fullTimeHours),
        ]
    }

    /// Reads the table from the form into `p`. A chosen preset replaces the table (the lines shown were the old one's);
    /// otherwise every line is read, and a line that cannot be read is named by its form key.
    func applyValuation(to p: inout SocialReturnPolicy, errors: inout [String: String]) {
        if let key = valuationPreset, !key.isEmpty {
            if let preset = ValuationScheme.preset(key) { p.valuation = p.valuation.adopting(preset) } else { errors["valuationPreset"] = "kies een bestaande tabel" }
            return
        }
        // A form from before the table was on the page (or the API's own form) leaves the table as it is.
        guard valuationYear != nil || valuationLine != nil else { return }
        var v = p.valuation
        applyOwn(to: &v, errors: &errors)
        func trimmed(_ s: String?) -> String { s?.trimmingCharacters(in: .whitespaces) ?? "" }
        func money(_ text: String?, _ key: String) -> Money? {
            guard let m = DutchNumberFormat.parseMoney(trimmed(text)) else { errors[key] = "verwacht een bedrag, zoals 10.000"; return nil }
            return m
        }
        func count(_ text: String?, _ key: String) -> Int? {
            guard let n = Int(trimmed(text)) else { errors[key] = "verwacht een geheel getal"; return nil }
            return n
        }
        if let name = valuationName { v.name = trimmed(name) }
        for group in ValuationScheme.employmentGroups {
            if let m = money(valuationYear?[group.rawValue], "valuationYear[\(group.rawValue)]") { v.employmentPerYear[group] = m }
            if let n = count(valuationMonths?[group.rawValue], "valuationMonths[\(group.rawValue)]") { v.countedMonths[group] = n }
        }
        for bonus in PlacementBonus.allCases {
            let text = trimmed(valuationBonus?[bonus.rawValue])
            if text.isEmpty { v.bonuses[bonus] = nil } else if let m = money(text, "valuationBonus[\(bonus.rawValue)]") { v.bonuses[bonus] = m }
        }
        for status in SocialEnterpriseStatus.allCases {
            if let share = Percentage(text: trimmed(valuationShare?[status.rawValue])) { v.socialPurchaseShare[status] = share } else {
                errors["valuationShare[\(status.rawValue)]"] = "verwacht een percentage, zoals 100 of 50"
            }
        }
        for line in Self.valuationLines {
            let key = "valuationLine[\(line.key)]", text = valuationLine?[line.key]
            switch line.kind {
            case .money:
                guard let m = money(text, key) else { continue }
                switch line.key {
                case "internshipMboHboPerYear": v.internshipMboHboPerYear = m
                case "internshipVsoProPerYear": v.internshipVsoProPerYear = m
                case "apprenticeshipLevel2PerYear": v.apprenticeshipLevel2PerYear = m
                case "apprenticeshipLevel3PerYear": v.apprenticeshipLevel3PerYear = m
                case "workExperiencePerMonth": v.workExperiencePerMonth = m
                case "dayActivitiesPerMonth": v.dayActivitiesPerMonth = m
                case "jobCoachingPerHour": v.jobCoachingPerHour = m
                default: v.socialContributionPerHour = m
                }
            case .count:
                guard let n = count(text, key) else { continue }
                switch line.key {
                case "apprenticeshipLevel2Months": v.apprenticeshipLevel2Months = n
                case "apprenticeshipLevel3Months": v.apprenticeshipLevel3Months = n
                case "workExperienceMinimumHours": v.workExperienceMinimumHours = n
                default: v.fullTimeHours = n
                }
            case .percent:
                if let pc = Percentage(text: trimmed(text)) { v.socialContributionCap = pc } else { errors[key] = "verwacht een percentage, zoals 10" }
            }
        }
        p.valuation = v
    }

    /// The form key of a domain error about the table (`valuation.employmentPerYear.ww` → `valuationYear[ww]`).
    static func formKey(ofValuation field: String) -> String? {
        let parts = field.split(separator: ".").map(String.init)
        guard parts.first == "valuation", parts.count >= 2 else { return nil }
        switch parts[1] {
        case "employmentPerYear": return parts.count > 2 ? "valuationYear[\(parts[2])]" : nil
        case "countedMonths": return parts.count > 2 ? "valuationMonths[\(parts[2])]" : nil
        case "bonuses": return parts.count > 2 ? "valuationBonus[\(parts[2])]" : nil
        case "socialPurchaseShare": return parts.count > 2 ? "valuationShare[\(parts[2])]" : nil
        case "name": return "valuationName"
        default: return "valuationLine[\(parts[1])]"
        }
    }

    struct ValuationRow: Encodable { var key: String; var label: String; var value: String; var months: String?; var error: String? }
    struct ValuationSection: Encodable {
        var presets: [FormField.Option]
        var name: String
        var groups: [ValuationRow]
        var bonuses: [ValuationRow]
        var shares: [ValuationRow]
        var lines: [ValuationRow]
        var nameError: String?
    }

    /// What the page shows of the table, with each error beside its line.
    func valuationSection(errors: [String: String]) -> ValuationSection {
        let groupErrors = { (key: String) in errors["valuationYear[\(key)]"] ?? errors["valuationMonths[\(key)]"] }
        return ValuationSection(
            presets: [FormField.Option(value: "", label: "de tabel hieronder houden", selected: (valuationPreset ?? "").isEmpty)]
                + ValuationScheme.presetsByKey.map { .init(value: $0.key, label: "\($0.scheme.name) (vervangt de tabel)", selected: valuationPreset == $0.key) },
            name: valuationName ?? "",
            groups: ValuationScheme.employmentGroups.map {
                ValuationRow(key: $0.rawValue, label: $0.dutchLabel, value: valuationYear?[$0.rawValue] ?? "", months: valuationMonths?[$0.rawValue] ?? "",
                             error: groupErrors($0.rawValue))
            },
            bonuses: PlacementBonus.allCases.map {
                ValuationRow(key: $0.rawValue, label: $0.dutchLabel, value: valuationBonus?[$0.rawValue] ?? "", months: nil,
                             error: errors["valuationBonus[\($0.rawValue)]"])
            },
            shares: SocialEnterpriseStatus.allCases.map {
                ValuationRow(key: $0.rawValue, label: $0.dutchLabel, value: valuationShare?[$0.rawValue] ?? "", months: nil,
                             error: errors["valuationShare[\($0.rawValue)]"])
            },
            lines: Self.valuationLines.map {
                ValuationRow(key: $0.key, label: $0.label, value: valuationLine?[$0.key] ?? "", months: nil, error: errors["valuationLine[\($0.key)]"])
            },
            nameError: errors["valuationName"])
    }
}
