import Fluent
import Vapor

extension Application {
    /// Every migration in order. Small dated files, never edited once landed: add a new one instead.
    func registerMigrations() {
        migrations.add(SessionRecord.migration)
        migrations.add(M2026_11_27_01_CreateOrganisations())
        migrations.add(M2026_11_27_02_CreateUsers())
        migrations.add(M2026_11_27_03_CreatePolicyVersions())
        migrations.add(M2026_11_27_04_CreateContracts())
        migrations.add(M2026_11_27_05_CreateAuditEntries())
        migrations.add(M2026_11_27_06_CreateFulfilment())
        migrations.add(M2026_11_27_07_Security())
        migrations.add(M2026_11_27_08_CreateEvidenceFiles())
        migrations.add(M2026_11_27_09_AuditSubject())
        migrations.add(M2026_11_27_10_CreatePartnership())
        migrations.add(M2026_11_27_11_CreateActionPlanAndMeetings())
        migrations.add(M2026_11_27_12_CreatePolicyTexts())
        migrations.add(M2026_11_27_13_CreateCrediting())
        migrations.add(M2026_11_27_14_ManagementSettings())
        migrations.add(M2026_11_30_01_AddOwnerToSocialEnterprises())
        migrations.add(M2026_11_30_02_CreateSocialEnterpriseStatusChanges())
        migrations.add(M2026_11_30_03_AddRedactedAtToAuditEntries())
        migrations.add(M2026_11_30_04_AllowRedactionInAuditLog())
        migrations.add(M2026_11_30_05_AddActiveToUsers())
        migrations.add(M2026_11_30_06_CreateInvitations())
        migrations.add(M2026_11_30_07_CreatePasswordResets())
        migrations.add(M2026_11_30_08_CreateOutboxMessages())
        migrations.add(M2026_11_30_09_CreateNotifications())
        migrations.add(M2026_11_30_10_CreateNotificationPreferences())
        migrations.add(M2026_11_30_11_CreateReportItemMessages())
        migrations.add(M2026_11_30_12_CreateReportSubmissions())
        migrations.add(M2026_11_30_13_AddPlacementSealedReference())
        migrations.add(M2026_11_30_14_AddEmployeesToOrganisations())
        migrations.add(M2026_11_30_15_AddReservedToContracts())
        migrations.add(M2026_11_30_16_CreateContractEvaluations())
        migrations.add(M2026_11_30_17_CreateContractTargets())
        migrations.add(M2026_11_30_18_CreateContractDelegations())
        migrations.add(M2026_11_30_19_AddCertificateToSocialEnterprises())
        migrations.add(M2026_11_30_20_AddCertificateToStatusChanges())
    }
}
