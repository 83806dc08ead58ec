import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import LeafKit
import SQLKit
import Vapor

/// Sets up the application: database, sessions, middleware, views and routes.
/// Everything it needs comes in through `configuration`; nothing is read from globals.
public func configure(_ app: Application, _ configuration: AppConfiguration) async throws {
    app.platform = try Platform(configuration: configuration)
    app.answerCache = AnswerCache(limit: configuration.answerCacheMegabytes * 1_048_576, registry: app.metrics.registry)
    // Buyers' dashboards (pages, public figures) get an eighth of it.
    app.dashboardCache = DashboardService.cache(limit: configuration.answerCacheMegabytes * 131_072, registry: app.metrics.registry)

    switch configuration.database {
    case .sqlite(let path):
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
    case .postgres(let url):
        app.databases.use(try .postgres(url: url), as: .psql)
    }
    app.registerMigrations()

    // Idle keep-alive connections are closed; on shutdown requests in flight get the grace period (see `sroi serve`).
    app.http.server.configuration.idleTimeout = .milliseconds(Int64(configuration.idleTimeout * 1000))
    app.http.server.configuration.shutdownTimeout = .milliseconds(Int64(configuration.shutdownGrace * 1000))

    app.sessions.use(.fluent)
    app.sessions.configuration.cookieName = "sroi_session"
    let secure = configuration.secureCookies
    app.sessions.configuration.cookieFactory = { id in
        HTTPCookies.Value(string: id.string, maxAge: 8 * 3600, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }

    // Middleware in order: security headers outermost (error pages get them too), errors, static files, sessions.
    app.middleware = .init()
    app.middleware.use(RequestIDMiddleware())
    app.middleware.use(MetricsMiddleware(metrics: app.metrics))
    // Logs method and path only (never a query or a body), with the request id.
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(NoStoreMiddleware())
    app.middleware.use(ErrorResponder())
    app.middleware.use(NulCharacterGuard())
    app.middleware.use(FileMiddleware(publicDirectory: Resources.publicDirectory))
    // Global, so that error pages can read the session too; a session is only created when a page uses one.
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(SessionAvailability())

    // JSON answers are written as they are encoded, not through Foundation's tree of dictionaries (issue 20).
    ContentConfiguration.global.use(encoder: StreamingJSONEncoder(), for: .json)

    app.directory.viewsDirectory = Resources.viewsDirectory
    app.directory.publicDirectory = Resources.publicDirectory
    app.views.use(.leaf)
    // The templates live in the resource bundle, which SwiftPM puts under .build; LeafKit's default limits
    // refuse paths through hidden folders, so only the extension limit is kept.
    app.leaf.sources = .singleSource(NIOLeafFiles(fileio: app.fileio, limits: [.onlyLeafExtensions],
                                                  sandboxDirectory: Resources.viewsDirectory, viewDirectory: Resources.viewsDirectory))

    try routes(app)
}

/// Runs the migrations and, on SQLite, switches the file to WAL mode so readers never wait for a writer, and gives
/// each connection a page cache of `SQLitePageCache.kibibytes`.
public func prepareDatabase(_ app: Application) async throws {
    if case .sqlite = app.platform.configuration.database, let sql = app.db as? any SQLDatabase {
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        // The driver keeps one connection per event loop; a page cache is a connection's own.
        for loop in app.eventLoopGroup.makeIterator() {
            if let connection = app.databases.database(.sqlite, logger: app.logger, on: loop) as? any SQLDatabase {
                try await connection.raw(SQLitePageCache.pragma).run()
            }
        }
    }
    try await app.autoMigrate()
}

/// SQLite's page cache per connection. Its default (2 MB) holds a few hundred pages; one dashboard of a buyer with
/// 150 contracts reads thousands, which then came from the operating system's file cache with a system call each
/// (a tenth of the dashboard's time in `perf`, issue 20). 32 MB a connection, one connection per core.
enum SQLitePageCache {
    static let kibibytes = 32_768
    static var pragma: SQLQueryString { "PRAGMA cache_size = -\(unsafeRaw: String(kibibytes))" }
}

func routes(_ app: Application) throws {
    // Prometheus text format; counts and durations per route pattern, nothing personal. Readable with the
    // configured token, or without one only from this machine and not through a proxy (see `MetricsAccess`).
    app.get("metrics") { req async throws -> Response in
        try MetricsAccess.check(req)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: req.application.metrics.registry.emitToString()))
    }
    // A route without database or session: the baseline of a load test.
    app.get("ping") { _ async -> String in "pong" }
    app.get("health") { req async throws -> [String: String] in
        if let sql = req.db as? any SQLDatabase { try await sql.raw("SELECT 1").run() }
        return ["status": "ok"]
    }
    APIController().register(app)

    let web = app.grouped(SessionUserAuthenticator(), CSRFMiddleware())
    AuthWebController().register(web)
    AccountLinksWebController().register(web)
    let loggedIn = web.grouped(RequireUser(), UnreadNotifications())
    PeopleWebController().register(loggedIn)
    TemplatesWebController().register(loggedIn)
    ReportLineWebController().register(loggedIn)
    DashboardWebController().register(loggedIn)
    ContractsWebController().register(loggedIn)
    VacancyWebController().register(loggedIn)
    CandidateWebController().register(loggedIn)
    TenderWebController().register(loggedIn)
    PortfolioWebController().register(loggedIn)
    PolicyWebController().register(loggedIn)
    FulfilmentWebController().register(loggedIn)
    AccountWebController().register(loggedIn)
    PartnershipWebController().register(loggedIn)
    ActionPlanWebController().register(loggedIn)
    EvaluationWebController().register(loggedIn)
    CreditingWebController().register(loggedIn)
    RegisterWebController().register(loggedIn)
    OwnRegisterEntryWebController().register(loggedIn)
    ManagementWebController().register(loggedIn)
    SuccessStoryWebController().register(loggedIn)
    ManagementWebController().registerPublic(web)
}

/// Where the templates and static files are: inside the module's resource bundle.
enum Resources {
    static var root: String {
        // bundleURL, not resourceURL: on Linux the latter already points into a "Resources" folder.
        Bundle.module.bundleURL.appendingPathComponent("Resources").path
    }
    static var viewsDirectory: String { root + "/Views/" }
    static var publicDirectory: String { root + "/Public/" }
}
