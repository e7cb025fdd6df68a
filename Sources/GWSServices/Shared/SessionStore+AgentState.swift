import Foundation
import GWSStores

extension SessionStore {
    /// How long a cached agent state lives without updates (12 hours).
    static let agentStateTTLSeconds = 12 * 3600

    /// The Redis key of an agent's state on `channel` (`voice`, `ixn`).
    static func agentStateKey(tenant: String, channel: String, agentId: String) -> String {
        "gws:\(tenant):\(channel):agent:\(agentId)"
    }

    /// Records the agent's state on `channel`, replacing the previous one.
    func putAgentState(_ state: SessionAgentState, tenant: String, channel: String) async throws {
        let json = String(decoding: try Self.encoder.encode(state), as: UTF8.self)
        try await redis.set(
            Self.agentStateKey(tenant: tenant, channel: channel, agentId: state.agentId), to: json,
            expiration: .seconds(Self.agentStateTTLSeconds))
    }

    /// The agent's cached state on `channel`, if any.
    func agentState(tenant: String, channel: String, agentId: String) async throws -> SessionAgentState? {
        guard let json = try await redis.get(Self.agentStateKey(tenant: tenant, channel: channel, agentId: agentId)) else {
            return nil
        }
        return try? Self.decoder.decode(SessionAgentState.self, from: Data(json.utf8))
    }
}
