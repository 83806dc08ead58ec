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
