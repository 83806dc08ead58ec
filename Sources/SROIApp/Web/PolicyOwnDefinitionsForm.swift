import Foundation
import SROIDomain

/// The policy's own target groups and building blocks on the policy page: one row each, plus empty rows to add one.
/// A row's code is made from its name the first time and kept after; a row whose name is emptied is taken out.
extension PolicyForm {
    static let emptyOwnRows = 2

    mutating func fillOwn(from v: ValuationScheme) {
        var groupKey: [String: String] = [:], groupName: [String: String] = [:], groupYear: [String: String] = [:], groupMonths: [String: String] = [:]
        for (i, g) in v.ownTargetGroups.enumerated() {
            groupKey["\(i)"] = g.key.rawValue
            groupName["\(i)"] = g.name
            groupYear["\(i)"] = v.employmentPerYear[g.key].map(Self.money) ?? ""
            groupMonths["\(i)"] = String(v.countedMonths[g.key] ?? 12)
        }
        (ownGroupKey, ownGroupName, ownGroupYear, ownGroupMonths) = (groupKey, groupName, groupYear, groupMonths)
        var blockKey: [String: String] = [:], blockName: [String: String] = [:], blockUnit: [String: String] = [:]
        var blockValue: [String: String] = [:], blockMonths: [String: String] = [:]
        for (i, b) in v.ownBuildingBlocks.enumerated() {
            blockKey["\(i)"] = b.key
            blockName["\(i)"] = b.name
            blockUnit["\(i)"] = b.unit.rawValue
            blockValue["\(i)"] = b.unit == .invoice ? "" : Self.money(b.value)
            blockMonths["\(i)"] = String(b.countedMonths)
        }
        (ownBlockKey, ownBlockName, ownBlockUnit, ownBlockValue, ownBlockMonths) = (blockKey, blockName, blockUnit, blockValue, blockMonths)
    }

    /// The rows the page can have made: indexes 0 to 199. Any other key (Int.max, negative, text) is ignored, so no
    /// arithmetic on it can overflow.
    private static func rowIndexes(_ names: [String: String]?) -> [Int] {
        (names ?? [:]).keys.compactMap(Int.init).filter { (0..<200).contains($0) }.sorted()
    }

    /// Reads the own groups and blocks into `v`; a line that cannot be read is named by its form key. A form without
    /// these rows (the API's, or a page from before) leaves them as they are.
    func applyOwn(to v: inout ValuationScheme, errors: inout [String: String]) {
        func trimmed(_ s: String?) -> String { s?.trimmingCharacters(in: .whitespaces) ?? "" }
        if ownGroupName != nil {
            let old = v.ownTargetGroups
            v.ownTargetGroups = []
            for i in Self.rowIndexes(ownGroupName) {
                let name = trimmed(ownGroupName?["\(i)"])
                let givenKey = trimmed(ownGroupKey?["\(i)"])
                guard !name.isEmpty else { continue }
                let keyText = givenKey.isEmpty ? OwnKey.from(name: name) : givenKey
                guard let key = TargetGroup(rawValue: keyText) else { errors["ownGroupName[\(i)]"] = "gebruik letters in de naam"; continue }
                if let m = DutchNumberFormat.parseMoney(trimmed(ownGroupYear?["\(i)"])) { v.employmentPerYear[key] = m } else {
                    errors["ownGroupYear[\(i)]"] = "verwacht een bedrag per jaar, zoals 20.000"
                }
                if let n = Int(trimmed(ownGroupMonths?["\(i)"]).isEmpty ? "12" : trimmed(ownGroupMonths?["\(i)"])) { v.countedMonths[key] = n } else {
                    errors["ownGroupMonths[\(i)]"] = "verwacht een geheel aantal maanden"
                }
                v.ownTargetGroups.append(OwnTargetGroup(key: key, name: name))
            }
            for gone in old where !v.ownTargetGroups.contains(where: { $0.key == gone.key }) {
                v.employmentPerYear[gone.key] = nil
                v.countedMonths[gone.key] = nil
            }
        }
        if ownBlockName != nil {
            v.ownBuildingBlocks = []
            for i in Self.rowIndexes(ownBlockName) {
                let name = trimmed(ownBlockName?["\(i)"])
                guard !name.isEmpty else { continue }
                let givenKey = trimmed(ownBlockKey?["\(i)"])
                let key = givenKey.isEmpty ? OwnKey.from(name: name) : givenKey
                guard let unit = OwnBlockUnit(rawValue: trimmed(ownBlockUnit?["\(i)"])) else {
                    errors["ownBlockUnit[\(i)]"] = "kies hoe het bouwblok telt"
                    continue
                }
                var value = Money.zero
                let valueText = trimmed(ownBlockValue?["\(i)"])
                if unit != .invoice || !valueText.isEmpty {
                    if let m = DutchNumberFormat.parseMoney(valueText) { value = m } else {
                        errors["ownBlockValue[\(i)]"] = "verwacht een bedrag, zoals 1.000"
                    }
                }
                let monthsText = trimmed(ownBlockMonths?["\(i)"])
                let months = monthsText.isEmpty ? 12 : Int(monthsText)
                if months == nil { errors["ownBlockMonths[\(i)]"] = "verwacht een geheel aantal maanden" }
                v.ownBuildingBlocks.append(OwnBuildingBlock(key: key, name: name, unit: unit, value: value, countedMonths: months ?? 12))
            }
        }
    }

    struct OwnGroupRow: Encodable { var index: Int; var number: Int; var key: String; var name: String; var year: String; var months: String; var error: String? }
    struct OwnBlockRow: Encodable {
        var index: Int; var number: Int; var key: String; var name: String; var units: [FormField.Option]; var value: String; var months: String; var error: String?
    }

    /// The rows the page shows: the existing ones and empty ones to add, each with its errors.
    func ownRows(errors: [String: String]) -> (groups: [OwnGroupRow], blocks: [OwnBlockRow]) {
        func error(_ prefixes: [String], _ i: Int) -> String? {
            let messages = prefixes.compactMap { errors["\($0)[\(i)]"] }
            return messages.isEmpty ? nil : messages.joined(separator: "; ")
        }
        let groupIndexes = Self.rowIndexes(ownGroupName)
        let nextGroup = (groupIndexes.last ?? -1) + 1
        let groups = (groupIndexes + (nextGroup..<nextGroup + Self.emptyOwnRows)).map { i in
            OwnGroupRow(index: i, number: i + 1, key: ownGroupKey?["\(i)"] ?? "", name: ownGroupName?["\(i)"] ?? "", year: ownGroupYear?["\(i)"] ?? "",
                        months: ownGroupMonths?["\(i)"] ?? "", error: error(["ownGroupName", "ownGroupYear", "ownGroupMonths"], i))
        }
        let blockIndexes = Self.rowIndexes(ownBlockName)
        let nextBlock = (blockIndexes.last ?? -1) + 1
        let blocks = (blockIndexes + (nextBlock..<nextBlock + Self.emptyOwnRows)).map { i in
            let unit = ownBlockUnit?["\(i)"] ?? ""
            return OwnBlockRow(index: i, number: i + 1, key: ownBlockKey?["\(i)"] ?? "", name: ownBlockName?["\(i)"] ?? "",
                               units: OwnBlockUnit.allCases.map { .init(value: $0.rawValue, label: $0.dutchLabel, selected: $0.rawValue == unit) },
                               value: ownBlockValue?["\(i)"] ?? "", months: ownBlockMonths?["\(i)"] ?? "",
                               error: error(["ownBlockName", "ownBlockUnit", "ownBlockValue", "ownBlockMonths"], i))
        }
        return (groups, blocks)
    }

    /// The form key of a domain error about an own row (`valuation.ownTargetGroups.1.key` → `ownGroupName[1]`): the
    /// rows are read in the order of their indexes, so the domain's position maps back through them.
    func formKey(ofOwn field: String) -> String? {
        let parts = field.split(separator: ".").map(String.init)
        // A group or block still in use that the form took out: said above the form.
        if parts.count == 2, parts[0] == "valuation", parts[1].hasPrefix("own") { return "inUse." + parts[1] }
        guard parts.count >= 3, parts[0] == "valuation", let position = Int(parts[2]) else { return nil }
        switch parts[1] {
        case "ownTargetGroups":
            let rows = Self.rowIndexes(ownGroupName).filter { !(ownGroupName?["\($0)"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
            return rows.indices.contains(position) ? "ownGroupName[\(rows[position])]" : nil
        case "ownBuildingBlocks":
            let rows = Self.rowIndexes(ownBlockName).filter { !(ownBlockName?["\($0)"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
            guard rows.indices.contains(position) else { return nil }
            let column = parts.count > 3 && parts[3] == "value" ? "ownBlockValue" : parts.count > 3 && parts[3] == "countedMonths" ? "ownBlockMonths" : "ownBlockName"
            return "\(column)[\(rows[position])]"
        default: return nil
        }
    }
}
