import GWSAuth
import GWSServiceKit
import GWSStores
import Hummingbird

/// The Tenant Service simulator's control API under `/tenant/v3` (tokens with
/// ROLE_ADMIN, ROLE_CLIENT or ROLE_SERVICE; the token is passed on):
/// - `GET dns`, `GET places` → the tenant's DNs and places (from Configuration);
/// - `GET dns/{dn}` → who is logged in on the DN (from Voice);
/// - `POST dns/{dn}/calls {data{ani?, dnis?, userData?}}` → an inbound call
///   rings on the DN: the simulated SIP server reports it to Voice → `{callId}`;
/// - `POST dns/{dn}/calls/{id}/drop` → the caller hangs up.
struct TenantSimulatorRoutes: Sendable {
    let configuration: PeerServiceClient
    let voice: PeerServiceClient

    struct CallInput: Codable, Sendable {
        var ani: String?
        var dnis: String?
        var userData: JSONValue?
    }

    func register(on router: Router<GWSRequestContext>) {
        let api = router.group(RouterPath("/tenant/v3"))
            .add(middleware: RequireAuthorityMiddleware<GWSRequestContext>(
                anyOf: ["ROLE_ADMIN", "ROLE_CLIENT", "ROLE_SERVICE"], action: "driving the tenant simulator"))
        api.get("dns") { request, _ in
            let tenant = try RequestInput.tenant(request)
            return GWSEnvelope(data: try await configuration.get("/dns", tenant: tenant, as: JSONValue.self))
        }
        api.get("places") { request, _ in
            let tenant = try RequestInput.tenant(request)
            return GWSEnvelope(data: try await configuration.get("/places", tenant: tenant, as: JSONValue.self))
        }
        api.get("dns/:dn") { request, context in
            let tenant = try RequestInput.tenant(request)
            let dn = try Self.dn(context)
            return GWSEnvelope(data: try await voice.get("/dns/\(dn)", tenant: tenant, as: JSONValue.self))
        }
        api.post("dns/:dn/calls") { request, context in
            let tenant = try RequestInput.tenant(request)
            let dn = try Self.dn(context)
            let input = try await RequestInput.optionalData(CallInput.self, from: request, context: context, default: .init())
            var ring: [String: JSONValue] = [
                "ani": .string(input.ani ?? Self.callerNumber()), "dnis": .string(input.dnis ?? dn),
            ]
            if let userData = input.userData { ring["userData"] = userData }
            let reply = try await voice.send(.post, "/dns/\(dn)/ring", tenant: tenant, body: JSONValue.object(ring), as: JSONValue.self)
            return GWSEnvelope(data: reply)
        }
        api.post("dns/:dn/calls/:id/drop") { request, context in
            let tenant = try RequestInput.tenant(request)
            let dn = try Self.dn(context)
            let id = try RequestInput.parameter("id", context)
            try await voice.perform(.post, "/dns/\(dn)/calls/\(id)/drop", tenant: tenant, body: Optional<JSONValue>.none)
            return GWSEnvelope<GWSNoData>(status: .ok)
        }
    }

    /// The `dn` path parameter: digits, `+`, `*`, `#`, at most 32 characters.
    static func dn(_ context: GWSRequestContext) throws -> String {
        let dn = try RequestInput.parameter("dn", context)
        guard dn.count <= 32, dn.allSatisfy({ $0.isASCII && ($0.isNumber || "+*#".contains($0)) }) else {
            throw GWSError(.badRequest, "invalid path parameter dn: digits, +, * and # only, at most 32")
        }
        return dn
    }

    /// A random external caller number.
    static func callerNumber() -> String {
        "+1555" + String(Int.random(in: 1_000_000...9_999_999))
    }
}
