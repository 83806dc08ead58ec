import Fluent
import SQLKit

/// The paid hours of each placement per calendar year, kept by the database beside `paid_hours` (issue 20: the
/// dashboard summed a year of weekly rows of every doelgroepregister placement on each visit, 2,2 ms of its 9,6 on
/// SQLite and 4,7 ms on PostgreSQL). A period counts in a year when it starts and ends in that year, as the
/// dashboard always counted it; a period across New Year counts in neither. `periods` is the number of rows
/// summed, so a row whose last period is deleted goes.
///
/// Triggers keep it in the same transaction as any change to `paid_hours`, whoever makes it: per row on SQLite,
/// per statement on PostgreSQL (with the statement's changed rows as transition tables, so an import of a million
/// rows adds one grouped statement). The SQL is written out here, not shared, so that this migration stays as it
/// landed.
struct M2026_12_01_02_KeepPlacementHoursPerYear: AsyncMigration {
    static let table = "placement_year_hours"
    static let postgresFunction = "sroi_keep_placement_year_hours"

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let sqlite = sql.dialect.name == "sqlite"
        try await sql.raw(SQLQueryString("""
            CREATE TABLE \(unsafeRaw: Self.table) (placement_id UUID NOT NULL, year INTEGER NOT NULL, hours BIGINT NOT NULL,
              periods BIGINT NOT NULL, PRIMARY KEY (placement_id, year))\(unsafeRaw: sqlite ? " WITHOUT ROWID" : "")
            """)).run()
        try await sql.raw(SQLQueryString("""
            INSERT INTO \(unsafeRaw: Self.table) (placement_id, year, hours, periods)
            SELECT placement_id, CAST(substr(period_start, 1, 4) AS INTEGER), SUM(hours), COUNT(*) FROM paid_hours
            WHERE substr(period_start, 1, 4) = substr(period_end, 1, 4) GROUP BY placement_id, CAST(substr(period_start, 1, 4) AS INTEGER)
            """)).run()
        for statement in sqlite ? Self.sqliteTriggers : Self.postgresTriggers { try await sql.raw(SQLQueryString(statement)).run() }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            for operation in ["insert", "update", "delete"] {
                try await sql.raw(SQLQueryString("DROP TRIGGER IF EXISTS paid_hours_years_\(unsafeRaw: operation)")).run()
            }
        } else {
            for operation in ["insert", "update", "delete", "truncate"] {
                try await sql.raw(SQLQueryString("DROP TRIGGER IF EXISTS paid_hours_years_\(unsafeRaw: operation) ON paid_hours")).run()
            }
            try await sql.raw(SQLQueryString("DROP FUNCTION IF EXISTS \(unsafeRaw: Self.postgresFunction)()")).run()
        }
        try await sql.raw(SQLQueryString("DROP TABLE \(unsafeRaw: Self.table)")).run()
    }

    /// One row's period in its year, or none (`row` is NEW or OLD).
    private static func inYear(_ row: String) -> String { "substr(\(row).period_start, 1, 4) = substr(\(row).period_end, 1, 4)" }
    private static func year(_ row: String) -> String { "CAST(substr(\(row).period_start, 1, 4) AS INTEGER)" }

    private static func sqliteAdd(_ row: String) -> String {
        """
        INSERT INTO \(table) (placement_id, year, hours, periods) SELECT \(row).placement_id, \(year(row)), \(row).hours, 1 WHERE \(inYear(row))
          ON CONFLICT (placement_id, year) DO UPDATE SET hours = hours + excluded.hours, periods = periods + 1;
        """
    }

    private static func sqliteRemove(_ row: String) -> String {
        """
        UPDATE \(table) SET hours = hours - \(row).hours, periods = periods - 1
          WHERE placement_id = \(row).placement_id AND year = \(year(row)) AND \(inYear(row));
        DELETE FROM \(table) WHERE placement_id = \(row).placement_id AND periods = 0;
        """
    }

    static let sqliteTriggers = [
        "CREATE TRIGGER paid_hours_years_insert AFTER INSERT ON paid_hours BEGIN \(sqliteAdd("NEW")) END",
        "CREATE TRIGGER paid_hours_years_update AFTER UPDATE ON paid_hours BEGIN \(sqliteRemove("OLD")) \(sqliteAdd("NEW")) END",
        "CREATE TRIGGER paid_hours_years_delete AFTER DELETE ON paid_hours BEGIN \(sqliteRemove("OLD")) END",
    ]

    /// PostgreSQL: the changed rows of a statement, inserted ones counted up and removed ones down, grouped once.
    static let postgresTriggers = [
        """
        CREATE FUNCTION \(postgresFunction)() RETURNS trigger AS $$
        BEGIN
          IF TG_OP = 'TRUNCATE' THEN
            DELETE FROM \(table);
            RETURN NULL;
          END IF;
          IF TG_OP = 'INSERT' THEN
            INSERT INTO \(table) (placement_id, year, hours, periods)
              SELECT placement_id, CAST(substr(period_start, 1, 4) AS INTEGER), SUM(hours), COUNT(*) FROM new_rows
              WHERE substr(period_start, 1, 4) = substr(period_end, 1, 4) GROUP BY 1, 2
            ON CONFLICT (placement_id, year) DO UPDATE
              SET hours = \(table).hours + excluded.hours, periods = \(table).periods + excluded.periods;
            RETURN NULL;
          END IF;
          IF TG_OP = 'UPDATE' THEN
            INSERT INTO \(table) (placement_id, year, hours, periods)
              SELECT placement_id, CAST(substr(period_start, 1, 4) AS INTEGER), SUM(hours), SUM(periods) FROM (
                SELECT placement_id, period_start, period_end, hours, 1 AS periods FROM new_rows
                UNION ALL SELECT placement_id, period_start, period_end, -hours, -1 FROM old_rows) changed
              WHERE substr(period_start, 1, 4) = substr(period_end, 1, 4) GROUP BY 1, 2
            ON CONFLICT (placement_id, year) DO UPDATE
              SET hours = \(table).hours + excluded.hours, periods = \(table).periods + excluded.periods;
          ELSE
            UPDATE \(table) y SET hours = y.hours - o.hours, periods = y.periods - o.periods
              FROM (SELECT placement_id, CAST(substr(period_start, 1, 4) AS INTEGER) AS year, SUM(hours) AS hours, COUNT(*) AS periods
                    FROM old_rows WHERE substr(period_start, 1, 4) = substr(period_end, 1, 4) GROUP BY 1, 2) o
              WHERE y.placement_id = o.placement_id AND y.year = o.year;
          END IF;
          DELETE FROM \(table) y USING (SELECT DISTINCT placement_id FROM old_rows) o
            WHERE y.placement_id = o.placement_id AND y.periods = 0;
          RETURN NULL;
        END; $$ LANGUAGE plpgsql
        """,
        """
        CREATE TRIGGER paid_hours_years_insert AFTER INSERT ON paid_hours REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION \(postgresFunction)()
        """,
        """
        CREATE TRIGGER paid_hours_years_update AFTER UPDATE ON paid_hours REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION \(postgresFunction)()
        """,
        """
        CREATE TRIGGER paid_hours_years_delete AFTER DELETE ON paid_hours REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION \(postgresFunction)()
        """,
        """
        CREATE TRIGGER paid_hours_years_truncate AFTER TRUNCATE ON paid_hours FOR EACH STATEMENT EXECUTE FUNCTION \(postgresFunction)()
        """,
    ]
}
