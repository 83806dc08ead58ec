import Fluent
import Foundation
import SROIDomain

/// Paid hours (verloonde uren) of placements: recording one period, and reading what a report values.
enum PaidHoursService {
    /// Records the paid hours of a period; recording the same period again replaces them. Refused: a period that
    /// ends before it starts, lies outside the placement or the contract, overlaps another recorded period of the
    /// placement, or holds more hours than a person can work in it (`PaidHoursRule`).
    static func record(_ hours: Hours, from start: Day, to end: Day, for placement: PlacementModel, on contract: ContractModel,
                       by user: CurrentUser, on db: any Database) async throws {
        try FulfilmentAccess.requireReporter(user, for: contract)
        guard let period = Term(start: start, end: end) else {
            throw AppError.validation([.init(field: "periodEnd", message: "het einde van de periode ligt voor het begin")])
        }
        var errors: [FieldError] = []
        if let term = contract.term, period.start < term.start || period.end > term.end {
            errors.append(.init(field: "periodStart", message: "de periode valt buiten de looptijd van het contract (\(term.start.dutch) – \(term.end.dutch))"))
        }
        if let placementStart = Day(iso: placement.startDate) {
            for problem in PaidHoursRule.problems(PaidHours(period: period, hours: hours), placementStart: placementStart,
                                                  placementEnd: placement.endDate.flatMap(Day.init(iso:))) {
                errors.append(.init(field: problem.field == .period ? "periodStart" : "hours", message: problem.message))
            }
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        let placementID = try placement.requireID()
        try await db.writeTransaction { db in
            let recorded = try await PaidHoursModel.query(on: db).filter(\.$placement.$id == placementID)
                .filter(\.$periodStart <= end.iso).filter(\.$periodEnd >= start.iso).all()
            if let other = recorded.compactMap(\.paidHours).first(where: { PaidHoursRule.overlaps($0.period, period) }) {
                throw AppError.validation([.init(field: "periodStart", message: "overlapt met de al vastgelegde uren over \(other.period.start.dutch) – \(other.period.end.dutch); leg elke periode één keer vast, of vervang die periode")])
            }
            let existing = recorded.first { $0.periodStart == start.iso && $0.periodEnd == end.iso }
            let row = existing ?? PaidHoursModel()
            let before = existing?.hoursHundredths
            row.$placement.id = placementID
            row.periodStart = start.iso
            row.periodEnd = end.iso
            row.hoursHundredths = hours.hundredths
            try await row.save(on: db)
            try await AuditLog.record(existing == nil ? .create : .update, objectType: "paid_hours", objectID: row.id, by: user,
                                      before: before, after: hours.hundredths, about: contract.$buyer.id, on: db)
        }
    }

    /// The recorded paid hours of these placements that touch `period`, per placement, earliest first.
    static func recorded(for placementIDs: [UUID], overlapping period: Term, on db: any Database) async throws -> [UUID: [PaidHours]] {
        guard !placementIDs.isEmpty else { return [:] }
        var result: [UUID: [PaidHours]] = [:]
        for chunk in stride(from: 0, to: placementIDs.count, by: 500).map({ Array(placementIDs[$0..<min($0 + 500, placementIDs.count)]) }) {
            let rows = try await PaidHoursModel.query(on: db).filter(\.$placement.$id ~~ chunk)
                .filter(\.$periodStart <= period.end.iso).filter(\.$periodEnd >= period.start.iso).sort(\.$periodStart).all()
            for row in rows {
                guard let hours = row.paidHours else { continue }
                result[row.$placement.id, default: []].append(hours)
            }
        }
        return result
    }
}

extension PaidHoursModel {
    var paidHours: PaidHours? {
        guard let start = Day(iso: periodStart), let end = Day(iso: periodEnd), let period = Term(start: start, end: end) else { return nil }
        return PaidHours(period: period, hours: Hours(hundredths: hoursHundredths))
    }
}
