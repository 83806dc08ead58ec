import Fluent
import Foundation
import SROIDomain
import SROIMail

/// The notifications of the monitoring cycle, one function per event, called inside the event's transaction.
enum EventNotifications {
    static func periodText(_ r: ReportModel) -> String {
        r.period.map { "\($0.start.dutch) – \($0.end.dutch)" } ?? r.periodStart
    }

    static func reportSubmitted(_ r: ReportModel, contract: ContractModel, by user: CurrentUser, on db: any Database) async throws {
        try await aboutReport(r, contract: contract, kind: .reportSubmitted, title: "Rapportage ingediend: \(contract.title)",
                              body: "\(user.organisationName) heeft de rapportage over \(periodText(r)) ingediend voor \(contract.title). Beoordeel de regels: keur ze goed, keur ze af met een toelichting, of vraag om meer informatie.",
                              to: try await Notifications.buyerReviewers(of: contract, on: db), on: db)
    }

    static func reportDecided(_ r: ReportModel, contract: ContractModel, on db: any Database) async throws {
        try await aboutReport(r, contract: contract, kind: .reportDecided, title: "Rapportage beoordeeld: \(contract.title)",
                              body: "De rapportage over \(periodText(r)) voor \(contract.title) is beoordeeld: \(r.status.dutchLabel). Bekijk per regel het besluit en de toelichting.",
                              to: try await Notifications.supplierReporters(of: contract, on: db), on: db)
    }

    static func informationRequested(_ r: ReportModel, contract: ContractModel, on db: any Database) async throws {
        try await aboutReport(r, contract: contract, kind: .reportDecided, title: "Vraag om meer informatie: \(contract.title)",
                              body: "De opdrachtgever vraagt meer informatie over de rapportage over \(periodText(r)) voor \(contract.title). Lees de vraag, vul aan en dien de rapportage opnieuw in.",
                              to: try await Notifications.supplierReporters(of: contract, on: db), on: db)
    }

    /// A notification that links to the report's page.
    private static func aboutReport(_ r: ReportModel, contract: ContractModel, kind: NotificationKind, title: String, body: String,
                                    to recipients: [UserModel], on db: any Database) async throws {
        try await Notifications.send(.init(kind: kind, title: title, body: body,
                                           link: PagePath.report(try contract.requireID(), try r.requireID())), to: recipients, on: db)
    }

    static func transferProposed(target: ContractModel, by user: CurrentUser, on db: any Database) async throws {
        try await Notifications.send(.init(
            kind: .transferProposed, title: "Voorstel tot overdracht: \(target.title)",
            body: "\(user.organisationName) stelt voor een deel van zijn social return toe te rekenen aan \(target.title). Accepteer of wijs af (met een reden).",
            link: "/bundeling"),
            to: try await Notifications.coordinators(of: target.$buyer.id, on: db), on: db)
    }

    static func transferDecided(target: ContractModel, home: ContractModel, accepted: Bool, on db: any Database) async throws {
        try await Notifications.send(.init(
            kind: .transferDecided, title: "Overdracht \(accepted ? "geaccepteerd" : "afgewezen"): \(target.title)",
            body: "Het voorstel om waarde toe te rekenen aan \(target.title) is \(accepted ? "geaccepteerd" : "afgewezen"). Bekijk de SR-rekening voor de stand.",
            link: "/bundeling"),
            to: try await Notifications.supplierReporters(of: home, on: db), on: db)
    }

    /// A planned series of meetings: both partners hear of it, with an agenda invitation of the first meeting.
    static func meetingsPlanned(_ meetings: [MeetingModel], contract: ContractModel, on db: any Database) async throws {
        guard let first = meetings.first, let day = Day(iso: first.plannedOn) else { return }
        let ics = Calendar.ics(uid: "\(try first.requireID().uuidString.lowercased())@sroi", day: day,
                               summary: "Gesprek social return: \(contract.title)",
                               description: "Agenda:\n" + first.agenda)
        let recipients = try await Notifications.coordinators(of: contract.$buyer.id, on: db)
            + (try await Notifications.supplierReporters(of: contract, on: db))
        try await Notifications.send(.init(
            kind: .meetingPlanned, title: "Gesprek gepland: \(contract.title) op \(day.dutch)",
            body: "Er \(meetings.count == 1 ? "is een gesprek" : "zijn \(meetings.count) gesprekken") over social return voor \(contract.title) gepland; het eerste op \(day.dutch). De agenda-uitnodiging zit in de bijlage.",
            link: PagePath.contract(try contract.requireID()) + "#gesprekken",
            attachment: MailAttachment(filename: "gesprek.ics", contentType: "text/calendar; method=REQUEST; charset=utf-8", data: Array(ics.utf8))),
            to: recipients, on: db)
    }

    static func statusChangeProposed(enterprise: SocialEnterpriseModel, by user: CurrentUser, on db: any Database) async throws {
        let deciders: [UserModel]
        if let owner = enterprise.ownerOrganisationID {
            deciders = try await Notifications.coordinators(of: owner, on: db)
        } else {
            deciders = try await UserModel.query(on: db).filter(\.$roleRaw == Role.administrator.rawValue).filter(\.$active == true).all()
        }
        try await Notifications.send(.init(
            kind: .statusChangeProposed, title: "Statuswijziging voorgesteld: \(enterprise.name)",
            body: "\(user.organisationName) stelt een nieuwe status voor van \(enterprise.name) in het register. Keur goed of wijs af.",
            link: "/sociale-ondernemingen"), to: deciders, on: db)
    }

    /// A job service proposed a candidate: the supplier's reporters hear of it. No candidate's data in the message.
    static func candidateProposed(_ vacancy: VacancyModel, by user: CurrentUser, on db: any Database) async throws {
        let contract = try await vacancy.$contract.get(on: db)
        try await Notifications.send(.init(
            kind: .candidateProposed, title: "Kandidaat voorgedragen: \(vacancy.title)",
            body: "\(user.organisationName) draagt een kandidaat voor op uw vacature \(vacancy.title). Bekijk de voordracht en plan een gesprek.",
            link: "/vacatures/\(try vacancy.requireID())"), to: try await Notifications.supplierReporters(of: contract, on: db), on: db)
    }

    /// The supplier planned an interview, accepted or declined: the proposing job service's people hear of it.
    static func proposalDecided(_ proposal: ProposalModel, vacancy: VacancyModel, what: String, on db: any Database) async throws {
        let people = try await UserModel.query(on: db).filter(\.$organisation.$id == proposal.$jobService.id).filter(\.$active == true).all()
        try await Notifications.send(.init(
            kind: .proposalDecided, title: "Voordracht \(what): \(vacancy.title)",
            body: "De opdrachtnemer heeft uw voordracht op de vacature \(vacancy.title) \(what). Bekijk de vacature voor de details.",
            link: "/vacatures/\(try vacancy.requireID())"), to: people, on: db)
    }

    /// An all-day calendar event (RFC 5545) for a meeting date.
    enum Calendar {
        static func ics(uid: String, day: Day, summary: String, description: String) -> String {
            func escape(_ s: String) -> String {
                s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
                    .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\n", with: "\\n")
            }
            let date = day.iso.replacingOccurrences(of: "-", with: "")
            let next = day.adding(days: 1).iso.replacingOccurrences(of: "-", with: "")
            let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
            return ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//sroi//NL", "METHOD:REQUEST", "BEGIN:VEVENT", "UID:\(uid)",
                    "DTSTAMP:\(stamp)", "DTSTART;VALUE=DATE:\(date)", "DTEND;VALUE=DATE:\(next)", "SUMMARY:\(escape(summary))",
                    "DESCRIPTION:\(escape(description))", "END:VEVENT", "END:VCALENDAR"].joined(separator: "\r\n") + "\r\n"
        }
    }
}
