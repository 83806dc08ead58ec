import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Vapor
@testable import SROIApp

/// A real `sroi serve` (the debug build, as the README starts it) on a free port of 127.0.0.1, on the test world's
/// database. Its standard error is kept in a file, to look for "Fatal error" afterwards.
final class RunningServer: @unchecked Sendable {
    let process: Process
    let port: Int
    let stderrPath: String
    /// The server's own directories (evidence, mail), removed with its log when the object goes.
    let directories: [String]

    enum Failure: Error { case noBinary, didNotStart }

    static var binary: String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/sroi").path
    }

    static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    /// Starts the server and waits until /health answers; tries a few ports in case one is taken.
    static func start(world: TestWorld, environment extra: [String: String] = [:]) async throws -> RunningServer {
        guard isBuilt else { throw Failure.noBinary }
        for _ in 0..<5 {
            let port = Int.random(in: 20_000...40_000)
            let stderrPath = NSTemporaryDirectory() + "sroi-server-\(UUID().uuidString).log"
            FileManager.default.createFile(atPath: stderrPath, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["serve", "--port", String(port)]
            var env = ProcessInfo.processInfo.environment
            if let path = world.sqlitePath { env["SROI_SQLITE_PATH"] = path }
            env["SROI_DEMO"] = "0"
            env["SROI_TODAY"] = TestWorld.today
            env["SROI_BCRYPT_COST"] = "4"
            env["SROI_PSEUDONYM_KEY_FILE"] = NSTemporaryDirectory() + "sroi-test-pseudonym.key"
            let directories = [NSTemporaryDirectory() + "sroi-test-evidence-\(UUID().uuidString)", NSTemporaryDirectory() + "sroi-test-mail-\(UUID().uuidString)"]
            env["SROI_EVIDENCE_DIR"] = directories[0]
            env["SROI_MAIL_DIR"] = directories[1]
            env.merge(extra) { $1 }
            process.environment = env
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle(forWritingAtPath: stderrPath)
            try process.run()
            let server = RunningServer(process: process, port: port, stderrPath: stderrPath, directories: directories)
            for _ in 0..<200 where process.isRunning {
                if let answer = try? server.raw("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", timeout: 2),
                   answer.hasPrefix("HTTP/1.1 200") { return server }
                try await Task.sleep(nanoseconds: 100_000_000)
            }
            server.kill()
        }
        throw Failure.didNotStart
    }

    private init(process: Process, port: Int, stderrPath: String, directories: [String]) {
        self.process = process
        self.port = port
        self.stderrPath = stderrPath
        self.directories = directories
    }

    /// A test run leaves nothing in the temporary directory: the process is stopped, its log and directories removed.
    deinit {
        kill()
        for path in directories + [stderrPath] { try? FileManager.default.removeItem(atPath: path) }
    }

    var base: String { "http://127.0.0.1:\(port)" }
    var isRunning: Bool { process.isRunning }
    var log: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    func kill() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
    }

    func terminate() { Glibc.kill(process.processIdentifier, SIGTERM) }

    /// Waits up to `seconds` for the process to end; its exit status, or nil while it still runs.
    func exitStatus(within seconds: Double) async -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { try? await Task.sleep(nanoseconds: 50_000_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Sends bytes exactly as given (no client tidies the path) and reads the answer until the server closes the
    /// connection or `timeout` seconds pass.
    func raw(_ request: String, timeout: Double = 10) throws -> String {
        let connection = try RawConnection(port: port, timeout: timeout)
        defer { connection.close() }
        try connection.send(Array(request.utf8))
        return connection.readAll()
    }
}

/// A plain TCP connection to 127.0.0.1, for requests no HTTP client would send.
final class RawConnection: @unchecked Sendable {
    let fd: Int32

    struct Failure: Error { var what: String }

    init(port: Int, timeout: Double) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(what: "socket") }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { Glibc.close(fd); throw Failure(what: "connect") }
    }

    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure(what: "send") }
            sent += n
        }
    }

    /// Reads until the peer closes or the timeout passes; what arrived.
    func readAll() -> String {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            data += buffer[0..<n]
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads until a whole HTTP answer head has arrived (or the peer closes, or the timeout passes).
    func readHead() -> String {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !String(decoding: data, as: UTF8.self).contains("\r\n\r\n") {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            data += buffer[0..<n]
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// True when the peer has closed the connection (a read returns end of file).
    func isClosedByPeer() -> Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, 0) == 0
    }

    func close() { Glibc.close(fd) }
}
