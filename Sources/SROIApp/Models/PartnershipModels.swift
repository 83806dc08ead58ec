import Fluent
import Foundation

/// One saved version of the brainstorm format (Handreiking, appendix III) for a contract or tender.
/// Versions are only added, so earlier thinking stays readable.
final class BrainstormModel: Model, @unchecked Sendable {
    static let schema = "brainstorms"

    @ID(key: .id) var id: UUID?
    @Parent(key: "contract_id") var contract: ContractModel
    @Field(key: "version") var version: Int
    @Field(key: "situation") var situation: String
    @OptionalField(key: "situation_other") var situationOther: String?
    @Field(key: "labour_component") var labourComponent: String
    @Field(key: "who_needed") var whoNeeded: String
    @Field(key: "willingness") var willingness: String
    @Field(key: "desired_results") var desiredResults: String
    @Field(key: "policy_fit") var policyFit: String
    @Field(key: "next_steps") var nextSteps: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A possible job on a contract (step 3a): from a staff review, a training place, new tasks or a stacked job,
/// followed from idea to filled, and linked to the placement that filled it.
final class PotentialJobModel: Model, @unchecked Sendable {
    static let schema = "potential_jobs"

    @ID(key: .id) var id: UUID?
    @Parent(key: "contract_id") var contract: ContractModel
    @Field(key: "title") var title: String
    @Field(key: "source") var source: String
    @OptionalField(key: "hours_per_week") var hoursPerWeekHundredths: Int64?
    @Field(key: "status") var status: String
    @OptionalField(key: "placement_id") var placementID: UUID?
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// The buyer's action plan (step 1d): its goals; members and actions are rows of their own.
final class ActionPlanModel: Model, @unchecked Sendable {
    static let schema = "action_plans"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "goals") var goals: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// A member of the working group with a role of appendix II.
final class WorkingGroupMemberModel: Model, @unchecked Sendable {
    static let schema = "working_group_members"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "name") var name: String
    @Field(key: "role") var role: String

    init() {}
}

/// A SMART action with an owner and a deadline, of the action plan or agreed in a meeting on a contract.
final class ActionItemModel: Model, @unchecked Sendable {
    static let schema = "action_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @OptionalField(key: "contract_id") var contractID: UUID?
    @Field(key: "project") var project: String
    @Field(key: "description") var summary: String
    @OptionalField(key: "owner_user_id") var ownerUserID: UUID?
    @Field(key: "deadline") var deadline: String
    @OptionalField(key: "done_at") var doneAt: Date?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A conversation with the supplier on a contract: the first, the second, or a progress meeting.
final class MeetingModel: Model, @unchecked Sendable {
    static let schema = "meetings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "contract_id") var contract: ContractModel
    @Field(key: "kind") var kind: String
    @Field(key: "planned_on") var plannedOn: String
    @Field(key: "agenda") var agenda: String
    @OptionalField(key: "minutes") var minutes: String?
    @OptionalField(key: "created_by") var createdBy: UUID?

    init() {}
}

/// The policy text as the buyer edited it; without one, the text is generated from the policy.
final class PolicyTextModel: Model, @unchecked Sendable {
    static let schema = "policy_texts"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "text") var text: String
    @OptionalField(key: "updated_by") var updatedBy: UUID?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

extension BrainstormModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $contract, $version, $situation, $situationOther, $labourComponent, $whoNeeded, $willingness,
            $desiredResults, $policyFit, $nextSteps, $createdBy, $createdAt
        ]
    }
}

extension PotentialJobModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $contract, $title, $source, $hoursPerWeekHundredths, $status, $placementID, $note, $createdBy,
            $createdAt, $updatedAt
        ]
    }
}

extension ActionPlanModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $organisationID, $goals, $updatedAt
        ]
    }
}

extension WorkingGroupMemberModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $organisationID, $name, $role
        ]
    }
}

extension ActionItemModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $organisationID, $contractID, $project, $summary, $ownerUserID, $deadline, $doneAt, $createdBy,
            $createdAt
        ]
    }
}

extension MeetingModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $contract, $kind, $plannedOn, $agenda, $minutes, $createdBy
        ]
    }
}

extension PolicyTextModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $organisationID, $text, $updatedBy, $updatedAt
        ]
    }
}
