// swift-tools-version: 6.1
// Release-build benchmarks, kept out of the root package so that
// `swift build -c release --package-path Benchmarks` builds only what they use
// (GWSRedis and its dependencies), not the whole project.
import PackageDescription

let package = Package(
    name: "gws-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "gws-operator", path: "..")
    ],
    targets: [
        // GET/SET throughput of our Redis client, for hack/bench-redis.sh.
        .executableTarget(
            name: "redis-throughput",
            dependencies: [.product(name: "GWSRedis", package: "gws-operator")],
            swiftSettings: [.swiftLanguageMode(.v6), .enableUpcomingFeature("ExistentialAny")])
    ]
)
