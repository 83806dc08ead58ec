import Foundation
import SROIDomain
import Vapor

struct InvitationDTO: Content {
    var id: UUID
    var email: String
    var role: String
    var organisationId: UUID
    var expiresAt: Date
    /// open, accepted, replaced or expired.
    var status: String

    init(_ i: InvitationModel, now: Date = Date()) throws {
        id = try i.requireID()
        email = i.email
        role = i.roleRaw
        organisationId = i.$organisation.id
        expiresAt = i.expiresAt
        status = i.acceptedAt != nil ? "accepted" : i.replacedAt != nil ? "replaced" : i.expiresAt <= now ? "expired" : "open"
    }
}

struct InvitationRequest: Content {
    var email: String?
    var role: String?
    var organisationId: UUID?
}

struct AcceptInvitationRequest: Content {
    var token: String
    var name: String?
    var password: String?
}

struct SupplierInvitationRequest: Content {
    var email: String?
    var supplierName: String?
    var kvk: String?
}

struct PasswordResetRequest: Content { var email: String }
struct PasswordResetConfirmation: Content { var token: String; var password: String? }
struct MessageDTO: Content { var message: String }

struct UserDTO: Content {
    var id: UUID
    var name: String
    var email: String
    var role: String
    var organisationId: UUID
    var active: Bool

    init(_ u: UserModel) throws {
        id = try u.requireID()
        name = u.name
        email = u.email
        role = u.roleRaw
        organisationId = u.$organisation.id
        active = u.active
    }
}

struct UserChangeRequest: Content {
    var role: String?
    var active: Bool?
}

struct NotificationDTO: Content {
    var id: UUID
    var kind: String
    var title: String
    var body: String
    var link: String
    var read: Bool
    var createdAt: Date?

    init(_ n: NotificationModel) throws {
        id = try n.requireID()
        kind = n.kind
        title = n.title
        body = n.body
        link = n.link
        read = n.readAt != nil
        createdAt = n.createdAt
    }
}

struct NotificationListDTO: Content {
    var unread: Int
    var items: [NotificationDTO]
}

struct NotificationPreferenceDTO: Content {
    var kind: String
    var label: String
    /// immediately, daily_digest or off.
    var mode: String
}

struct ReportCalendarEntryDTO: Content {
    var periodStart: String
    var periodEnd: String
    var dueDate: String
    /// running, due or overdue.
    var state: String
}
