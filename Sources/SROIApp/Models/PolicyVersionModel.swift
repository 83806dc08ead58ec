import Fluent
import Foundation
import SROIDomain

/// One version of a buyer's policy. Versions are only ever added: a contract points at the version
/// it was awarded under, so a later change never alters its obligation.
final class PolicyVersionModel: Model, @unchecked Sendable {
    static let schema = "policy_versions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organisation_id") var organisation: OrganisationModel
    @Field(key: "number") var number: Int
    /// The `SocialReturnPolicy` as JSON, so new settings need no schema change.
    @Field(key: "settings") var settingsJSON: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "note") var note: String?
    /// The regional policy version this one was adopted from; deviations are measured against it.
    @OptionalField(key: "based_on_version_id") var basedOnVersionID: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(organisationID: UUID, number: Int, policy: SocialReturnPolicy, createdBy: UUID?, note: String?) throws {
        self.$organisation.id = organisationID
        self.number = number
        self.settingsJSON = try PolicyVersionModel.encode(policy)
        self.createdBy = createdBy
        self.note = note
    }

    /// The stored policy. A version never changes once written, so each is decoded once per process (issue 20):
    /// the cache is keyed by the version's id and checked against the stored text's length.
    func policy() throws -> SocialReturnPolicy {
        if let id, let cached = PolicyCache.shared.policy(id, length: settingsJSON.utf8.count) { return cached }
        let decoded = try JSONDecoder().decode(SocialReturnPolicy.self, from: Data(settingsJSON.utf8))
        if let id { PolicyCache.shared.keep(decoded, for: id, length: settingsJSON.utf8.count) }
        return decoded
    }

    static func encode(_ policy: SocialReturnPolicy) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(policy), as: UTF8.self)
    }
}

/// Decoded policy versions by id, process-wide; at most 2.000, emptied when full. A version is never changed once
/// written, so an entry stays right for as long as the process runs, on every instance.
final class PolicyCache: @unchecked Sendable {
    static let shared = PolicyCache()
    struct Version: Sendable {
        var number: Int
        var policy: SocialReturnPolicy
    }
    private let lock = NSLock()
    private var entries: [UUID: (length: Int, policy: SocialReturnPolicy)] = [:]
    private var numbers: [UUID: Int] = [:]

    func policy(_ id: UUID, length: Int) -> SocialReturnPolicy? {
        lock.lock()
        defer { lock.unlock() }
        guard let e = entries[id], e.length == length else { return nil }
        return e.policy
    }

    func keep(_ policy: SocialReturnPolicy, for id: UUID, length: Int) {
        lock.lock()
        defer { lock.unlock() }
        if entries.count >= 2_000 { entries.removeAll(keepingCapacity: true); numbers.removeAll(keepingCapacity: true) }
        entries[id] = (length, policy)
    }

    /// The versions with these ids: from memory, reading only those not seen before (one query).
    func versions(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: Version] {
        var found: [UUID: Version] = [:]
        var missing: [UUID] = []
        lock.withLock {
            for id in ids {
                if let e = entries[id], let number = numbers[id] { found[id] = Version(number: number, policy: e.policy) } else { missing.append(id) }
            }
        }
        guard !missing.isEmpty else { return found }
        for chunk in missing.chunked(500) {
            for model in try await PolicyVersionModel.query(on: db).filter(\.$id ~~ chunk).all() {
                let id = try model.requireID()
                let policy = try model.policy()
                lock.withLock { numbers[id] = model.number }
                found[id] = Version(number: model.number, policy: policy)
            }
        }
        return found
    }
}

extension PolicyVersionModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $organisation, $number, $settingsJSON, $createdBy, $note, $basedOnVersionID, $createdAt
        ]
    }
}
