// swift-tools-version: 6.1
// Release-build benchmarks, kept out of the root package so that
// `swift build -c release --package-path Benchmarks` builds only what they use
// (GWSRedis and its dependencies, SwiftNIO for agent-load), not the whole project.
import PackageDescription

let package = Package(
    name: "gws-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "gws-operator", path: ".."),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // GET/SET throughput of our Redis client, for hack/bench-redis.sh.
        .executableTarget(
            name: "redis-throughput",
            dependencies: [.product(name: "GWSRedis", package: "gws-operator")],
            swiftSettings: [.swiftLanguageMode(.v6), .enableUpcomingFeature("ExistentialAny")]),
        // The agent load generator of hack/bench-agents.py (--generator swift): one process = one
        // worker, every agent on one NIO event loop, plain HTTP/1.1 keep-alive connections.
        .executableTarget(
            name: "agent-load",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6), .enableUpcomingFeature("ExistentialAny")]),
    ]
)
