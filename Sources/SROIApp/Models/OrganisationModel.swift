import Fluent
import Foundation
import SROIDomain

/// An organisation on the platform: a buyer, a supplier, a social enterprise, or the platform itself.
final class OrganisationModel: Model, @unchecked Sendable {
    static let schema = "organisations"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "kind") var kindRaw: String
    /// KvK-nummer: 8 digits, where the organisation has one.
    @OptionalField(key: "kvk") var kvk: String?
    @OptionalField(key: "region") var region: String?
    /// A job service: the further labour-market regions it covers, comma-separated.
    @OptionalField(key: "regions") var regionsRaw: String?
    /// Number of employees, as the organisation states it; decides a policy's small-firm regime.
    @OptionalField(key: "employees") var employees: Int?
    /// A buyer (often a region) whose policy other buyers may adopt (regionaal beleid).
    @Field(key: "shares_policy") var sharesPolicy: Bool
    /// The buyer's own goal: this many banenafspraak jobs through procurement by `jobsGoalYear`.
    @OptionalField(key: "jobs_goal") var jobsGoal: Int?
    @OptionalField(key: "jobs_goal_year") var jobsGoalYear: Int?
    /// Comma-separated `PublicFigure` keys shown on the public transparency page; nil: the page is off.
    @OptionalField(key: "published_figures") var publishedFiguresRaw: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, name: String, kind: OrganisationKind, kvk: String?, region: String?) {
        self.id = id
        self.name = name
        self.kindRaw = kind.rawValue
        self.kvk = kvk
        self.region = region
        self.sharesPolicy = false
    }

    var kind: OrganisationKind { OrganisationKind(rawValue: kindRaw) ?? .supplier }

    /// Every labour-market region the organisation covers: its own and, for a job service, the further ones.
    var regions: [String] {
        ([region] + (regionsRaw ?? "").split(separator: ",").map { String($0) }).compactMap { $0?.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}

extension OrganisationModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $name, $kindRaw, $kvk, $region, $regionsRaw, $employees, $sharesPolicy, $jobsGoal, $jobsGoalYear,
            $publishedFiguresRaw, $createdAt
        ]
    }
}
