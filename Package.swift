// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sroi",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sroi", targets: ["SROICommand"]),
        .library(name: "SROIDomain", targets: ["SROIDomain"]),
        .library(name: "SROIApp", targets: ["SROIApp"]),
        .library(name: "SROIMail", targets: ["SROIMail"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.110.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.12.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.10.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.4.0"),
        .package(url: "https://github.com/vapor/leaf-kit.git", from: "1.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.0"),
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.19"),
        // Tests only: the API answers are checked against the OpenAPI document.
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.0.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.0"),
    ],
    targets: [
        // Pure domain: money, policy, applicability, obligation, portfolio. No web or database imports.
        .target(name: "SROIDomain", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // A small SMTP client (STARTTLS and TLS by swift-nio-ssl) and MIME messages: no web, no database.
        .target(
            name: "SROIMail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // Web and persistence around the domain: Vapor routes, Fluent models and migrations, Leaf views, JSON API.
        .target(
            name: "SROIApp",
            dependencies: [
                "SROIDomain",
                "SROIMail",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "LeafKit", package: "leaf-kit"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Ink", package: "Ink"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Resources")]
        ),
        // The one `sroi` executable with its subcommands.
        .executableTarget(
            name: "SROICommand",
            dependencies: [
                "SROIApp",
                "SROIDomain",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SROIDomainTests", dependencies: ["SROIDomain"]),
        // What the tests share: a real SMTP server (aiosmtpd) started on 127.0.0.1, certificates for TLS tests.
        .target(name: "SROITestSupport", path: "Tests/Support"),
        .testTarget(name: "SROIMailTests", dependencies: ["SROIMail", "SROITestSupport"]),
        .testTarget(
            name: "SROIAppTests",
            dependencies: [
                "SROIApp",
                "SROIDomain",
                "SROIMail",
                "SROITestSupport",
                .product(name: "XCTVapor", package: "vapor"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
