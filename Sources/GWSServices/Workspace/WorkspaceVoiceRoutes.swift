import GWSServiceKit
import GWSStores
import GWSVoice
import Hummingbird

/// The Workspace voice API under `/workspace/v3/voice` (bearer token and
/// Workspace session required). Commands answer code 1 ("accepted"): their
/// results arrive on CometD channel `/workspace/v3/voice` as `DnStateChanged`
/// and `CallStateChanged`. A command the current state does not allow changes
/// nothing and answers 409 naming the state and the allowed operations;
/// unknown calls 404; bad bodies 400.
struct WorkspaceVoiceRoutes: Sendable {
    let context: WorkspaceContext

    struct AgentStateInput: Decodable, Sendable {
        var reasonCode: String?
        var agentWorkMode: AgentWorkMode?
    }

    struct MakeCallInput: Decodable, Sendable {
        var destination: String
        var userData: [UserDataPair]?
    }

    struct UserDataInput: Decodable, Sendable {
        var userData: [UserDataPair]
    }

    struct CallsData: Codable, Sendable {
        var calls: [VoiceCall]
    }

    func register(on router: Router<GWSRequestContext>) {
        let voice = router.group(RouterPath(WorkspaceContext.basePath + "/voice"))
        voice.post("ready") { request, ctx in
            let input = try await RequestInput.optionalData(AgentStateInput.self, from: request, context: ctx, default: .init())
            return try await command(request, .ready(workMode: input.agentWorkMode))
        }
        voice.post("not-ready") { request, ctx in
            let input = try await RequestInput.optionalData(AgentStateInput.self, from: request, context: ctx, default: .init())
            return try await command(request, .notReady(reasonCode: input.reasonCode, workMode: input.agentWorkMode))
        }
        voice.post("dnd-on") { request, _ in try await command(request, .dndOn) }
        voice.post("dnd-off") { request, _ in try await command(request, .dndOff) }
        voice.post("logout") { request, _ in try await command(request, .logout) }
        voice.post("make-call") { request, ctx in
            let input = try await RequestInput.data(MakeCallInput.self, from: request, context: ctx)
            return try await command(request, .makeCall(destination: input.destination, userData: input.userData ?? []))
        }
        voice.get("calls") { request, _ in
            let session = try await context.requireSession(request)
            let record = try await mappingVoiceErrors {
                try await context.requireVoice().record(tenant: session.tenant, userName: session.userName)
            }
            return GWSEnvelope(data: CallsData(calls: record.calls))
        }
        registerCallOperations(on: voice)
    }

    private func registerCallOperations(on voice: RouterGroup<GWSRequestContext>) {
        let simple: [(String, @Sendable (String) -> VoiceCommand)] = [
            ("answer", { .answer(callId: $0) }), ("hold", { .hold(callId: $0) }), ("retrieve", { .retrieve(callId: $0) }),
            ("release", { .release(callId: $0) }), ("complete", { .complete(callId: $0) }),
        ]
        for (operation, make) in simple {
            voice.post("calls/:id/\(operation)") { request, ctx in
                try await command(request, make(try RequestInput.parameter("id", ctx)))
            }
        }
        voice.post("calls/:id/attach-user-data") { request, ctx in
            let id = try RequestInput.parameter("id", ctx)
            let input = try await RequestInput.data(UserDataInput.self, from: request, context: ctx)
            return try await command(request, .attachUserData(callId: id, userData: input.userData))
        }
        voice.post("calls/:id/update-user-data") { request, ctx in
            let id = try RequestInput.parameter("id", ctx)
            let input = try await RequestInput.data(UserDataInput.self, from: request, context: ctx)
            return try await command(request, .updateUserData(callId: id, userData: input.userData))
        }
    }

    /// Runs `command` for the session's agent; code 1 (the result follows on CometD).
    private func command(_ request: Request, _ command: VoiceCommand) async throws -> GWSEnvelope<GWSNoData> {
        let session = try await context.requireSession(request)
        let voice = try context.requireVoice()
        _ = try await mappingVoiceErrors {
            try await voice.execute(command, tenant: session.tenant, userName: session.userName)
        }
        return GWSEnvelope<GWSNoData>(status: GWSStatus(code: 1))
    }
}
