/// A purchasing category of a policy, recognised by CPV prefix, with its own percentage and
/// whether it counts as labour-intensive for the portfolio (kansrijke inkoopcategorie).
public struct CategoryRule: Sendable, Hashable, Codable {
    public var name: String
    /// Leading CPV digits, e.g. "909" for cleaning.
    public var cpvPrefix: String
    /// A percentage of the contract value instead of the default; nil keeps the default.
    public var percentage: Percentage?
    public var labourIntensive: Bool

    public init(name: String, cpvPrefix: String, percentage: Percentage? = nil, labourIntensive: Bool) {
        self.name = name
        self.cpvPrefix = cpvPrefix
        self.percentage = percentage
        self.labourIntensive = labourIntensive
    }

    /// The categories the step plan calls promising: cleaning, window cleaning, catering, security,
    /// maintenance and green maintenance, plus construction and care (docs/rules.md).
    public static let commonLabourIntensive: [CategoryRule] = [
        CategoryRule(name: "Schoonmaak", cpvPrefix: "909", labourIntensive: true),
        CategoryRule(name: "Catering", cpvPrefix: "555", labourIntensive: true),
        CategoryRule(name: "Groenonderhoud", cpvPrefix: "7731", labourIntensive: true),
        CategoryRule(name: "Beveiliging", cpvPrefix: "7971", labourIntensive: true),
        CategoryRule(name: "Bouw", cpvPrefix: "45", labourIntensive: true),
        CategoryRule(name: "Onderhoud en reparatie", cpvPrefix: "50", labourIntensive: true),
        CategoryRule(name: "Zorg en welzijn", cpvPrefix: "85", labourIntensive: true),
    ]
}

extension Array where Element == CategoryRule {
    /// The most specific rule whose prefix matches the code.
    public func rule(for cpv: CPVCode?) -> CategoryRule? {
        guard let cpv else { return nil }
        return filter { cpv.matches(prefix: $0.cpvPrefix) }.max { $0.cpvPrefix.count < $1.cpvPrefix.count }
    }

    /// The category a contract is shown under, on every page: the policy's most specific category, else the CPV
    /// division's name, else the code as written.
    public func categoryName(cpv text: String?) -> String {
        let cpv = text.flatMap(CPVCode.init)
        return rule(for: cpv)?.name ?? cpv.flatMap(CPVDivision.name(of:)) ?? (text ?? "")
    }
}
