import Foundation
import SROIDomain
import Vapor

struct PortfolioDTO: Content {
    struct Entry: Content {
        var contractId: String
        var title: String
        var valueCents: Int64
        var annualValueCents: Int64
        var start: String
        var end: String
        var score: Int
        var reasons: [String]
    }
    struct Tender: Content {
        var contractId: String
        var title: String
        var publicationDate: String?
        var urgency: String
        var note: String
    }

    var today: String
    var contracts: [Entry]
    var top: [Entry]
    var tenders: [Tender]

    init(_ p: Portfolio) {
        today = p.today.iso
        let entries = p.entries.map {
            Entry(contractId: $0.contract.id, title: $0.contract.title, valueCents: $0.contract.value.cents,
                  annualValueCents: $0.annualValue.cents, start: $0.contract.term.start.iso, end: $0.contract.term.end.iso,
                  score: $0.score, reasons: $0.reasons)
        }
        contracts = entries
        top = Array(entries.prefix(3))
        tenders = p.tenders.map {
            Tender(contractId: $0.tender.id, title: $0.tender.title, publicationDate: $0.tender.publication?.iso,
                   urgency: $0.urgency.rawValue, note: $0.note)
        }
    }
}

struct MeDTO: Content {
    var id: UUID
    var name: String
    var email: String
    var role: String
    var organisation: Organisation

    struct Organisation: Content {
        var id: UUID
        var name: String
        var kind: String
    }

    init(_ u: CurrentUser) {
        id = u.userID
        name = u.name
        email = u.email
        role = u.role.rawValue
        organisation = .init(id: u.organisationID, name: u.organisationName, kind: u.organisationKind.rawValue)
    }
}
