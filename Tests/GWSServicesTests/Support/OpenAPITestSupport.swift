import AsyncHTTPClient
import GWSCometD
import Foundation
import GWSAuth
import GWSServiceKit
import GWSStores
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GWSServices

/// An operation as `METHOD /path` under the base path, with every `{name}`
/// template written `{}` (so `{id}` and `{callId}` compare equal).
struct NormalizedOperation: Hashable, Comparable, CustomStringConvertible {
    var method: String
    var path: String

    init(method: String, path: String) {
        self.method = method.uppercased()
        self.path = Self.normalize(path)
    }

    static func normalize(_ path: String) -> String {
        path.replacing(/\{[^}\/]*\}/, with: "{}")
    }

    var description: String { "\(method) \(path)" }
    static func < (lhs: Self, rhs: Self) -> Bool { lhs.description < rhs.description }
}

extension OpenAPIDocument {
    /// The document's operations, normalized.
    var normalizedOperations: Set<NormalizedOperation> {
        Set(operations.map { NormalizedOperation(method: $0.method.rawValue, path: $0.path) })
    }
}

/// The public GWS inventory copied into `Tests/Fixtures/gws-endpoints.json`.
enum GWSInventory {
    /// Method and path (under the base path) of every inventoried operation of `service`
    /// (`workspace`, `provisioning`, `statistics`, `authentication`).
    static func operations(of service: String) throws -> Set<NormalizedOperation> {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/gws-endpoints.json")
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url))
        let operations = try #require(json["apis"]?[service]?["operations"]?.arrayValue, "no \(service) in the inventory")
        return Set(operations.compactMap { operation in
            guard let method = operation["method"]?.stringValue, let path = operation["path"]?.stringValue else { return nil }
            return NormalizedOperation(method: method, path: path)
        })
    }
}

/// The routes a role registers, read from a router assembled like the role's
/// own (same route structs, no stores), under its base path and normalized.
func registeredOperations(role: String) throws -> Set<NormalizedOperation> {
    let scaffold = makeScaffold(role, stores: .none)
    let document = try #require(RoleOpenAPIDocuments.document(role: role))
    let router = scaffold.makeAuthenticatedRouter(openAPI: document)
    let peer = PeerServiceClient(http: HTTPClient.shared, locator: NoConsulPeerLocator(), logger: testLogger)
    let key = TestTokens.key
    switch role {
    case "auth":
        let issuer = AuthTokenIssuer(
            signer: TokenSigner(key: key), persons: AuthPersonDirectory(configuration: peer), refreshTokens: nil)
        AuthRoutes(clients: nil, issuer: issuer, verifier: TokenVerifier(key: key), migrations: nil, environmentId: "test")
            .register(on: router)
    case "tenant": TenantSimulatorRoutes(configuration: peer, voice: peer).register(on: router)
    case "configuration": ConfigurationRoutes(repository: nil, migrations: nil).register(on: router)
    case "setting": SettingRoutes(store: nil, migrations: nil).register(on: router)
    case "voice": VoiceSwitchRoutes(voice: nil).register(on: router)
    case "ixn": SessionAgentStateRoutes(basePath: "/ixn/v3", channel: "ixn", store: nil).register(on: router)
    case "provisioning":
        ProvisioningRoutes(users: ProvisioningUsers(configuration: peer), sessions: ProvisioningSessions()).register(on: router)
    case "workspace":
        let context = WorkspaceContext(sessions: nil, voice: nil, directory: WorkspaceUserDirectory(configuration: peer))
        WorkspaceNotifications.makeServer(context: context, verifier: nil, logger: testLogger).register(on: router)
        WorkspaceRoutes(context: context).register(on: router)
        WorkspaceVoiceRoutes(context: context).register(on: router)
    case "ocs", "chat", "ucs":
        break  // the standard endpoints only
    default:
        try StatisticsDocuments.register(role: role, on: router)
    }
    let base = document.basePath
    return Set(router.routes.compactMap { route in
        let path = route.path.description
        guard path.hasPrefix(base + "/") else { return nil }
        return NormalizedOperation(method: route.method.rawValue, path: String(path.dropFirst(base.count)))
    })
}

/// Runs `body` against the role's real application, built with no stores
/// (calls that need one answer 503) and peers that cannot be found.
func withRoleApp(_ role: String, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    let scaffold = makeScaffold(role, stores: .none)
    switch role {
    case "auth": try await AuthService.buildApplication(scaffold, locator: NoConsulPeerLocator(), key: TestTokens.key).test(.router, body)
    case "tenant": try await TenantService.buildApplication(scaffold).test(.router, body)
    case "configuration": try await ConfigurationService.buildApplication(scaffold).test(.router, body)
    case "setting": try await SettingService.buildApplication(scaffold).test(.router, body)
    case "voice": try await VoiceService.buildApplication(scaffold).test(.router, body)
    case "ixn": try await IxnService.buildApplication(scaffold).test(.router, body)
    case "ocs": try await OcsService.buildApplication(scaffold).test(.router, body)
    case "chat": try await ChatService.buildApplication(scaffold).test(.router, body)
    case "ucs": try await UcsService.buildApplication(scaffold).test(.router, body)
    case "provisioning": try await ProvisioningService.buildApplication(scaffold, locator: NoConsulPeerLocator()).test(.router, body)
    case "workspace": try await WorkspaceService.buildApplication(scaffold, locator: NoConsulPeerLocator()).test(.router, body)
    default: try await StatisticsDocuments.withApp(role: role, scaffold: scaffold, body)
    }
}

/// A request path for `operation`: every `{name}` template filled with `1`.
func concretePath(_ operation: OpenAPIOperation, basePath: String) -> String {
    basePath + operation.path.replacing(/\{[^}\/]*\}/, with: "1")
}

/// The Statistics and Data Collector parts of the helpers above.
enum StatisticsDocuments {
    /// Registers the role's routes on `router` as its service does.
    static func register(role: String, on router: Router<GWSRequestContext>) throws {
        let store = EmbeddedStatisticsStore()
        switch role {
        case "statistics":
            let notifications = StatisticsNotifications(
                configuration: CometDConfiguration(path: StatisticsNotifications.path), verifier: nil, logger: testLogger)
            notifications.server.register(on: router)
            StatisticsRoutes(calculator: StatisticsCalculator(statistics: store), subscriptions: nil, preparation: nil)
                .register(on: router)
        case "datacollector":
            DataCollectorRoutes(statistics: store, preparation: nil).register(on: router)
        default:
            Issue.record("no routes known for role \(role)")
        }
    }

    /// Runs `body` against the role's application.
    static func withApp(
        role: String, scaffold: ServiceScaffold, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        switch role {
        case "statistics":
            let cometD = CometDConfiguration(path: StatisticsNotifications.path, longPollTimeout: .milliseconds(300))
            try await StatisticsService.buildApplication(scaffold, cometD: cometD).test(.router, body)
        case "datacollector":
            try await DataCollectorService.buildApplication(scaffold, directory: StaticAgentDirectory(agents: [:])).test(.router, body)
        default:
            Issue.record("no application known for role \(role)")
        }
    }
}
