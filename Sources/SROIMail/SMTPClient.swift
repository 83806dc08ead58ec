import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// A reply of an SMTP server: its code and its lines.
public struct SMTPReply: Sendable, Equatable {
    public var code: Int
    public var lines: [String]
    public var text: String { lines.joined(separator: " ") }
}

/// Why a delivery failed, and whether trying again later may help (4xx and lost connections) or not (5xx).
public struct SMTPError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The server answered 4xx, or the connection failed or was lost: worth trying again later.
        case transient
        /// The server answered 5xx: the same message will be refused again.
        case permanent
    }

    public var kind: Kind
    public var stage: String
    public var detail: String

    public var description: String { "\(stage): \(detail)" }
}

/// A small SMTP client (RFC 5321) on SwiftNIO: EHLO, STARTTLS or implicit TLS (swift-nio-ssl), AUTH PLAIN or LOGIN,
/// MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT. One connection per message. What it does not do: pipelining,
/// 8BITMIME or SMTPUTF8 (messages are 7-bit: headers encoded, bodies base64), DSN, XOAUTH2, connection reuse.
public enum SMTPClient {
    /// Delivers one message; returns the server's answer to the end of DATA (the relay has accepted it then).
    @discardableResult
    public static func send(_ message: MailMessage, using configuration: SMTPConfiguration,
                            on group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws -> SMTPReply {
        let session = try await Session.connect(configuration, on: group)
        do {
            let reply = try await session.deliver(message)
            await session.quit()
            return reply
        } catch {
            await session.close()
            throw error
        }
    }

    final class Session: @unchecked Sendable {
        let channel: any Channel
        let replies: Replies
        let configuration: SMTPConfiguration

        init(channel: any Channel, replies: Replies, configuration: SMTPConfiguration) {
            self.channel = channel
            self.replies = replies
            self.configuration = configuration
        }

        static func connect(_ c: SMTPConfiguration, on group: any EventLoopGroup) async throws -> Session {
            let replies = Replies()
            var tls: NIOSSLContext?
            if c.security != .none { tls = try makeTLSContext(c) }
            let implicit = c.security == .tls ? tls : nil
            let host = c.host
            let bootstrap = ClientBootstrap(group: group)
                .connectTimeout(.milliseconds(Int64(c.timeout * 1000)))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let implicit {
                            try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: implicit, serverHostname: serverName(host)))
                        }
                        try channel.pipeline.syncOperations.addHandler(SMTPReplyDecoder(replies: replies))
                    }
                }
            let channel: any Channel
            do {
                channel = try await bootstrap.connect(host: c.host, port: c.port).get()
            } catch {
                throw SMTPError(kind: .transient, stage: "verbinden met \(c.host):\(c.port)", detail: "\(error)")
            }
            let session = Session(channel: channel, replies: replies, configuration: c)
            do {
                try await session.expect(220, stage: "begroeting")
                var capabilities = try await session.ehlo()
                if c.security == .startTLS {
                    guard capabilities.contains(where: { $0.uppercased() == "STARTTLS" }) else {
                        throw SMTPError(kind: .permanent, stage: "STARTTLS", detail: "de server biedt geen STARTTLS; zonder versleuteling wordt niets verstuurd")
                    }
                    try await session.command("STARTTLS", expect: 220, stage: "STARTTLS")
                    let handler = try NIOSSLClientHandler(context: tls!, serverHostname: serverName(host))
                    try await channel.pipeline.addHandler(handler, position: .first).get()
                    capabilities = try await session.ehlo()
                }
                if let user = c.username {
                    try await session.authenticate(user: user, password: c.password ?? "", capabilities: capabilities)
                }
                return session
            } catch {
                await session.close()
                throw error
            }
        }

        /// SNI wants a name, not an address.
        static func serverName(_ host: String) -> String? {
            host.allSatisfy({ $0.isNumber || $0 == "." || $0 == ":" }) ? nil : host
        }

        static func makeTLSContext(_ c: SMTPConfiguration) throws -> NIOSSLContext {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.minimumTLSVersion = .tlsv12
            if let file = c.trustedCAFile {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(file))
            }
            return try NIOSSLContext(configuration: tls)
        }

        func ehlo() async throws -> [String] {
            let reply = try await command("EHLO \(configuration.heloName)", expect: 250, stage: "EHLO")
            return reply.lines.dropFirst().map { $0.split(separator: " ").first.map(String.init) ?? $0 }
                + reply.lines.dropFirst().filter { $0.uppercased().hasPrefix("AUTH") }
        }

        func authenticate(user: String, password: String, capabilities: [String]) async throws {
            let auth = capabilities.first { $0.uppercased().hasPrefix("AUTH ") }?.uppercased() ?? ""
            if auth.contains("PLAIN") || !auth.contains("LOGIN") {
                let token = Data(([0] + Array(user.utf8) + [0] + Array(password.utf8))).base64EncodedString()
                try await command("AUTH PLAIN \(token)", expect: 235, stage: "inloggen bij de mailserver", secret: true)
            } else {
                try await command("AUTH LOGIN", expect: 334, stage: "inloggen bij de mailserver")
                try await command(Data(user.utf8).base64EncodedString(), expect: 334, stage: "inloggen bij de mailserver", secret: true)
                try await command(Data(password.utf8).base64EncodedString(), expect: 235, stage: "inloggen bij de mailserver", secret: true)
            }
        }

        func deliver(_ message: MailMessage) async throws -> SMTPReply {
            try await command("MAIL FROM:<\(message.from.address)>", expect: 250, stage: "MAIL FROM")
            for recipient in message.to {
                try await command("RCPT TO:<\(recipient.address)>", expect: 250, stage: "RCPT TO \(recipient.address)")
            }
            try await command("DATA", expect: 354, stage: "DATA")
            var data = MIMEEncoding.dotStuffed(message.rendered())
            if !data.hasSuffix("\r\n") { data += "\r\n" }
            try await write(data + ".\r\n")
            return try await expect(250, stage: "bericht")
        }

        func quit() async {
            _ = try? await command("QUIT", expect: 221, stage: "QUIT")
            await close()
        }

        func close() async {
            try? await channel.close().get()
        }

        @discardableResult
        func command(_ line: String, expect code: Int, stage: String, secret: Bool = false) async throws -> SMTPReply {
            try await write(line + "\r\n")
            return try await expect(code, stage: stage)
        }

        func write(_ text: String) async throws {
            do {
                try await channel.writeAndFlush(ByteBuffer(string: text)).get()
            } catch {
                throw SMTPError(kind: .transient, stage: "schrijven", detail: "\(error)")
            }
        }

        @discardableResult
        func expect(_ code: Int, stage: String) async throws -> SMTPReply {
            let timeout = channel.eventLoop.scheduleTask(in: .milliseconds(Int64(configuration.timeout * 1000))) { [replies] in
                replies.fail(SMTPError(kind: .transient, stage: stage, detail: "geen antwoord binnen \(Int(self.configuration.timeout)) seconden"))
            }
            defer { timeout.cancel() }
            let reply = try await replies.next(stage: stage)
            guard reply.code == code else {
                throw SMTPError(kind: (400..<500).contains(reply.code) ? .transient : .permanent, stage: stage, detail: "\(reply.code) \(reply.text)")
            }
            return reply
        }
    }

    /// Complete replies as they arrive, handed to whoever waits for the next one.
    final class Replies: @unchecked Sendable {
        private let lock = NIOLock()
        private var buffered: [SMTPReply] = []
        private var failure: (any Error)?
        private var waiter: CheckedContinuation<SMTPReply, any Error>?

        func receive(_ reply: SMTPReply) {
            lock.lock()
            if let w = waiter {
                waiter = nil
                lock.unlock()
                w.resume(returning: reply)
            } else {
                buffered.append(reply)
                lock.unlock()
            }
        }

        func fail(_ error: any Error) {
            lock.lock()
            if failure == nil { failure = error }
            let w = waiter
            waiter = nil
            lock.unlock()
            w?.resume(throwing: error)
        }

        func next(stage: String) async throws -> SMTPReply {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<SMTPReply, any Error>) in
                lock.lock()
                if !buffered.isEmpty {
                    let r = buffered.removeFirst()
                    lock.unlock()
                    c.resume(returning: r)
                } else if let failure {
                    lock.unlock()
                    c.resume(throwing: failure)
                } else {
                    waiter = c
                    lock.unlock()
                }
            }
        }
    }

    /// Splits the byte stream into lines and lines into replies (`250-…` continues, `250 …` ends).
    final class SMTPReplyDecoder: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let replies: Replies
        private var pending: [UInt8] = []
        private var lines: [String] = []

        init(replies: Replies) { self.replies = replies }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            pending += buffer.readBytes(length: buffer.readableBytes) ?? []
            guard pending.count < 1_000_000 else {
                replies.fail(SMTPError(kind: .transient, stage: "antwoord", detail: "te lang antwoord van de server"))
                context.close(promise: nil)
                return
            }
            while let end = pending.firstIndex(of: 10) {
                var line = Array(pending[..<end])
                pending.removeFirst(end + 1)
                if line.last == 13 { line.removeLast() }
                let text = String(decoding: line, as: UTF8.self)
                guard text.count >= 3, let code = Int(text.prefix(3)) else {
                    replies.fail(SMTPError(kind: .transient, stage: "antwoord", detail: "onverwacht antwoord: \(text.prefix(80))"))
                    context.close(promise: nil)
                    return
                }
                let rest = text.count > 4 ? String(text.dropFirst(4)) : ""
                lines.append(rest)
                if text.count == 3 || text[text.index(text.startIndex, offsetBy: 3)] == " " {
                    replies.receive(SMTPReply(code: code, lines: lines))
                    lines = []
                }
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            replies.fail(SMTPError(kind: .transient, stage: "verbinding", detail: "de server sloot de verbinding"))
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            replies.fail(SMTPError(kind: .transient, stage: "verbinding", detail: "\(error)"))
            context.close(promise: nil)
        }
    }
}
