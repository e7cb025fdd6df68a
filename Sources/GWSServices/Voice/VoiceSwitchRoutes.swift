import GWSAuth
import GWSServiceKit
import GWSVoice
import Hummingbird

/// The Voice service's switch-facing API under `/voice/v3` (what the Tenant
/// Service's SIP server reports), for tokens with ROLE_ADMIN, ROLE_CLIENT or
/// ROLE_SERVICE:
/// - `POST dns/{dn}/ring {data{ani, dnis?, userData?, callUuid?}}` → an inbound
///   call rings on the DN (409 when nobody is logged in or DND is on) → `{callId}`;
/// - `POST dns/{dn}/calls/{id}/drop` → the far end hangs up (→ Released);
/// - `GET dns/{dn}` → `{dn, userName?}`: the agent logged in on it, if any.
/// The agent's desktop hears of each change on CometD through the event bus.
struct VoiceSwitchRoutes: Sendable {
    let voice: VoiceController?

    struct RingInput: Decodable, Sendable {
        var ani: String
        var dnis: String?
        var userData: [UserDataPair]?
        var callUuid: String?
    }

    struct CallData: Codable, Sendable { var callId: String }
    struct DnData: Codable, Sendable {
        var dn: String
        var userName: String?
        var agentState: String?
    }

    func register(on router: Router<GWSRequestContext>) {
        let api = router.group(RouterPath("/voice/v3"))
            .add(middleware: RequireAuthorityMiddleware<GWSRequestContext>(
                anyOf: ["ROLE_ADMIN", "ROLE_CLIENT", "ROLE_SERVICE"], action: "driving the voice switch"))
        api.post("dns/:dn/ring") { request, context in
            let claims = try AuthenticatedRequest.requireClaims()
            let dn = try RequestInput.parameter("dn", context)
            let input = try await RequestInput.data(RingInput.self, from: request, context: context)
            let outcome = try await mappingVoiceErrors {
                try await requireVoice().execute(
                    .inboundRinging(ani: input.ani, dnis: input.dnis ?? dn, userData: input.userData ?? [], callUuid: input.callUuid),
                    tenant: claims.tenant, dn: dn)
            }
            guard let call = outcome.record.calls.last else {
                throw GWSError(.internalServerError, "the ringing call was not recorded")
            }
            return GWSEnvelope(data: CallData(callId: call.id))
        }
        api.post("dns/:dn/calls/:id/drop") { request, context in
            let claims = try AuthenticatedRequest.requireClaims()
            let dn = try RequestInput.parameter("dn", context)
            let id = try RequestInput.parameter("id", context)
            _ = try await mappingVoiceErrors {
                try await requireVoice().execute(.remoteRelease(callId: id), tenant: claims.tenant, dn: dn)
            }
            return GWSEnvelope<GWSNoData>(status: .ok)
        }
        api.get("dns/:dn") { request, context in
            let claims = try AuthenticatedRequest.requireClaims()
            let dn = try RequestInput.parameter("dn", context)
            let record = try await mappingVoiceErrors { try await requireVoice().record(tenant: claims.tenant, dn: dn) }
            return GWSEnvelope(data: DnData(dn: dn, userName: record?.userName, agentState: record?.agentState.rawValue))
        }
    }

    private func requireVoice() throws -> VoiceController {
        guard let voice else { throw GWSError(.serviceUnavailable, "no Redis is configured for the Voice service") }
        return voice
    }
}
