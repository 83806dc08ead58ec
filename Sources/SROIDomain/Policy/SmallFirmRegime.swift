/// A lighter regime for small suppliers (a policy setting, off by default): up to a number of employees, a lower
/// percentage (0%: exempt) and a less frequent report.
public struct SmallFirmRegime: Sendable, Hashable, Codable {
    /// A supplier with at most this many employees is a small firm.
    public var maximumEmployees: Int
    /// The percentage for a small firm instead of the policy's own (when lower); 0 exempts it.
    public var percentage: Percentage
    /// How often a small firm reports.
    public var frequency: MonitoringFrequency

    public init(maximumEmployees: Int, percentage: Percentage, frequency: MonitoringFrequency) {
        self.maximumEmployees = maximumEmployees
        self.percentage = percentage
        self.frequency = frequency
    }

    public func applies(toEmployees employees: Int?) -> Bool {
        guard let employees else { return false }
        return employees <= maximumEmployees
    }

    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if !(1...10_000).contains(maximumEmployees) {
            errors.append(.init(field: "smallFirms.maximumEmployees", message: "verwacht 1 tot 10.000 medewerkers"))
        }
        if !(0...10_000).contains(percentage.basisPoints) {
            errors.append(.init(field: "smallFirms.percentage", message: "verwacht een percentage van 0 tot 100"))
        }
        return errors
    }
}

extension SocialReturnPolicy {
    /// How often a supplier of this size reports: a small firm under the policy's regime by its own frequency.
    public func reportingFrequency(supplierEmployees: Int?) -> MonitoringFrequency {
        if let smallFirms, smallFirms.applies(toEmployees: supplierEmployees) { return smallFirms.frequency }
        return monitoringFrequency
    }
}
