import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real SMTP server for tests: `scripts/smtp-test-server.py` (aiosmtpd) on a free port of 127.0.0.1. Every message
/// it accepts lands as a file in `directory`. Stopped with `stop()`; `kill()` ends it at once.
public final class SMTPTestServer: @unchecked Sendable {
    public let port: Int
    public let directory: String
    private let process: Process

    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    public static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/smtp-test-server.py").path
    }

    /// Whether python3 with aiosmtpd is here (CI installs it; `pip install aiosmtpd`).
    public static var isAvailable: Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import aiosmtpd"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitWithoutRunLoop()
        return p.terminationStatus == 0
    }

    /// Starts the server; `port` nil picks a free one. Extra arguments: `--starttls CERT KEY`, `--smtps CERT KEY`,
    /// `--auth USER:PASSWORD`, `--refuse-first N`.
    public static func start(port: Int? = nil, directory: String? = nil, arguments: [String] = []) throws -> SMTPTestServer {
        let dir = directory ?? NSTemporaryDirectory() + "sroi-smtp-\(UUID().uuidString)"
        for _ in 0..<5 {
            let chosen = port ?? Int.random(in: 41_000...49_000)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script, "--port", String(chosen), "--dir", dir] + arguments
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Wait for "ready PORT" (or the end of the process when the port was taken).
            let line = out.fileHandleForReading.readLine(timeout: 15)
            if line?.hasPrefix("ready") == true { return SMTPTestServer(port: chosen, directory: dir, ownsDirectory: directory == nil, process: process) }
            if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL); process.waitWithoutRunLoop() }
            if port != nil { break }
        }
        throw Unavailable(description: "the SMTP test server did not start (is aiosmtpd installed? pip install aiosmtpd)")
    }

    private let ownsDirectory: Bool

    private init(port: Int, directory: String, ownsDirectory: Bool, process: Process) {
        self.port = port
        self.directory = directory
        self.ownsDirectory = ownsDirectory
        self.process = process
    }

    /// The messages received so far, oldest first, each as its text (headers with X-Envelope-From and -To first).
    public func messages() -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
        return names.compactMap { try? String(contentsOfFile: directory + "/" + $0, encoding: .utf8) }
    }

    /// Waits until at least `count` messages arrived (or `seconds` passed); the messages.
    public func waitFor(_ count: Int, seconds: Double = 15) async -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        while messages().count < count && Date() < deadline { try? await Task.sleep(nanoseconds: 50_000_000) }
        return messages()
    }

    /// Ends the server. SIGKILL: a child of the test process inherits its blocked signals, so SIGTERM would wait;
    /// the server writes each message under a temporary name and renames it, so nothing half-written is left.
    public func stop() {
        if process.isRunning {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitWithoutRunLoop()
        }
    }

    /// Stopped, and its messages removed when it chose its own directory (a directory passed in is the caller's).
    deinit {
        stop()
        if ownsDirectory { try? FileManager.default.removeItem(atPath: directory) }
    }
}

/// A self-signed certificate for `localhost` and 127.0.0.1 made by the openssl command, for TLS tests.
public struct TestCertificate: Sendable {
    public let certificate: String
    public let key: String

    /// Removes the certificate's directory (call when the servers using it have stopped).
    public func remove() {
        try? FileManager.default.removeItem(atPath: (certificate as NSString).deletingLastPathComponent)
    }

    public static func make() throws -> TestCertificate {
        let dir = NSTemporaryDirectory() + "sroi-cert-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let cert = dir + "/cert.pem", key = dir + "/key.pem"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                       "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitWithoutRunLoop()
        guard p.terminationStatus == 0 else { throw SMTPTestServer.Unavailable(description: "openssl could not make a certificate") }
        return TestCertificate(certificate: cert, key: key)
    }
}

extension FileHandle {
    /// One line of output, or nil at the end or after `timeout` seconds.
    func readLine(timeout: Double) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        var data = Data()
        let fd = fileDescriptor
        var byte: UInt8 = 0
        while Date() < deadline {
            var poll = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = Glibc.poll(&poll, 1, 200)
            if ready <= 0 { continue }
            let n = Glibc.read(fd, &byte, 1)
            if n <= 0 { return data.isEmpty ? nil : String(decoding: data, as: UTF8.self) }
            if byte == 10 { return String(decoding: data, as: UTF8.self) }
            data.append(byte)
        }
        return nil
    }
}

extension Process {
    /// Waits for the process to end by polling: `waitUntilExit` spins a run loop, which hangs where none runs
    /// (Swift Testing's tasks).
    func waitWithoutRunLoop(timeout: Double = 30) {
        let deadline = Date().addingTimeInterval(timeout)
        while isRunning && Date() < deadline { usleep(10_000) }
    }
}
