import Fluent
import Foundation
import SROIDomain

/// The loop on a report line: the reviewer rejects with a comment; the supplier answers (text, optionally an
/// evidence file of the contract) and may offer the line again; the line then waits for a decision again and the
/// report is back with the reviewer. Every step is kept on the line, in the audit log, and told to the other side.
enum ReportLineThread {
    enum Kind: String, Sendable { case answer, reoffer, approved, rejected }

    struct Answer: Sendable {
        var text: String?
        var evidenceID: UUID?
        var reoffer: Bool
    }

    static func answer(_ a: Answer, itemID: UUID?, report: ReportModel, contract: ContractModel, by user: CurrentUser,
                       on db: any Database) async throws -> ReportItemModel {
        try FulfilmentAccess.requireReporter(user, for: contract)
        guard let itemID, let item = try await ReportItemModel.query(on: db).filter(\.$id == itemID)
            .filter(\.$report.$id == report.requireID()).first() else { throw AppError.notFound }
        let open = item.decision == .rejected || report.status == .infoRequested
        guard open else {
            throw AppError.conflict(field: "item", message: "op deze regel valt niets te beantwoorden: hij is \(item.decision == .approved ? "goedgekeurd" : "nog niet beoordeeld")")
        }
        let text = a.text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var errors: [FieldError] = []
        if text.isEmpty { errors.append(.init(field: "text", message: "schrijf uw antwoord aan de beoordelaar")) }
        if text.count > 2000 { errors.append(.init(field: "text", message: "hoogstens 2000 tekens")) }
        if a.reoffer && item.decision != .rejected {
            errors.append(.init(field: "reoffer", message: "alleen een afgekeurde regel kan opnieuw worden aangeboden"))
        }
        if let e = a.evidenceID, try await EvidenceFileModel.query(on: db).filter(\.$id == e).filter(\.$contract.$id == contract.requireID())
            .filter(\.$deletedAt == nil).first() == nil {
            errors.append(.init(field: "evidenceId", message: "onbekend bewijsstuk van dit contract"))
        }
        guard errors.isEmpty else { throw AppError.validation(errors) }
        try await db.writeTransaction { db in
            try await record(a.reoffer ? .reoffer : .answer, text: text, evidenceID: a.evidenceID, on: item, by: user, on: db)
            if a.reoffer {
                item.decision = .pending
                item.comment = nil
                item.decidedBy = nil
                item.decidedAt = nil
                try await item.update(on: db)
                if report.status != .submitted && report.status != .infoRequested {
                    report.statusRaw = ReportStatus.submitted.rawValue
                    report.submittedAt = Date()
                    report.submittedBy = user.userID
                    try await report.update(on: db)
                }
            }
            try await AuditLog.record(a.reoffer ? .update : .create, objectType: "report_item", objectID: item.id, by: user,
                                      before: a.reoffer ? ["decision": LineDecision.rejected.rawValue] : nil,
                                      after: ["answer": text, "decision": item.decision.rawValue], about: contract.$buyer.id, on: db)
            try await Notifications.send(.init(
                kind: .reportSubmitted,
                title: a.reoffer ? "Regel opnieuw aangeboden: \(contract.title)" : "Antwoord op een regel: \(contract.title)",
                body: "\(user.organisationName) heeft geantwoord op een regel van de rapportage over \(EventNotifications.periodText(report))"
                    + (a.reoffer ? " en biedt hem opnieuw aan. Beoordeel hem opnieuw." : "."),
                link: PagePath.report(try contract.requireID(), try report.requireID())),
                to: try await Notifications.buyerReviewers(of: contract, on: db), on: db)
        }
        return item
    }

    /// Keeps a step on the line (also called for each decision).
    static func record(_ kind: Kind, text: String, evidenceID: UUID? = nil, on item: ReportItemModel, by user: CurrentUser,
                       on db: any Database) async throws {
        let m = ReportItemMessageModel()
        m.$item.id = try item.requireID()
        m.authorUserID = user.userID
        m.authorOrganisationID = user.organisationID
        m.kind = kind.rawValue
        m.text = text
        m.evidenceID = evidenceID
        try await m.create(on: db)
    }

    /// The steps of these lines, oldest first, by line.
    static func threads(of itemIDs: [UUID], on db: any Database) async throws -> [UUID: [ReportItemMessageModel]] {
        guard !itemIDs.isEmpty else { return [:] }
        let all = try await ReportItemMessageModel.query(on: db).filter(\.$item.$id ~~ itemIDs).sort(\.$createdAt).all()
        return Dictionary(grouping: all, by: { $0.$item.id })
    }
}
