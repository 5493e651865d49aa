// swift-tools-version:6.1
import PackageDescription

/// Settings shared by every target: Swift 6 language mode is the default for tools 6.x;
/// these upcoming features keep imports honest and existentials explicit.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// The performance guide's chapters, one runnable example each (`swift run connection-pooling`): README, "Examples".
let guideExamples: [(product: String, target: String)] = [
    ("connection-pooling", "ConnectionPooling"),
    ("caching-strategies", "CachingStrategies"),
    ("request-optimization", "RequestOptimization"),
    ("batch-operations", "BatchOperations"),
    ("file-upload-optimization", "FileUploadOptimization"),
    ("query-optimization", "QueryOptimization"),
    ("resource-management", "ResourceManagement"),
    ("monitoring-and-metrics", "MonitoringAndMetrics"),
]

let package = Package(
    name: "iconect-swift",
    platforms: [.macOS(.v15), .iOS(.v18)],
    products: [
        .library(name: "Iconect", targets: ["Iconect"]),
        .library(name: "IconectEmulator", targets: ["IconectEmulator"]),
        .executable(name: "iconect-emulator", targets: ["iconect-emulator"]),
        .executable(name: "quickstart", targets: ["Quickstart"]),
        .executable(name: "iconect-bench", targets: ["iconect-bench"]),
        .library(name: "IconectAsyncHTTPClient", targets: ["IconectAsyncHTTPClient"]),
        .library(name: "IconectMCP", targets: ["IconectMCP"]),
        .executable(name: "iconect-mcp", targets: ["iconect-mcp"]),
        .executable(name: "iconect", targets: ["iconect"]),
    ] + guideExamples.map { .executable(name: $0.product, targets: [$0.target]) },
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        // The transport seam's vocabulary (HTTPRequest, HTTPFields, HTTPResponse), as swift-openapi-runtime and Hummingbird use.
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // `swift package generate-documentation --target Iconect` (checked by .ci/run).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // Tests only: an independent CSV reader to check `iconect search --format csv` against.
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .target(
            name: "Iconect",
            dependencies: [
                "CZlib",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "IconectEmulator",
            dependencies: [
                "CZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "iconect-emulator",
            dependencies: [
                "IconectEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "IconectAsyncHTTPClient",
            dependencies: [
                "Iconect",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "IconectMCP",
            dependencies: [
                "Iconect",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "iconect-mcp",
            dependencies: [
                "IconectMCP", "Iconect", "IconectAsyncHTTPClient",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "Quickstart",
            dependencies: ["Iconect", "IconectEmulator"],
            path: "Examples/Quickstart",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ExampleSupport",
            dependencies: ["Iconect", "IconectEmulator", .product(name: "HTTPTypes", package: "swift-http-types")],
            path: "Examples/ExampleSupport",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "IconectCLI",
            dependencies: [
                "Iconect", "IconectEmulator", "IconectAsyncHTTPClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "iconect",
            dependencies: ["IconectCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "iconect-bench",
            dependencies: [
                "Iconect", "IconectEmulator", "IconectAsyncHTTPClient",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/iconect-bench",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IconectTests",
            dependencies: ["Iconect", .product(name: "HTTPTypes", package: "swift-http-types")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IconectIntegrationTests",
            dependencies: [
                "Iconect", "IconectEmulator", "IconectAsyncHTTPClient",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
                // SHA-256 of expected bytes, for the digests the emulator checks.
                .product(name: "Crypto", package: "swift-crypto"),
                // A metrics backend that records what the client forwards to swift-metrics.
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IconectMCPTests",
            dependencies: [
                "IconectMCP", "Iconect", "IconectEmulator",
                .product(name: "MCP", package: "swift-sdk"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IconectEmulatorTests",
            dependencies: ["IconectEmulator"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IconectCLITests",
            dependencies: ["IconectCLI", "Iconect", "IconectEmulator", "IconectAsyncHTTPClient", .product(name: "CSV", package: "CSV.swift"),
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
    ] + guideExamples.map {
        .executableTarget(name: $0.target, dependencies: ["ExampleSupport", "Iconect", "IconectEmulator"],
                          path: "Examples/\($0.target)", swiftSettings: swiftSettings)
    }
)
