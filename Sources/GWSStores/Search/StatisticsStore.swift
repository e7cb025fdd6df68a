import Foundation

/// Where the statistics and contact services keep searchable documents:
/// agent states (counted by state, optionally within a group), calls
/// (counted while in progress, summed for talk time) and contacts (searched
/// by text). Two implementations share this contract:
/// ``ElasticsearchStatisticsStore`` (a real server) and
/// ``EmbeddedStatisticsStore`` (in memory, for machines with no server).
///
/// Writes are visible to the reads that follow them. Agent states and calls
/// are versioned by their `updatedAt`: a put older than what is stored is
/// ignored, so several writers replaying the same events in any order end
/// with the newest version (writes are idempotent).
public protocol StatisticsStore: Sendable {
    /// Creates what the store needs (indices); idempotent.
    func prepare() async throws

    /// Records an agent's latest state, replacing its previous one (keyed by
    /// `employeeId`) unless the stored one has a later `updatedAt`.
    /// - Returns: whether it was written (false: a newer state is stored).
    @discardableResult
    func putAgentState(_ document: AgentStateDocument) async throws -> Bool

    /// The latest state recorded for the agent, if any.
    func agentState(employeeId: String) async throws -> AgentStateDocument?

    /// How many agents are in each state, counting only members of `group` when given.
    func agentStateCounts(group: String?) async throws -> AgentStateCounts

    /// Records a call, replacing its previous version (keyed by `callId`)
    /// unless the stored one has a later `updatedAt`.
    /// - Returns: whether it was written (false: a newer version is stored).
    @discardableResult
    func putCall(_ call: CallDocument) async throws -> Bool

    /// The latest version recorded of the call, if any.
    func call(id: String) async throws -> CallDocument?

    /// How many calls are in progress (Dialing, Ringing, Established, Held),
    /// counting only the agent `employeeId`'s and those recorded in `group` when given.
    func callsInProgress(employeeId: String?, group: String?) async throws -> Int

    /// The talk time of the agent's finished (Released or Completed) calls, in seconds.
    func talkTimeSeconds(employeeId: String) async throws -> Double

    /// Records a contact, replacing any earlier version (keyed by `id`).
    func putContact(_ contact: ContactDocument) async throws

    /// Contacts whose names, phone numbers or e-mail addresses contain every
    /// white-space separated term of `text` (ignoring case), ordered by last
    /// name, first name and id; at most `limit`.
    func searchContacts(text: String, limit: Int) async throws -> [ContactDocument]
}

extension StatisticsStore {
    /// How many agents are in `state`, counting only members of `group` when given.
    public func agentCount(in state: AgentState, group: String? = nil) async throws -> Int {
        try await agentStateCounts(group: group)[state]
    }
}

/// The version a document of `updatedAt` is written with: milliseconds since
/// 1970 (never negative), so a later change has a higher version.
func storeVersion(of updatedAt: Date) -> Int {
    max(0, Int((updatedAt.timeIntervalSince1970 * 1000).rounded(.down)))
}
