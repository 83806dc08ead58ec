import Foundation

/// Where a buyer's policy deviates from the regional policy it adopted (afwijkingen van het regionale
/// beleid): every setting by its path, with the regional and the own value.
public struct PolicyDeviation: Sendable, Hashable, Codable {
    public var setting: String
    public var regional: String
    public var own: String

    public init(setting: String, regional: String, own: String) {
        self.setting = setting
        self.regional = regional
        self.own = own
    }
}

public enum PolicyDifference {
    /// Settings that differ, by dotted path (e.g. "standardPercentage", "valuation.employmentPerYear.ww").
    /// The name is not a setting and is left out.
    public static func deviations(of own: SocialReturnPolicy, from regional: SocialReturnPolicy) -> [PolicyDeviation] {
        let a = flatten(regional), b = flatten(own)
        return Set(a.keys).union(b.keys).filter { $0 != "name" && a[$0] != b[$0] }.sorted()
            .map { PolicyDeviation(setting: $0, regional: a[$0] ?? "—", own: b[$0] ?? "—") }
    }

    private static func flatten(_ policy: SocialReturnPolicy) -> [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let data = try? encoder.encode(policy), let object = try? JSONSerialization.jsonObject(with: data) else { return [:] }
        var out: [String: String] = [:]
        func walk(_ value: Any, _ path: String) {
            if let dict = value as? [String: Any] {
                for (k, v) in dict { walk(v, path.isEmpty ? k : path + "." + k) }
            } else if let array = value as? [Any], !array.isEmpty, array.allSatisfy({ $0 is [String: Any] }) || path.hasPrefix("categories") {
                for (i, v) in array.enumerated() { walk(v, "\(path)[\(i)]") }
            } else if let array = value as? [Any] {
                // Dictionaries with enum keys encode as [key, value, key, value]: read them as pairs.
                if array.count % 2 == 0, array.enumerated().allSatisfy({ $0.offset % 2 == 1 || $0.element is String }) {
                    for i in stride(from: 0, to: array.count, by: 2) { walk(array[i + 1], path + "." + (array[i] as! String)) }
                } else {
                    out[path] = array.map { "\($0)" }.joined(separator: ",")
                }
            } else if value is NSNull {
                out[path] = "—"
            } else {
                out[path] = "\(value)"
            }
        }
        walk(object, "")
        return out
    }
}
