import Fluent
import Foundation
import SROIDomain
import Vapor

/// The fulfilment part of a contract page: progress, placements, activities, reports and what is due.
struct FulfilmentOverview: Encodable {
    typealias Card = FigureCard
    struct Count: Encodable { var label: String; var display: String; var glossary: String? = nil }
    struct PlacementRow: Encodable {
        var href: String; var candidate: String; var block: String; var targetGroup: String; var hours: String
        var period: String; var bonuses: String; var register: Bool; var revolvingDoor: Bool
        /// The supplier's own reference, for that supplier only.
        var reference: String?
        /// "vastgesteld door WSP Haaglanden": the target group established by a job service.
        var verifiedBy: String? = nil
    }
    struct ShareRow: Encodable { var organisation: String; var value: String; var obligation: String; var realised: String; var pending: String }
    struct ActivityRow: Encodable { var date: String; var block: String; var description: String; var value: String; var explanation: String }
    struct ReportRow: Encodable {
        var href: String; var period: String; var status: String; var statusKey: String; var total: String; var approved: String
    }
    struct PeriodOption: Encodable { var value: String; var label: String; var overdue: Bool }

    var status: String
    var statusKey: String
    var cards: [Card]
    var explanation: [String]
    var byTargetGroup: [Count]
    var byBlock: [Count]
    var placements: [PlacementRow]
    var activities: [ActivityRow]
    var reports: [ReportRow]
    var duePeriods: [PeriodOption]
    var overdueCount: Int
    var canRecord: Bool
    var frequency: String
    /// Durability of the placements (counts protected for whoever does not see the persons).
    var durability: [Count]
    /// Sees the placements one by one (see `FulfilmentAccess.seesPersons`); otherwise only totals.
    var seesPersons: Bool
    /// A joint tender: each buyer's part, booked pro rata.
    var shares: [ShareRow]
    /// For a call-off: where the reporting happens.
    var frameworkHref: String?
    /// An obligation in jobs, placements or effort: what was agreed, and its milestones.
    var target: TargetView? = nil

    struct TargetView: Encodable {
        struct MilestoneRow: Encodable { var index: Int; var title: String; var due: String; var met: String?; var overdue: Bool }
        var description: String
        var milestones: [MilestoneRow]
        /// The buyer's reviewers mark milestones as met.
        var canMark: Bool
    }

    static func make(for contract: ContractModel, user: CurrentUser, today: Day, cipher: ReferenceCipher,
                     on db: any Database) async throws -> FulfilmentOverview? {
        guard contract.status.isAwarded, let term = contract.term,
              let report = try await ProgressService.report(for: contract, today: today, scope: .of(user), on: db),
              let obligation = try await ObligationService.obligation(for: contract, on: db) else { return nil }
        let contractID = try contract.requireID()
        let p = report.progress
        let seesPersons = FulfilmentAccess.seesPersons(user, of: contract)
        let counts = ContractPersonCounts(report, seesPersons: seesPersons)
        var cards: [Card]
        if let t = report.target {
            // The obligation is in jobs, placements or effort: its figures in that unit, no euros owed.
            cards = [Card(label: "Afgesproken (\(t.unit))", value: TargetProgress.dutch(t.targetThousandths)),
                     Card(label: t.unit == "banen" ? "Gemiddeld bezet sinds de start" : "Gerealiseerd (goedgekeurd)", value: TargetProgress.dutch(t.realisedThousandths)),
                     Card(label: FigureWords.expected(on: today), value: TargetProgress.dutch(t.expectedThousandths))]
            if t.pendingThousandths > 0 { cards.append(Card(label: FigureWords.pending, value: TargetProgress.dutch(t.pendingThousandths))) }
            cards.append(Card(label: "Waarde van de inzet (bouwblokken, goedgekeurd)", value: p.realised.description))
        } else if p.status == .noObligation {
            // Nothing is owed: no expectation or forecast; what is recorded may be credited elsewhere (SR-rekening).
            cards = [Card(label: FigureWords.obligation, value: "geen"),
                     Card(label: FigureWords.recordedWithoutObligation, value: p.realised.description)]
        } else {
            cards = [
                Card(label: FigureWords.obligation, value: p.obligation.description),
                Card(label: FigureWords.realised, value: p.realised.description),
                Card(label: FigureWords.pending, value: p.pending.description),
                Card(label: FigureWords.expected(on: today), value: p.expected.description),
            ]
            if let f = p.forecast { cards.append(Card(label: FigureWords.forecast, value: f.description)) }
        }
        cards.append(Card(label: "Banenafspraakbanen (25,5 uur per week)", value: BanenafspraakJobs.dutch(report.jobsThousandths), glossary: "banenafspraak"))
        if report.realisedOutOfRegion.cents > 0 {
            cards.append(Card(label: "Waarvan buiten de arbeidsmarktregio", value: report.realisedOutOfRegion.description))
        }
        var durability: [Count] = []
        if let d = report.durability, d.placements > 0 {
            durability = [
                Count(label: "Duurzaam (van de beoordeelde plaatsingen)", display: FigureWords.part(counts.durable, of: counts.judged), glossary: "duurzaam"),
                Count(label: "Na 6 maanden nog aan het werk", display: FigureWords.part(counts.retained6, of: counts.eligible6)),
                Count(label: "Na 12 maanden nog aan het werk", display: FigureWords.part(counts.retained12, of: counts.eligible12)),
                Count(label: "Draaideuren", display: counts.revolvingDoors.display, glossary: "draaideur"),
            ]
        }
        let shares = try await JointTenderService.shares(of: contract, progress: p, on: db).map {
            ShareRow(organisation: $0.organisationName, value: $0.value.description, obligation: $0.obligation.description,
                     realised: $0.realised.description, pending: $0.pending.description)
        }

        let placements = seesPersons ? try await PlacementModel.query(on: db).filter(\.$contract.$id == contractID).sort(\.$startDate).all() : []
        let doors = try await DurabilityService.revolvingDoors(among: placements, today: today, scope: .of(user), on: db)
        let activities = try await ActivityModel.query(on: db).filter(\.$contract.$id == contractID).sort(\.$activityDate).all()
        let reports = try await ReportModel.query(on: db).filter(\.$contract.$id == contractID).sort(\.$periodStart).all()
        var totals: [UUID: (Int64, Int64)] = [:]
        for item in try await ReportItemModel.query(on: db).filter(\.$contractID == contractID).all() {
            let t = totals[item.$report.id] ?? (0, 0)
            totals[item.$report.id] = (t.0 + item.valueCents, t.1 + (item.decision == .approved ? item.valueCents : 0))
        }
        let reported = reports.compactMap(\.period)
        let frequency = obligation.reportingFrequency
        let due = frequency.periods(of: term).filter { period in
            period.start <= today && !reported.contains { $0.start <= period.end && period.start <= $0.end }
        }
        let scheme = obligation.policy.valuation
        let verifiers = Set(placements.compactMap(\.verifiedBy))
        let verifierNames = verifiers.isEmpty ? [:] : Dictionary(try await OrganisationModel.query(on: db).filter(\.$id ~~ Array(verifiers)).all()
            .map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        var targetView: TargetView?
        if let target = obligation.effective.target {
            var rows: [TargetView.MilestoneRow] = []
            if case .effort(let milestones) = target {
                rows = milestones.enumerated().map { i, m in
                    .init(index: i, title: m.title, due: m.due.dutch, met: m.metOn?.dutch, overdue: m.metOn == nil && m.due < today)
                }
            }
            targetView = TargetView(description: obligation.effective.targetDescription ?? "", milestones: rows,
                                    canMark: (try? FulfilmentAccess.requireReviewer(user, for: contract)) != nil)
        }
        return FulfilmentOverview(
            status: p.status.dutchLabel, statusKey: p.status.rawValue, cards: cards, explanation: p.explanation,
            byTargetGroup: counts.byTargetGroup.map { Count(label: scheme.label(of: $0.0), display: $0.1.display) },
            byBlock: counts.byBlock.map { Count(label: scheme.label(of: $0.0), display: $0.1.display) },
            placements: placements.map { pl in
                PlacementRow(href: PagePath.placement(contractID, pl.id!), candidate: Pseudonymizer.display(pl.candidate),
                             block: scheme.label(of: pl.block), targetGroup: scheme.label(of: pl.targetGroup),
                             hours: Hours(hundredths: pl.hoursPerWeekHundredths).description,
                             period: (Day(iso: pl.startDate)?.dutch ?? pl.startDate) + " – " + (pl.endDate.flatMap(Day.init(iso:))?.dutch ?? "doorlopend"),
                             bonuses: pl.bonuses.map(\.dutchLabel).sorted().joined(separator: ", "), register: pl.doelgroepregister,
                             revolvingDoor: doors.contains(pl.id!), reference: pl.reference(for: user, contract: contract, cipher: cipher),
                             verifiedBy: pl.verifiedBy.flatMap { verifierNames[$0] })
            },
            activities: activities.map { a in
                let v = ActivityValuation.value(a.facts, scheme: scheme)
                return ActivityRow(date: Day(iso: a.activityDate)?.dutch ?? a.activityDate, block: scheme.label(of: a.block), description: a.summary,
                                   value: v.value.description, explanation: v.explanation.joined(separator: " "))
            },
            reports: reports.map { r in
                let t = totals[r.id!] ?? (0, 0)
                return ReportRow(href: PagePath.report(contractID, r.id!),
                                 period: (r.period.map { "\($0.start.dutch) – \($0.end.dutch)" }) ?? "",
                                 status: r.status.dutchLabel, statusKey: r.statusRaw,
                                 total: r.status == .draft ? "concept" : Money(cents: t.0).description, approved: Money(cents: t.1).description)
            },
            duePeriods: due.map { PeriodOption(value: "\($0.start.iso)/\($0.end.iso)", label: "\($0.start.dutch) – \($0.end.dutch)" + (ReportCalendar.isOverdue($0, dueDays: obligation.policy.reportDueDays, today: today) ? " (te laat)" : ""),
                                               overdue: ReportCalendar.isOverdue($0, dueDays: obligation.policy.reportDueDays, today: today)) },
            overdueCount: due.filter { ReportCalendar.isOverdue($0, dueDays: obligation.policy.reportDueDays, today: today) }.count,
            canRecord: (try? FulfilmentAccess.requireReporter(user, for: contract)) != nil,
            frequency: frequency.dutchLabel, durability: durability, seesPersons: seesPersons, shares: shares,
            frameworkHref: contract.frameworkID.map { PagePath.contract($0) }, target: targetView)
    }
}
