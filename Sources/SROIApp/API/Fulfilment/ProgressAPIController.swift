import Fluent
import Foundation
import SROIDomain
import Vapor

/// A contract's progress, and the payroll file of paid hours (read as it arrives).
struct ProgressAPIController: Sendable {
    func register(_ c: any RoutesBuilder) {
        c.get("progress", use: progress)
        c.on(.POST, "imports", "hours", body: .stream, use: importHours)
    }

    /// Kept while nothing changes (`AnswerCache`).
    func progress(req: Request) async throws -> Response {
        try await req.keptAnswer { try await computeProgress(req: req) }
    }

    private func computeProgress(req: Request) async throws -> ProgressDTO {
        let user = try req.currentUser()
        // A buyer taking part in a joint tender reads its progress too.
        let (c, context) = try await JointTenderService.participatingContractToRead(req.parameters.get("id", as: UUID.self), for: user, on: req.db)
        guard let report = try await ProgressService.report(for: c, context: context, today: req.platform.today(), scope: .of(user), on: req.db)
        else { throw AppError.notFound }
        var dto = ReportViews.progressDTO(report, contractID: try c.requireID(),
                                          counts: ContractPersonCounts(report, seesPersons: FulfilmentAccess.seesPersons(user, of: c)))
        let shares = try await JointTenderService.shares(of: c, progress: report.progress, context: context, on: req.db)
        if !shares.isEmpty {
            dto.bookedTo = shares.map { .init(organisationId: $0.organisationID, organisationName: $0.organisationName, valueCents: $0.value.cents,
                                              obligationCents: $0.obligation.cents, realisedCents: $0.realised.cents, pendingCents: $0.pending.cents) }
        }
        return dto
    }

    func importHours(req: Request) async throws -> HoursImportService.Summary {
        let c = try await req.contract()
        try FulfilmentAccess.requireReporter(try req.currentUser(), for: c)
        let length = req.headers.first(name: .contentLength).flatMap(Int.init)
        if length == 0 || (length == nil && !req.headers.contains(name: .transferEncoding)) {
            throw AppError.badRequest(field: "file", message: "stuur het CSV-bestand als body (Content-Type: text/csv)")
        }
        // Read as it arrives: a payroll file of a million rows is never in memory whole.
        return try await HoursImportService.importFile(req.body, into: c, by: try req.currentUser(), platform: req.platform, on: req.db)
    }
}
