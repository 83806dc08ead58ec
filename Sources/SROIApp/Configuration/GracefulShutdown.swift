import Foundation
import Vapor

/// Runs the server until SIGTERM or SIGINT, then stops in order: no new connections, requests in flight finish
/// (at most `shutdownGrace` seconds), and only then may the caller close the databases. Vapor's own shutdown
/// closes its services in no fixed order, which once closed the databases under a running dashboard request.
public func serveUntilStopped(_ app: Application) async throws {
    let jobs = BackgroundJobs()
    let env = ProcessInfo.processInfo.environment
    jobs.start(app, mailInterval: env["SROI_MAIL_INTERVAL_SECONDS"].flatMap(Double.init).map { max(0.2, $0) } ?? 5,
               claimTimeout: env["SROI_MAIL_CLAIM_SECONDS"].flatMap(Double.init).map { max(1, $0) } ?? OutboxSender.claimTimeout)
    try await app.execute()
    let grace = app.platform.configuration.shutdownGrace
    app.logger.notice("Stoppen: geen nieuwe verbindingen meer; lopende verzoeken krijgen \(Int(grace)) seconden.")
    // Closes the listening socket, then each connection once its request is answered (bounded by shutdownTimeout).
    await app.server.shutdown()
    // A request whose connection was cut still runs its handler: wait for those too, within the same bound.
    let deadline = Date().addingTimeInterval(grace)
    while app.metrics.requestsInFlight > 0 && Date() < deadline {
        try? await Task.sleep(nanoseconds: 20_000_000)
    }
    await jobs.stop()
    let left = app.metrics.requestsInFlight
    if left > 0 {
        // Closing the databases now would crash those requests; ending the process rolls their transactions back,
        // as after a power cut, and leaves nothing half-written.
        app.logger.error("Gestopt met \(left) onafgemaakte verzoeken na \(Int(grace)) seconden; hun wijzigingen zijn teruggedraaid.")
        exit(1)
    }
    app.logger.notice("Alle verzoeken afgehandeld; de databaseverbindingen worden gesloten.")
}
