// swift-tools-version:6.1
import PackageDescription

/// Settings shared by every target: Swift 6 language mode is the default for tools 6.x;
/// these upcoming features keep imports honest and existentials explicit.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
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
                "IconectMCP",
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
        .executableTarget(
            name: "iconect-bench",
            dependencies: [
                "Iconect", "IconectEmulator", "IconectAsyncHTTPClient",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
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
            dependencies: ["Iconect"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IconectIntegrationTests",
            dependencies: ["Iconect", "IconectEmulator", "IconectAsyncHTTPClient"],
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
    ]
)
