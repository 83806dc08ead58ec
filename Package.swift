// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sroi",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sroi", targets: ["SROICommand"]),
        .library(name: "SROIDomain", targets: ["SROIDomain"]),
        .library(name: "SROIApp", targets: ["SROIApp"]),
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
    ],
    targets: [
        // Pure domain: money, policy, applicability, obligation, portfolio. No web or database imports.
        .target(name: "SROIDomain", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // Web and persistence around the domain: Vapor routes, Fluent models and migrations, Leaf views, JSON API.
        .target(
            name: "SROIApp",
            dependencies: [
                "SROIDomain",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "LeafKit", package: "leaf-kit"),
                .product(name: "Prometheus", package: "swift-prometheus"),
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
        .testTarget(
            name: "SROIAppTests",
            dependencies: [
                "SROIApp",
                "SROIDomain",
                .product(name: "XCTVapor", package: "vapor"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
