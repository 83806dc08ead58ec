import Fluent

struct M2026_11_27_08_CreateEvidenceFiles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("evidence_files")
            .id()
            .field("contract_id", .uuid, .required, .references("contracts", "id"))
            .field("report_id", .uuid)
            .field("filename", .string, .required)
            .field("size", .int64, .required)
            .field("sha256", .string, .required)
            .field("storage_key", .string, .required)
            .field("uploaded_by", .uuid)
            .field("uploaded_at", .datetime)
            .field("deleted_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("evidence_files").delete()
    }
}
