import Fluent
import Foundation

/// An e-mail in the outbox: pending, sending (claimed by one sender), sent, or failed for good.
final class OutboxMessageModel: Model, @unchecked Sendable {
    static let schema = "outbox_messages"

    @ID(key: .id) var id: UUID?
    @Field(key: "recipient") var recipient: String
    @OptionalField(key: "recipient_name") var recipientName: String?
    @Field(key: "subject") var subject: String
    @Field(key: "text_body") var textBody: String
    @OptionalField(key: "html_body") var htmlBody: String?
    @OptionalField(key: "attachment_name") var attachmentName: String?
    @OptionalField(key: "attachment_type") var attachmentType: String?
    @OptionalField(key: "attachment_base64") var attachmentBase64: String?
    @Field(key: "kind") var kind: String
    @OptionalField(key: "dedupe_key") var dedupeKey: String?
    @Field(key: "status") var status: String
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "claimed_by") var claimedBy: String?
    @OptionalField(key: "claimed_at") var claimedAt: Date?
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "last_error") var lastError: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// Something for a user to see: a report submitted, a decision, a reminder.
final class NotificationModel: Model, @unchecked Sendable {
    static let schema = "notifications"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @Field(key: "link") var link: String
    @OptionalField(key: "dedupe_key") var dedupeKey: String?
    @OptionalField(key: "read_at") var readAt: Date?
    /// Waits for the user's daily digest.
    @Field(key: "digest_pending") var digestPending: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// How a user wants one kind of notification by e-mail.
final class NotificationPreferenceModel: Model, @unchecked Sendable {
    static let schema = "notification_preferences"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "kind") var kind: String
    @Field(key: "mode") var mode: String

    init() {}
}

extension OutboxMessageModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $recipient, $recipientName, $subject, $textBody, $htmlBody, $attachmentName, $attachmentType,
            $attachmentBase64, $kind, $dedupeKey, $status, $attempts, $nextAttemptAt, $claimedBy, $claimedAt, $sentAt,
            $lastError, $createdAt
        ]
    }
}

extension NotificationModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $user, $kind, $title, $body, $link, $dedupeKey, $readAt, $digestPending, $createdAt
        ]
    }
}

extension NotificationPreferenceModel {
    /// Listed rather than found by reflection on every query and row (see `ModelProperties`).
    var properties: [any AnyProperty] {
        [
            $id, $user, $kind, $mode
        ]
    }
}
