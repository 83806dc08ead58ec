import Fluent
import SQLKit

/// Every change to the data raises one number in the same transaction (`DataGeneration`), so an answer kept by
/// the app is known to be current by reading that number (issue 20). The tables are listed as they were when
/// this migration was written; a later migration that creates a table adds its triggers with
/// `DataGeneration.triggers(on:dialect:)`.
struct M2026_12_01_01_TrackDataGeneration: AsyncMigration {
    static let tables = [
        "action_items", "action_plans", "activities", "allocations", "bid_attachments", "bid_scores", "bids", "brainstorms",
        "contract_delegations", "contract_evaluations", "contract_participants", "contract_targets", "contracts", "evidence_files",
        "invitations", "market_ideas", "meetings", "notification_preferences", "notifications", "organisations", "paid_hours",
        "password_resets", "placements", "policy_texts", "policy_versions", "potential_jobs", "proposals", "report_item_messages",
        "report_items", "report_submissions", "reports", "social_enterprise_status_changes", "social_enterprises", "stacked_jobs",
        "success_stories", "users", "vacancies", "working_group_members",
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let dialect = sql.dialect.name
        try await sql.raw("CREATE TABLE \(ident: DataGeneration.table) (slot INTEGER PRIMARY KEY, value BIGINT NOT NULL)").run()
        for slot in 0..<DataGeneration.slots {
            try await sql.raw("INSERT INTO \(ident: DataGeneration.table) (slot, value) VALUES (\(bind: slot), 0)").run()
        }
        if dialect != "sqlite" {
            try await sql.raw(SQLQueryString("""
                CREATE FUNCTION \(unsafeRaw: DataGeneration.postgresFunction)() RETURNS trigger AS $$
                BEGIN
                  UPDATE \(unsafeRaw: DataGeneration.table) SET value = value + 1 WHERE slot = txid_current() % \(unsafeRaw: String(DataGeneration.slots));
                  RETURN NULL;
                END; $$ LANGUAGE plpgsql
                """)).run()
        }
        for table in Self.tables {
            for statement in DataGeneration.triggers(on: table, dialect: dialect) { try await sql.raw(statement).run() }
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let dialect = sql.dialect.name
        for table in Self.tables {
            for statement in DataGeneration.droppingTriggers(on: table, dialect: dialect) { try await sql.raw(statement).run() }
        }
        if dialect != "sqlite" {
            try await sql.raw("DROP FUNCTION IF EXISTS \(unsafeRaw: DataGeneration.postgresFunction)()").run()
        }
        try await sql.raw("DROP TABLE \(ident: DataGeneration.table)").run()
    }
}
