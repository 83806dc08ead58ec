import Fluent
import Foundation
import SROIDomain
import Vapor

/// The fulfilment and monitoring API under /api/v1/contracts/{id}/.
struct FulfilmentAPIController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        let c = routes.grouped("contracts", ":id")
        c.get("placements", use: placements)
        c.post("placements", use: createPlacement)
        c.get("placements", ":placementId", use: placement)
        c.patch("placements", ":placementId", use: updatePlacement)
        c.post("placements", ":placementId", "erase", use: erase)
        c.get("placements", ":placementId", "hours", use: hours)
        c.post("placements", ":placementId", "hours", use: recordHours)
        c.get("activities", use: activities)
        c.post("activities", use: createActivity)
        c.get("reports", use: reports)
        c.post("reports", use: createReport)
        c.get("reports", ":reportId", use: report)
        c.post("reports", ":reportId", "submit", use: submit)
        c.post("reports", ":reportId", "approve", use: approve)
        c.post("reports", ":reportId", "reject", use: reject)
        c.post("reports", ":reportId", "request-info", use: requestInfo)
        c.post("reports", ":reportId", "items", ":itemId", "answer", use: answerLine)
        c.get("progress", use: progress)
        c.get("evidence", use: evidenceList)
        c.on(.POST, "evidence", body: .collect(maxSize: "21mb"), use: uploadEvidence)
        c.get("evidence", ":evidenceId", use: downloadEvidence)
        c.on(.POST, "imports", "hours", body: .stream, use: importHours)
    }

    /// The contract, for a request about its persons one by one (placements, their hours).
    private func contractWithPersons(_ req: Request) async throws -> ContractModel {
        let c = try await req.contract()
        try FulfilmentAccess.requirePersons(try req.currentUser(), of: c)
        return c
    }

    private func placement(_ req: Request, of contract: ContractModel) async throws -> PlacementModel {
        guard let id = req.parameters.get("placementId", as: UUID.self),
              let p = try await PlacementModel.query(on: req.db).filter(\.$id == id).filter(\.$contract.$id == contract.requireID()).first()
        else { throw AppError.notFound }
        return p
    }

    // MARK: Placements

    func placements(req: Request) async throws -> [PlacementDTO] {
        let c = try await contractWithPersons(req)
        let placements = try await PlacementModel.query(on: req.db).filter(\.$contract.$id == c.requireID()).sort(\.$startDate).all()
        let today = req.platform.today()
        let doors = try await DurabilityService.revolvingDoors(among: placements, today: today, scope: .of(try req.currentUser()), on: req.db)
        let user = try req.currentUser()
        return placements.map { p in
            var dto = PlacementDTO(p, shownTo: user, of: c, cipher: req.platform.referenceCipher)
            dto.durable = p.span?.isDurable(on: today)
            dto.revolvingDoor = p.id.map(doors.contains)
            return dto
        }
    }

    func placement(req: Request) async throws -> PlacementDTO {
        let c = try await contractWithPersons(req)
        return PlacementDTO(try await placement(req, of: c), shownTo: try req.currentUser(), of: c, cipher: req.platform.referenceCipher)
    }

    func createPlacement(req: Request) async throws -> Response {
        let c = try await req.contract()
        let body = try req.content.decode(PlacementRequest.self)
        let p = try await PlacementService.create(body.draft, on: c, by: try req.currentUser(), platform: req.platform, on: req.db)
        return try await PlacementDTO(p, shownTo: try req.currentUser(), of: c, cipher: req.platform.referenceCipher)
            .encodeResponse(status: .created, for: req)
    }

    struct PlacementChange: Content {
        var targetGroup: String?
        var hoursPerWeek: Double?
        var start: String?
        var end: String?
        var employmentKind: String?
        var doelgroepregister: Bool?
        var bonuses: [String]?
        var evidence: String?
        var region: String?
        var outcome: String?
        var outcomeDate: String?
    }

    func updatePlacement(req: Request) async throws -> PlacementDTO {
        let c = try await req.contract()
        let p = try await placement(req, of: c)
        let change = try req.content.decode(PlacementChange.self)
        let draft = PlacementDraft(
            reference: nil, bsn: nil, block: p.blockRaw, targetGroup: change.targetGroup ?? p.targetGroupRaw,
            apprenticeshipLevel: p.apprenticeshipLevel,
            hoursPerWeek: change.hoursPerWeek.map { Hours(hundredths: PercentNumber.hundredths($0)) } ?? Hours(hundredths: p.hoursPerWeekHundredths),
            start: change.start ?? p.startDate, end: change.end ?? p.endDate, employmentKind: change.employmentKind ?? p.employmentKind,
            doelgroepregister: change.doelgroepregister ?? p.doelgroepregister, bonuses: change.bonuses ?? p.bonuses.map(\.rawValue),
            evidence: change.evidence ?? p.evidence, region: change.region ?? p.region, outcome: change.outcome ?? p.outcomeRaw,
            outcomeDate: change.outcomeDate ?? p.outcomeDate)
        try await PlacementService.update(p, with: draft, on: c, by: try req.currentUser(), on: req.db)
        return PlacementDTO(p, shownTo: try req.currentUser(), of: c, cipher: req.platform.referenceCipher)
    }

    struct EraseRequest: Content { var reason: String }

    func erase(req: Request) async throws -> ErasureService.Result {
        let p = try await placement(req, of: try await req.contract())
        let body = try req.content.decode(EraseRequest.self)
        return try await ErasureService.erase(candidateOf: p, reason: body.reason, by: try req.currentUser(), on: req.db)
    }

    func hours(req: Request) async throws -> [PaidHoursDTO] {
        let p = try await placement(req, of: try await contractWithPersons(req))
        return try await PaidHoursModel.query(on: req.db).filter(\.$placement.$id == p.requireID()).sort(\.$periodStart).all().map(PaidHoursDTO.init)
    }

    func recordHours(req: Request) async throws -> Response {
        let c = try await req.contract()
        let p = try await placement(req, of: c)
        let body = try req.content.decode(PaidHoursDTO.self)
        var errors: [FieldError] = []
        let start = Day(iso: body.periodStart)
        let end = Day(iso: body.periodEnd)
        if start == nil { errors.append(.init(field: "periodStart", message: "verwacht een datum als JJJJ-MM-DD")) }
        if end == nil { errors.append(.init(field: "periodEnd", message: "verwacht een datum als JJJJ-MM-DD")) }
        guard errors.isEmpty, let start, let end else { throw AppError.validation(errors) }
        try await PaidHoursService.record(Hours(hundredths: PercentNumber.hundredths(body.hours)), from: start, to: end,
                                               for: p, on: c, by: try req.currentUser(), on: req.db)
        return try await body.encodeResponse(status: .created, for: req)
    }

    // MARK: Activities

    func activities(req: Request) async throws -> [ActivityDTO] {
        let c = try await req.contract()
        let scheme = try await ObligationService.obligation(for: c, on: req.db)?.policy.valuation ?? .haaglanden2023
        return try await ActivityModel.query(on: req.db).filter(\.$contract.$id == c.requireID()).sort(\.$activityDate).all()
            .map { ActivityDTO($0, scheme: scheme) }
    }

    func createActivity(req: Request) async throws -> Response {
        let c = try await req.contract()
        let b = try req.content.decode(ActivityRequest.self)
        let a = try await ActivityService.create(.init(block: b.block, description: b.description, date: b.date,
                                                       amount: b.amountCents.map(Money.init(cents:)),
                                                       hours: b.hours.map { Hours(hundredths: PercentNumber.hundredths($0)) },
                                                       enterpriseName: b.enterpriseName, enterpriseKvK: b.enterpriseKvk,
                                                       enterpriseStatus: b.enterpriseStatus, evidence: b.evidence),
                                                 on: c, by: try req.currentUser(), on: req.db)
        let scheme = try await ObligationService.obligation(for: c, on: req.db)?.policy.valuation ?? .haaglanden2023
        return try await ActivityDTO(a, scheme: scheme).encodeResponse(status: .created, for: req)
    }

    // MARK: Reports

    func reports(req: Request) async throws -> [ReportDTO] {
        let c = try await req.contract()
        var result: [ReportDTO] = []
        for r in try await ReportModel.query(on: req.db).filter(\.$contract.$id == c.requireID()).sort(\.$periodStart).all() {
            result.append(try await ReportViews.dto(r, contract: c, for: try req.currentUser(), on: req.db))
        }
        return result
    }

    func report(req: Request) async throws -> ReportDTO {
        let c = try await req.contract()
        return try await ReportViews.dto(try await report(req, of: c), contract: c, for: try req.currentUser(), on: req.db)
    }

    private func report(_ req: Request, of contract: ContractModel) async throws -> ReportModel {
        guard let id = req.parameters.get("reportId", as: UUID.self),
              let r = try await ReportModel.query(on: req.db).filter(\.$id == id).filter(\.$contract.$id == contract.requireID()).first()
        else { throw AppError.notFound }
        return r
    }

    func createReport(req: Request) async throws -> Response {
        let c = try await req.contract()
        let body = try req.content.decode(CreateReportRequest.self)
        var errors: [FieldError] = []
        let start = Day(iso: body.periodStart), end = Day(iso: body.periodEnd)
        if start == nil { errors.append(.init(field: "periodStart", message: "verwacht een datum als JJJJ-MM-DD")) }
        if end == nil { errors.append(.init(field: "periodEnd", message: "verwacht een datum als JJJJ-MM-DD")) }
        guard errors.isEmpty, let start, let end else { throw AppError.validation(errors) }
        guard let period = Term(start: start, end: end) else {
            throw AppError.validation([.init(field: "periodEnd", message: "het einde van de periode ligt voor het begin")])
        }
        let r = try await ReportService.create(period: period, note: body.note, on: c, by: try req.currentUser(), on: req.db)
        return try await ReportViews.dto(r, contract: c, for: try req.currentUser(), on: req.db).encodeResponse(status: .created, for: req)
    }

    struct DecisionRequest: Content {
        var comment: String?
        /// The lines to decide; all pending lines when left out.
        var itemIds: [UUID]?
        var note: String?
    }

    func submit(req: Request) async throws -> ReportDTO {
        let c = try await req.contract()
        let r = try await report(req, of: c)
        let body = try? req.content.decode(DecisionRequest.self)
        try await ReportService.submit(r, note: body?.note, on: c, by: try req.currentUser(), on: req.db)
        return try await ReportViews.dto(r, contract: c, for: try req.currentUser(), on: req.db)
    }

    func approve(req: Request) async throws -> ReportDTO { try await decide(req, .approved) }
    func reject(req: Request) async throws -> ReportDTO { try await decide(req, .rejected) }

    private func decide(_ req: Request, _ decision: ReportService.Decision) async throws -> ReportDTO {
        let c = try await req.contract()
        let r = try await report(req, of: c)
        let body = try req.content.decode(DecisionRequest.self)
        try await ReportService.decide(decision, items: body.itemIds, comment: body.comment, report: r, on: c,
                                       by: try req.currentUser(), on: req.db)
        return try await ReportViews.dto(r, contract: c, for: try req.currentUser(), on: req.db)
    }

    struct AnswerRequest: Content { var text: String?; var evidenceId: UUID?; var reoffer: Bool? }

    /// The supplier answers a rejected line (or any line when more information is asked), and may offer it again.
    func answerLine(req: Request) async throws -> ReportDTO {
        let c = try await req.contract()
        let r = try await report(req, of: c)
        let body = try req.content.decode(AnswerRequest.self)
        _ = try await ReportLineThread.answer(.init(text: body.text, evidenceID: body.evidenceId, reoffer: body.reoffer ?? false),
                                              itemID: req.parameters.get("itemId", as: UUID.self), report: r, contract: c,
                                              by: try req.currentUser(), on: req.db)
        return try await ReportViews.dto(r, contract: c, for: try req.currentUser(), on: req.db)
    }

    func requestInfo(req: Request) async throws -> ReportDTO {
        let c = try await req.contract()
        let r = try await report(req, of: c)
        let body = try req.content.decode(ReviewRequest.self)
        try await ReportService.requestInformation(r, comment: body.comment, on: c, by: try req.currentUser(), on: req.db)
        return try await ReportViews.dto(r, contract: c, for: try req.currentUser(), on: req.db)
    }

    // MARK: Evidence

    struct EvidenceDTO: Content {
        var id: UUID
        var reportId: UUID?
        var filename: String
        var size: Int64
        var sha256: String
        var uploadedAt: Date?
        var deleted: Bool

        init(_ f: EvidenceFileModel) {
            id = f.id!
            reportId = f.reportID
            filename = f.filename
            size = f.size
            sha256 = f.sha256
            uploadedAt = f.uploadedAt
            deleted = f.deletedAt != nil
        }
    }

    struct EvidenceUpload: Content {
        var file: File
        var reportId: UUID?
    }

    func evidenceList(req: Request) async throws -> [EvidenceDTO] {
        let c = try await req.contract()
        try EvidenceService.requireReader(try req.currentUser(), for: c)
        return try await EvidenceFileModel.query(on: req.db).filter(\.$contract.$id == c.requireID()).sort(\.$uploadedAt).all().map(EvidenceDTO.init)
    }

    func uploadEvidence(req: Request) async throws -> Response {
        let c = try await req.contract()
        try FulfilmentAccess.requireReporter(try req.currentUser(), for: c)
        let upload = try req.content.decode(EvidenceUpload.self)
        let file = try await EvidenceService.store(upload.file.data, filename: upload.file.filename, reportID: upload.reportId, on: c,
                                                   by: try req.currentUser(), directory: req.platform.configuration.evidenceDirectory, on: req.db)
        return try await EvidenceDTO(file).encodeResponse(status: .created, for: req)
    }

    func downloadEvidence(req: Request) async throws -> Response {
        try await EvidenceService.download(req, contract: try await req.contract())
    }

    // MARK: Progress and import

    func progress(req: Request) async throws -> ProgressDTO {
        let user = try req.currentUser()
        // A buyer taking part in a joint tender reads its progress too.
        let c = try await JointTenderService.participatingContract(req.parameters.get("id", as: UUID.self), for: user, on: req.db)
        guard let report = try await ProgressService.report(for: c, today: req.platform.today(), scope: .of(user), on: req.db) else { throw AppError.notFound }
        var dto = ReportViews.progressDTO(report, contractID: try c.requireID(),
                                          counts: ContractPersonCounts(report, seesPersons: FulfilmentAccess.seesPersons(user, of: c)))
        let shares = try await JointTenderService.shares(of: c, progress: report.progress, on: req.db)
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

/// Turning reports and progress into what the API and pages show.
enum ReportViews {
    /// The report with its lines; the lines (one per person or activity) only for whoever sees the persons
    /// (`FulfilmentAccess.seesPersons`), the totals for everyone who may see the contract.
    static func dto(_ r: ReportModel, contract: ContractModel, for viewer: CurrentUser, on db: any Database) async throws -> ReportDTO {
        try await dto(r, contract: contract, withLines: FulfilmentAccess.seesPersons(viewer, of: contract), on: db)
    }

    static func dto(_ r: ReportModel, contract: ContractModel, withLines: Bool, on db: any Database) async throws -> ReportDTO {
        var items: [ReportItemDTO]
        if r.status == .draft, let period = r.period {
            items = try await ReportService.lines(for: contract, period: period, on: db).map(ReportItemDTO.init(preview:))
        } else {
            let models = try await ReportItemModel.query(on: db).filter(\.$report.$id == r.requireID()).all()
            let threads = withLines ? try await ReportLineThread.threads(of: models.compactMap(\.id), on: db) : [:]
            items = models.map { m in
                var dto = ReportItemDTO(m)
                dto.thread = (threads[m.id!] ?? []).map { ReportItemMessageDTO($0, supplierID: contract.$supplier.id) }
                return dto
            }
            items.sort { $0.explanation < $1.explanation }
        }
        var dto = ReportDTO(id: try r.requireID(), contractId: r.$contract.id, periodStart: r.periodStart, periodEnd: r.periodEnd,
                         status: r.statusRaw, supplierNote: r.supplierNote, reviewComment: r.reviewComment, submittedAt: r.submittedAt,
                         reviewedAt: r.reviewedAt, items: withLines ? items : [],
                         totalCents: items.reduce(0) { $0 + $1.valueCents },
                         approvedCents: items.filter { $0.decision == LineDecision.approved.rawValue }.reduce(0) { $0 + $1.valueCents })
        if withLines, r.status != .draft { dto.changes = try await ReportSubmissions.changes(of: r.requireID(), on: db).map(SubmissionChangesDTO.init) }
        return dto
    }

    static func progressDTO(_ r: ContractProgressReport, contractID: UUID, counts c: ContractPersonCounts) -> ProgressDTO {
        let p = r.progress
        // Hidden counts are null, with "< 5" or "afgeschermd" in `display`.
        func count(_ key: String, _ label: String, _ n: PersonCount) -> ProgressDTO.Count {
            .init(key: key, label: label, count: n.value, display: n.display)
        }
        let percent = ContractPersonCounts.percent
        let d = r.durability
        let durability: [ProgressDTO.Count] = d == nil ? [] : [
            count("placements", "plaatsingen", c.placements), count("judged", "beoordeeld op duurzaamheid", c.judged),
            count("durable", "duurzaam", c.durable), count("eligible6", "gestart ten minste 6 maanden geleden", c.eligible6),
            count("retained6", "na 6 maanden nog aan het werk", c.retained6),
            count("eligible12", "gestart ten minste 12 maanden geleden", c.eligible12),
            count("retained12", "na 12 maanden nog aan het werk", c.retained12),
            count("revolvingDoors", "draaideur", c.revolvingDoors),
        ]
        return ProgressDTO(
            contractId: contractID, obligationCents: p.obligation.cents, realisedCents: p.realised.cents, pendingCents: p.pending.cents,
            expectedCents: p.expected.cents, forecastCents: p.forecast?.cents, status: p.status.rawValue, statusLabel: p.status.dutchLabel,
            shareOfExpectedPercent: p.shareOfExpected.map(PercentNumber.number), banenafspraakJobs: Double(r.jobsThousandths) / 1000,
            peopleByTargetGroup: c.byTargetGroup.map { count($0.0.rawValue, $0.0.dutchLabel, $0.1) },
            peopleByBuildingBlock: c.byBlock.map { count($0.0.rawValue, $0.0.dutchLabel, $0.1) },
            explanation: p.explanation, realisedOutOfRegionCents: r.realisedOutOfRegion.cents,
            realisedInRegionCents: p.realised.cents - r.realisedOutOfRegion.cents, durability: durability,
            durablePercent: percent(c.durable, c.judged), retention6Percent: percent(c.retained6, c.eligible6),
            retention12Percent: percent(c.retained12, c.eligible12), bookedTo: nil)
    }
}

extension HoursImportService.Summary: Content {}

extension ErasureService.Result: Content {}
