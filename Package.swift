// swift-tools-version: 6.1
import PackageDescription

// Strict settings applied to every target from one place.
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let hb = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let hbTLS = Target.Dependency.product(name: "HummingbirdTLS", package: "hummingbird")
let hbTesting = Target.Dependency.product(name: "HummingbirdTesting", package: "hummingbird")
let ahc = Target.Dependency.product(name: "AsyncHTTPClient", package: "async-http-client")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let metrics = Target.Dependency.product(name: "Metrics", package: "swift-metrics")
let prometheus = Target.Dependency.product(name: "Prometheus", package: "swift-prometheus")
let lifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let argParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let yams = Target.Dependency.product(name: "Yams", package: "Yams")
let subprocess = Target.Dependency.product(name: "Subprocess", package: "swift-subprocess")
let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let systemPackage = Target.Dependency.product(name: "SystemPackage", package: "swift-system")
let hbCore = Target.Dependency.product(name: "HummingbirdCore", package: "hummingbird")
let postgresNIO = Target.Dependency.product(name: "PostgresNIO", package: "postgres-nio")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let cryptoExtras = Target.Dependency.product(name: "_CryptoExtras", package: "swift-crypto")
let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")

let package = Package(
    name: "gws-operator",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gws-operator", targets: ["gws-operator"]),
        .executable(name: "gws-service", targets: ["gws-service"]),
        .executable(name: "gwsctl", targets: ["gwsctl"]),
        .executable(name: "gws-kube-operator", targets: ["gws-kube-operator"]),
        .library(name: "GWSRedis", targets: ["GWSRedis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        // Spec model, values layering, validation, role catalogue (no I/O).
        .target(name: "GWSSpec", dependencies: [yams], swiftSettings: strict),
        // Desired-state planner, pure reconciler, work queue, backoff (no I/O, injected clock).
        .target(name: "GWSReconciler", dependencies: ["GWSSpec"], swiftSettings: strict),
        // Probe semantics (pure) and the HTTP prober.
        .target(name: "GWSHealth", dependencies: ["GWSSpec", ahc, logging, nioCore, nioPosix], swiftSettings: strict),
        // Consul API client and the embedded Consul-compatible registry.
        .target(name: "GWSDiscovery", dependencies: [hb, ahc, logging, lifecycle, nioCore, nioPosix, .product(name: "NIOHTTP1", package: "swift-nio")], swiftSettings: strict),
        // Local process driver: ports, child processes, instance records, restart backoff.
        .target(name: "GWSRuntime", dependencies: ["GWSSpec", "GWSReconciler", subprocess, systemPackage, logging], swiftSettings: strict),
        // Clients of the backing stores: PostgreSQL (PostgresNIO pool + migrations), Redis (RESP on SwiftNIO), Elasticsearch (REST).
        // Our RESP client (no Swift Redis library is available): pool, pipelining, pub/sub.
        .target(name: "GWSRedis", dependencies: [logging, lifecycle, nioCore, nioPosix, .product(name: "NIOSSL", package: "swift-nio-ssl")], swiftSettings: strict),
        .target(name: "GWSStores", dependencies: ["GWSRedis", postgresNIO, ahc, logging, lifecycle, nioCore, nioPosix, .product(name: "NIOSSL", package: "swift-nio-ssl")], swiftSettings: strict),
        // Contact-center configuration data in PostgreSQL: tenants, persons (hashed passwords), groups, skills, DNs, places.
        .target(name: "GWSConfigData", dependencies: ["GWSStores", postgresNIO, crypto, cryptoExtras, logging], swiftSettings: strict),
        // Access tokens (HS256 JWTs) and the bearer middleware every role applies.
        .target(name: "GWSAuth", dependencies: ["GWSServiceKit", hb, crypto, logging], swiftSettings: strict),
        // Bayeux (CometD) long-polling server for Workspace and Statistics notifications.
        .target(name: "GWSCometD", dependencies: ["GWSServiceKit", "GWSStores", hb, logging, metrics, lifecycle, nioCore], swiftSettings: strict),
        // Agent and call model of the Voice channel: pure state machine plus its Redis store and events.
        .target(name: "GWSVoice", dependencies: ["GWSStores", logging], swiftSettings: strict),
        // Kubernetes: CRD and manifest rendering from the spec, API client, in-cluster controller.
        .target(name: "GWSKubernetes", dependencies: ["GWSSpec", "GWSReconciler", yams, ahc, logging, lifecycle, nioCore, .product(name: "NIOSSL", package: "swift-nio-ssl")], swiftSettings: strict),
        // The in-cluster controller process: flags, metrics and health ports, leader election wiring.
        .target(name: "GWSKubernetesOperator", dependencies: ["GWSKubernetes", hb, argParser, lifecycle, logging, prometheus], swiftSettings: strict),
        // Shared service scaffolding: config, /livez /readyz /metrics, registration.
        .target(name: "GWSServiceKit", dependencies: ["GWSSpec", "GWSDiscovery", "GWSStores", hb, hbCore, ahc, logging, metrics, prometheus, lifecycle], swiftSettings: strict),
        // The service proxy role.
        .target(name: "GWSProxy", dependencies: ["GWSServiceKit", "GWSDiscovery", "GWSSpec", hb, hbCore, hbTLS, ahc, logging, lifecycle, prometheus, nioCore, nioPosix], swiftSettings: strict),
        // The GWS service roles (version endpoints for now; real APIs come per role).
        .target(name: "GWSServices", dependencies: ["GWSServiceKit", "GWSAuth", "GWSCometD", "GWSVoice", "GWSSpec", "GWSStores", "GWSConfigData", "GWSDiscovery", hb, ahc, logging, lifecycle, nioCore],
            resources: [.copy("AgentSetup/webapp")], swiftSettings: strict),
        // The operator's long-running Services: reconcile loop, probes, supervisor, admin API.
        .target(name: "GWSOperator", dependencies: ["GWSSpec", "GWSConfigData", "GWSReconciler", "GWSRuntime", "GWSHealth", "GWSDiscovery", "GWSStores", hb, ahc, logging, metrics, prometheus, lifecycle, nioCore, subprocess, systemPackage], swiftSettings: strict),
        // Failover drills: drill files, fault injection, simulated agents through the proxy, reports.
        .target(name: "GWSDrills", dependencies: ["GWSOperator", "GWSRuntime", "GWSSpec", ahc, yams, logging, nioCore], swiftSettings: strict),
        // Thin executables.
        .executableTarget(name: "gws-operator", dependencies: ["GWSOperator", "GWSDiscovery", "GWSKubernetesOperator", "GWSRuntime", "GWSSpec", hb, argParser, lifecycle, logging], swiftSettings: strict),
        .executableTarget(name: "gws-service", dependencies: ["GWSServices", "GWSProxy", "GWSServiceKit", argParser, lifecycle, logging, nioCore, nioPosix], swiftSettings: strict),
        // Kubernetes mode only, without local mode linked in (smaller resident memory in the pod).
        .executableTarget(name: "gws-kube-operator", dependencies: ["GWSKubernetesOperator", argParser], swiftSettings: strict),
        .executableTarget(name: "gwsctl", dependencies: ["GWSOperator", "GWSKubernetes", "GWSRuntime", "GWSSpec", "GWSDrills", argParser, ahc, logging], swiftSettings: strict),

        // Test support shared by test targets: real servers on ephemeral ports.
        .target(name: "GWSTestKit", dependencies: ["GWSStores", postgresNIO, logging, subprocess, systemPackage], swiftSettings: strict),
        .testTarget(name: "GWSSpecTests", dependencies: ["GWSSpec"], swiftSettings: strict),
        .testTarget(name: "GWSReconcilerTests", dependencies: ["GWSReconciler", "GWSSpec"], swiftSettings: strict),
        .testTarget(name: "GWSHealthTests", dependencies: ["GWSHealth", "GWSSpec"], swiftSettings: strict),
        .testTarget(name: "GWSDiscoveryTests", dependencies: ["GWSDiscovery", hb, hbTesting, ahc, logging, lifecycle, nioCore], swiftSettings: strict),
        .testTarget(name: "GWSRuntimeTests", dependencies: ["GWSRuntime", "GWSReconciler", "GWSSpec", logging], swiftSettings: strict),
        .testTarget(name: "GWSProxyTests", dependencies: ["GWSProxy", "GWSDiscovery", "GWSServiceKit", "GWSSpec", hb, hbCore, hbTesting, ahc, logging, lifecycle, nioCore], swiftSettings: strict),
        .testTarget(name: "GWSStoresTests", dependencies: ["GWSTestKit", "GWSStores", postgresNIO, ahc, hb, hbTesting, logging, lifecycle, nioCore, nioPosix, subprocess, systemPackage], swiftSettings: strict),
        .testTarget(name: "GWSOperatorTests", dependencies: ["GWSOperator", "GWSRuntime", "GWSSpec", "GWSStores"], swiftSettings: strict),
        .testTarget(name: "GWSAuthTests", dependencies: ["GWSAuth", "GWSServiceKit", hb, hbTesting], swiftSettings: strict),
        .testTarget(name: "GWSCometDTests", dependencies: ["GWSCometD", "GWSServiceKit", "GWSStores", hb, hbTesting, logging], swiftSettings: strict),
        .testTarget(name: "GWSVoiceTests", dependencies: ["GWSVoice", "GWSTestKit", "GWSStores", logging], swiftSettings: strict),
        .testTarget(name: "GWSKubernetesTests", dependencies: ["GWSKubernetes", "GWSSpec", yams, ahc, logging], swiftSettings: strict),
        .testTarget(name: "GWSConfigDataTests", dependencies: ["GWSTestKit", "GWSConfigData", "GWSStores", postgresNIO, logging, lifecycle, subprocess, systemPackage], swiftSettings: strict),
        .testTarget(name: "GWSServicesTests", dependencies: ["GWSTestKit", "GWSServices", "GWSDiscovery", "GWSServiceKit", "GWSAuth", "GWSStores", "GWSConfigData", "GWSSpec", hb, hbTesting, ahc, logging, lifecycle, nioCore, subprocess, systemPackage], swiftSettings: strict),
        .testTarget(name: "GWSDrillsTests", dependencies: ["GWSDrills", "GWSOperator", "GWSSpec"], swiftSettings: strict),
        .testTarget(name: "IntegrationTests", dependencies: ["GWSOperator", "GWSSpec", "GWSRuntime", ahc, nioCore, subprocess, systemPackage, .product(name: "NIOSSL", package: "swift-nio-ssl")], swiftSettings: strict),
    ]
)
