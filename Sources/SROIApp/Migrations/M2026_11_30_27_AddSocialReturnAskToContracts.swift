import Fluent

/// How a tender asks for social return: the way (one of four), the award criterion's weight, the unit of offers, the
/// closing date for bids, and whether the tender is open for market consultation.
struct M2026_11_30_27_AddSocialReturnAskToContracts: AsyncMigration {
    static let fields: [(String, DatabaseSchema.DataType)] = [("sr_ask", .string), ("sr_weight_bp", .int), ("offer_unit", .string),
                                                              ("bids_close_on", .string), ("market_consultation", .bool)]

    func prepare(on database: any Database) async throws {
        for (name, type) in Self.fields {
            try await database.schema("contracts").field(.string(name), type).update()
        }
    }

    func revert(on database: any Database) async throws {
        for (name, _) in Self.fields {
            try await database.schema("contracts").deleteField(.string(name)).update()
        }
    }
}
