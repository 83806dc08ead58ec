import Fluent

/// Every model lists its Fluent properties (`var properties` in an extension beside it) instead of relying on
/// FluentKit's default, which finds them by reflection each time it is asked: for every query built, every row
/// read and every save, with a lookup of each field's generic type by its mangled name. On a single contract that
/// was about a third of the request's CPU (perf, issue 20).
///
/// The list must name every property wrapper of the class in declaration order; a test compares it with what
/// reflection finds for each type below, so a field added to a model without adding it to the list fails there,
/// not silently in production (a missing field would be neither read nor written).
enum ModelProperties {
    static let listed: [any Model.Type] = [
        APITokenModel.self, AuditEntryModel.self, ContractDelegationModel.self, ContractEvaluationModel.self,
        ContractModel.self, ContractTargetModel.self, ContractParticipantModel.self, StackedJobModel.self,
        SocialEnterpriseModel.self, SocialEnterpriseStatusChangeModel.self, EvidenceFileModel.self,
        InvitationModel.self, PasswordResetModel.self, LoginFailureModel.self, OutboxMessageModel.self,
        NotificationModel.self, NotificationPreferenceModel.self, VacancyModel.self, ProposalModel.self,
        OrganisationModel.self, BrainstormModel.self, PotentialJobModel.self, ActionPlanModel.self,
        WorkingGroupMemberModel.self, ActionItemModel.self, MeetingModel.self, PolicyTextModel.self,
        PlacementModel.self, PaidHoursModel.self, ActivityModel.self, AllocationModel.self, PolicyVersionModel.self,
        ReportModel.self, ReportItemModel.self, ReportItemMessageModel.self, ReportSubmissionModel.self,
        SuccessStoryModel.self, BidModel.self, BidScoreModel.self, MarketIdeaModel.self, BidAttachmentModel.self,
        UserModel.self,
    ]

    /// What FluentKit's default finds: the children of the instance that are Fluent properties, in order.
    static func reflected(_ model: any Fields) -> [any AnyProperty] {
        Mirror(reflecting: model).children.compactMap { $0.value as? any AnyProperty }
    }
}
