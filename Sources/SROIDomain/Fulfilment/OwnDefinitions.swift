/// A target group a policy adds to the standard ones (e.g. statushouders, ex-gedetineerden). Its value per full-time
/// year and counting limit are lines of the table like every other group's (`employmentPerYear`, `countedMonths`).
public struct OwnTargetGroup: Sendable, Hashable, Codable {
    public var key: TargetGroup
    public var name: String

    public init(key: TargetGroup, name: String) {
        self.key = key
        self.name = name
    }
}

/// How a policy's own building block is valued.
public enum OwnBlockUnit: String, Sendable, Hashable, Codable, CaseIterable {
    /// A person placed, pro rata hours a week and days, like employment.
    case perYear = "per_year"
    /// A person placed, per month (days × 12 / 365), like a work-experience place.
    case perMonth = "per_month"
    /// An activity: hours × the value.
    case perHour = "per_hour"
    /// An activity: the invoice amount excl. VAT.
    case invoice

    public var dutchLabel: String {
        switch self {
        case .perYear: "per fulltime jaar, naar rato (een persoon)"
        case .perMonth: "per maand (een persoon)"
        case .perHour: "per uur (een activiteit)"
        case .invoice: "het factuurbedrag (een activiteit)"
        }
    }

    /// Per year and per month count a person's days; per hour and by invoice are activities.
    public var placesAPerson: Bool { self == .perYear || self == .perMonth }
}

/// A building block a policy adds (e.g. "taalcursus op de werkvloer" by invoice, "buddy-traject" per month).
public struct OwnBuildingBlock: Sendable, Hashable, Codable {
    public var key: String
    public var name: String
    public var unit: OwnBlockUnit
    /// The value per year, month or hour; not used by invoice.
    public var value: Money
    /// How long a person counts, in months (per year and per month); 0 means the whole contract.
    public var countedMonths: Int

    public init(key: String, name: String, unit: OwnBlockUnit, value: Money = .zero, countedMonths: Int = 12) {
        self.key = key
        self.name = name
        self.unit = unit
        self.value = value
        self.countedMonths = countedMonths
    }
}

extension ValuationScheme {
    /// Every group a placement can have under this table: the standard ones, then the policy's own.
    public var targetGroups: [TargetGroup] { TargetGroup.standard + ownTargetGroups.map(\.key) }

    /// The groups with a value per year for employment: the standard ones (students count as interns) and the own.
    public var employmentGroupsWithOwn: [TargetGroup] { Self.employmentGroups + ownTargetGroups.map(\.key) }

    /// The name a page shows: the policy's name for an own group, the standard name otherwise.
    public func label(of group: TargetGroup) -> String {
        ownTargetGroups.first { $0.key == group }?.name ?? group.dutchLabel
    }

    public func label(of block: BuildingBlock) -> String {
        if case .own(let key) = block, let own = ownBlock(key) { return own.name }
        return block.dutchLabel
    }

    public func ownBlock(_ key: String) -> OwnBuildingBlock? { ownBuildingBlocks.first { $0.key == key } }

    /// Every block a supplier can choose under this table: the standard ones, then the policy's own.
    public var buildingBlocks: [BuildingBlock] { BuildingBlock.allCases + ownBuildingBlocks.map { .own($0.key) } }

    /// Whether a block places a person (a placement) rather than being an activity; an unknown own block neither.
    public func placesAPerson(_ block: BuildingBlock) -> Bool {
        if case .own(let key) = block { return ownBlock(key)?.unit.placesAPerson ?? false }
        return block.placesAPerson
    }

    public func isActivity(_ block: BuildingBlock) -> Bool {
        if case .own(let key) = block { return ownBlock(key).map { !$0.unit.placesAPerson } ?? false }
        return !block.placesAPerson
    }

    /// A target group as written in a form, the API or a spreadsheet: a standard key, label or common word, or an
    /// own group's key or name (any case).
    public func targetGroup(parsing text: String) -> TargetGroup? {
        if let standard = TargetGroup.parse(text) { return standard }
        let key = Self.squeezed(text)
        guard !key.isEmpty else { return nil }
        return ownTargetGroups.first { Self.squeezed($0.key.rawValue) == key || Self.squeezed($0.name) == key }?.key
    }

    /// A block as written in a form, the API or a spreadsheet: a standard key, or an own block's key or name.
    public func buildingBlock(parsing text: String) -> BuildingBlock? {
        if let standard = BuildingBlock(rawValue: text) { return standard }
        let key = Self.squeezed(text)
        guard !key.isEmpty else { return nil }
        return ownBuildingBlocks.first { Self.squeezed($0.key) == key || Self.squeezed($0.name) == key }.map { .own($0.key) }
    }

    /// Letters and digits only, lower case: how a written name is compared ("Ex-gedetineerde" = "ex_gedetineerde").
    static func squeezed(_ s: String) -> String { String(s.lowercased().filter { $0.isLetter || $0.isNumber }) }

    /// The problems with the own groups and blocks, by path (`valuation.ownTargetGroups.2.name`): keys that are
    /// valid and unique and not a standard key, names, a value per year for every own group, units with a value.
    func validateOwn() -> [FieldError] {
        var errors: [FieldError] = []
        var seen = Set(TargetGroup.standard.map(\.rawValue) + BuildingBlock.allCases.map(\.rawValue))
        for (i, own) in ownTargetGroups.enumerated() {
            let path = "valuation.ownTargetGroups.\(i)"
            if own.key.isStandard || !seen.insert(own.key.rawValue).inserted {
                errors.append(.init(field: path + ".key", message: "de code '\(own.key.rawValue)' is al in gebruik; kies een andere"))
            }
            if own.name.trimming(" ").isEmpty { errors.append(.init(field: path + ".name", message: "geef de doelgroep een naam")) }
        }
        for (i, own) in ownBuildingBlocks.enumerated() {
            let path = "valuation.ownBuildingBlocks.\(i)"
            if !TargetGroup.isKey(own.key) {
                errors.append(.init(field: path + ".key", message: "verwacht 2 tot 40 kleine letters, cijfers of _, beginnend met een letter"))
            } else if !seen.insert(own.key).inserted {
                errors.append(.init(field: path + ".key", message: "de code '\(own.key)' is al in gebruik; kies een andere"))
            }
            if own.name.trimming(" ").isEmpty { errors.append(.init(field: path + ".name", message: "geef het bouwblok een naam")) }
            if own.value.cents < 0 || own.value.cents > 100_000_000 {
                errors.append(.init(field: path + ".value", message: "verwacht een bedrag van € 0 tot € 1.000.000"))
            }
            if own.unit != .invoice && own.value.cents == 0 {
                errors.append(.init(field: path + ".value", message: "geef de waarde \(own.unit == .perHour ? "per uur" : own.unit == .perMonth ? "per maand" : "per jaar")"))
            }
            if !(0...120).contains(own.countedMonths) {
                errors.append(.init(field: path + ".countedMonths", message: "verwacht 0 (de hele looptijd) tot 120 maanden"))
            }
        }
        return errors
    }
}

extension TargetGroup {
    /// Groups in the order the pages list them: the standard ones first, then own ones by key.
    public static func ordered(_ groups: some Sequence<TargetGroup>) -> [TargetGroup] {
        let set = Set(groups)
        return standard.filter(set.contains) + set.filter { !$0.isStandard }.sorted()
    }
}

extension BuildingBlock {
    /// Blocks in the order the pages list them: the standard ones first, then own ones by key.
    public static func ordered(_ blocks: some Sequence<BuildingBlock>) -> [BuildingBlock] {
        let set = Set(blocks)
        return allCases.filter(set.contains) + set.filter { !allCases.contains($0) }.sorted { $0.rawValue < $1.rawValue }
    }
}

extension ValuationScheme {
    /// `preset`'s lines with this table's own target groups and blocks kept: choosing a preset replaces the standard
    /// table, never what the policy added.
    public func adopting(_ preset: ValuationScheme) -> ValuationScheme {
        var v = preset
        v.ownTargetGroups = ownTargetGroups
        v.ownBuildingBlocks = ownBuildingBlocks
        for own in ownTargetGroups {
            v.employmentPerYear[own.key] = employmentPerYear[own.key]
            v.countedMonths[own.key] = countedMonths[own.key]
        }
        return v
    }
}
