import Fluent
import Foundation
import SQLKit
import SROIDomain

/// Imports a payroll file of paid hours into a contract: all or nothing, in one transaction. New candidates get
/// a placement from the row's placement columns; importing the same periods again replaces the hours.
enum HoursImportService {
    struct Summary: Sendable, Codable {
        var rows: Int
        var placementsCreated: Int
        var hourRows: Int
    }

    /// Refused as a whole: every problem, by line and column.
    struct Refused: Error {
        var problems: [ImportProblem]
    }

    static func importFile(_ bytes: [UInt8], into contract: ContractModel, by user: CurrentUser, platform: Platform,
                           on db: any Database) async throws -> Summary {
        try FulfilmentAccess.requireReporter(user, for: contract)
        let csv: DutchCSV
        do {
            csv = try DutchCSV(data: bytes)
        } catch DutchCSV.ReadError.notUTF8 {
            throw Refused(problems: [ImportProblem(line: 1, column: "-", message: "het bestand is geen UTF-8; sla het in Excel op als 'CSV UTF-8'")])
        } catch DutchCSV.ReadError.unterminatedQuote(let line) {
            throw Refused(problems: [ImportProblem(line: line, column: "-", message: "een aanhalingsteken wordt niet afgesloten")])
        } catch {
            throw Refused(problems: [ImportProblem(line: 1, column: "-", message: "het bestand is leeg")])
        }
        let contractID = try contract.requireID()
        let supplier = contract.$supplier.id?.uuidString ?? ""
        let rows: [HoursImportRow]
        switch HoursImportFile.read(csv, supplier: supplier) {
        case .success(let r): rows = r
        case .failure(let failure): throw Refused(problems: failure.problems)
        }
        guard let term = contract.term else { throw Refused(problems: [ImportProblem(line: 1, column: "-", message: "het contract heeft geen looptijd")]) }

        // Which placement each row belongs to; new ones need their placement columns.
        struct Key: Hashable, Sendable { var candidate: String; var block: String }
        var existing: [Key: UUID] = [:]
        for p in try await PlacementModel.query(on: db).filter(\.$contract.$id == contractID).all() {
            existing[Key(candidate: p.candidate, block: p.blockRaw)] = p.id
        }
        var problems: [ImportProblem] = []
        var newPlacements: [Key: PlacementModel] = [:]
        var seenPeriods: [String: Int] = [:]
        var resolved: [(Key, HoursImportRow)] = []
        resolved.reserveCapacity(rows.count)
        for row in rows {
            let key = Key(candidate: platform.pseudonymizer.pseudonym(for: row.identifier), block: row.block.rawValue)
            if row.periodStart < term.start || row.periodEnd > term.end {
                problems.append(ImportProblem(line: row.line, column: "periode_van", message: "de periode valt buiten de looptijd van het contract (\(term.start.iso) – \(term.end.iso))"))
            }
            let periodKey = "\(key.candidate)|\(key.block)|\(row.periodStart.iso)|\(row.periodEnd.iso)"
            if let first = seenPeriods[periodKey] {
                problems.append(ImportProblem(line: row.line, column: "periode_van", message: "dezelfde kandidaat en periode staan al op regel \(first)"))
            } else {
                seenPeriods[periodKey] = row.line
            }
            if existing[key] == nil && newPlacements[key] == nil {
                var missing: [String] = []
                if row.targetGroup == nil { missing.append("doelgroep") }
                if row.start == nil { missing.append("begindatum") }
                if row.hoursPerWeek == nil { missing.append("uren_per_week") }
                if missing.isEmpty {
                    let p = PlacementModel()
                    p.$contract.id = contractID
                    p.id = UUID()
                    p.candidate = key.candidate
                    p.blockRaw = key.block
                    p.targetGroupRaw = row.targetGroup!.rawValue
                    p.apprenticeshipLevel = row.block == .apprenticeship ? 2 : nil
                    p.hoursPerWeekHundredths = row.hoursPerWeek!.hundredths
                    p.startDate = row.start!.iso
                    p.endDate = row.end?.iso
                    p.employmentKind = "temporary"
                    p.doelgroepregister = row.doelgroepregister ?? (row.targetGroup == .banenafspraak)
                    p.bonusesRaw = ""
                    p.createdBy = user.userID
                    newPlacements[key] = p
                } else {
                    for column in missing {
                        problems.append(ImportProblem(line: row.line, column: column, message: "nieuwe kandidaat op dit contract: vul \(column) in om de plaatsing aan te maken"))
                    }
                    continue
                }
            }
            resolved.append((key, row))
        }
        guard problems.isEmpty else { throw Refused(problems: problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) }) }

        let placementIDs = existing.merging(newPlacements.mapValues { $0.id! }) { a, _ in a }
        let created = Array(newPlacements.values)
        let lines = resolved.map { (placementIDs[$0.0]!, $0.1) }
        try await db.transaction { db in
            for placement in created {
                try await placement.create(on: db)
                try await AllocationModel(sourceType: "placement", sourceID: placement.id!, contractID: contract.obligationContractID ?? contractID,
                                          shareBasisPoints: 10_000, decidedBy: user.userID, reason: contract.frameworkID == nil ? "eigen contract" : "nadere opdracht onder de raamovereenkomst").create(on: db)
            }
            guard let sql = db as? any SQLDatabase else { throw AppError.badRequest(field: nil, message: "database zonder SQL") }
            // Bulk upsert in chunks: the same placement and period replaces the hours, so a re-import never doubles them.
            let chunk = 1_000
            var index = 0
            while index < lines.count {
                let slice = lines[index..<min(index + chunk, lines.count)]
                var insert = sql.insert(into: PaidHoursModel.schema).columns("id", "placement_id", "period_start", "period_end", "hours")
                for (placementID, row) in slice {
                    insert = insert.values([UUID(), placementID, row.periodStart.iso, row.periodEnd.iso, row.paidHours.hundredths] as [any Encodable & Sendable])
                }
                try await insert.onConflict(with: ["placement_id", "period_start", "period_end"]) { $0.set(excludedValueOf: "hours") }.run()
                index += chunk
            }
            try await AuditLog.record(.create, objectType: "hours_import", objectID: contractID, by: user, before: Optional<String>.none,
                                      after: ["rows": String(lines.count), "placementsCreated": String(created.count)], about: contract.$buyer.id, on: db)
        }
        return Summary(rows: rows.count, placementsCreated: newPlacements.count, hourRows: resolved.count)
    }
}
