import Foundation
import GWSStores

/// The agents' voice records in Redis: one JSON ``VoiceRecord`` per agent
/// under `gws:<tenant>:voice:agent:<userName>`, and the DN index
/// `gws:<tenant>:voice:dn:<dn>` → userName while the agent is logged in on it.
///
/// Writes are compare-and-set on the record's `version` (``VoiceStoreScript``,
/// run with `EVAL`): ``update(tenant:userName:publishingTo:_:)`` reads, applies a
/// change, and writes only if nobody wrote in between, retrying with the new
/// record on conflict (at most ``maximumAttempts`` times). The same script
/// claims and releases DN index entries and publishes the change's
/// notifications (pub/sub and the event stream), so the record, the index and the notifications never
/// disagree, and notifications leave in the order of the versions.
///
/// Records have no expiry: they must outlive any Workspace instance, and a
/// logged-out agent's record is small.
public struct VoiceStateStore: Sendable {
    /// The Redis client.
    public let redis: RedisClient
    /// How many times a conflicting write is tried before giving up with ``VoiceError/Code/contention``.
    public let maximumAttempts: Int

    public init(redis: RedisClient, maximumAttempts: Int = 64) {
        self.redis = redis
        self.maximumAttempts = max(1, maximumAttempts)
    }

    /// The key of an agent's record.
    public static func agentKey(tenant: String, userName: String) -> String {
        "gws:\(tenant):voice:agent:\(userName)"
    }

    /// The key of a DN's index entry.
    public static func dnKey(tenant: String, dn: String) -> String {
        "gws:\(tenant):voice:dn:\(dn)"
    }

    /// The agent's stored record; nil when there is none.
    ///
    /// - Throws: ``VoiceError`` (`corruptRecord`) when it cannot be read; `RedisError` when Redis fails.
    public func load(tenant: String, userName: String) async throws -> VoiceRecord? {
        guard let json = try await redis.get(Self.agentKey(tenant: tenant, userName: userName)) else { return nil }
        do {
            return try VoiceCoding.decode(VoiceRecord.self, from: json)
        } catch {
            throw VoiceError(
                .corruptRecord, "the voice record of agent \(userName) cannot be read: \(VoiceCoding.describe(error))")
        }
    }

    /// Who is logged in on `dn`; nil when nobody is.
    public func userName(tenant: String, dn: String) async throws -> String? {
        try await redis.get(Self.dnKey(tenant: tenant, dn: dn))
    }

    /// Reads the agent's record (a fresh ``VoiceRecord/init(userName:)`` when
    /// none), applies `change`, and stores its record with the version raised
    /// by one, publishing its messages on `channel` and appending them to the
    /// event stream (``AgentNotification/streamKey``) in the same atomic step.
    ///
    /// On a conflicting write the change is applied again to the newer record.
    /// The DN index follows the records: a login claims the new DN, a logout
    /// (or a change of DN) releases the old one.
    ///
    /// - Parameter change: gets the current record; returns the new one, the
    ///   messages to publish, and a result. It may run several times; what it
    ///   throws ends the update with nothing written.
    /// - Returns: the stored record (with its new version) and the result of the
    ///   change that was stored.
    /// - Throws: ``VoiceError`` (`dnInUse`, `contention`, `corruptRecord`, or
    ///   what `change` threw); `RedisError` when Redis fails.
    public func update<Result: Sendable>(
        tenant: String, userName: String, publishingTo channel: String,
        _ change: (_ current: VoiceRecord) async throws -> (record: VoiceRecord, messages: [String], result: Result)
    ) async throws -> (record: VoiceRecord, result: Result) {
        for attempt in 0..<maximumAttempts {
            let current = try await load(tenant: tenant, userName: userName) ?? VoiceRecord(userName: userName)
            let changed = try await change(current)
            var record = changed.record
            record.version = current.version + 1
            let reply = try await write(
                record, over: current, tenant: tenant, userName: userName, channel: channel, messages: changed.messages)
            switch reply {
            case .stored:
                return (record, changed.result)
            case .dnInUse:
                throw VoiceError(.dnInUse, "DN \(record.dn?.number ?? "") is already logged in by another agent")
            case .conflict:
                // Someone else wrote first: back off a little (jittered), then start over from their record.
                let ceiling = min(1 << min(attempt, 4), 16)
                try await Task.sleep(for: .microseconds(Int.random(in: 0...(ceiling * 500))))
            }
        }
        throw VoiceError(
            .contention,
            "the voice record of agent \(userName) kept changing: gave up after \(maximumAttempts) attempts")
    }

    /// Runs the compare-and-set script for one write.
    private func write(
        _ record: VoiceRecord, over current: VoiceRecord, tenant: String, userName: String, channel: String,
        messages: [String]
    ) async throws -> VoiceStoreScript.Reply {
        let agentKey = Self.agentKey(tenant: tenant, userName: userName)
        let claim = record.loggedInDn.flatMap { $0 == current.loggedInDn ? nil : $0 }
        let release = current.loggedInDn.flatMap { $0 == record.loggedInDn ? nil : $0 }
        let keys = [
            claim.map { Self.dnKey(tenant: tenant, dn: $0) } ?? agentKey,
            release.map { Self.dnKey(tenant: tenant, dn: $0) } ?? agentKey,
            AgentNotification.streamKey,
        ]
        let arguments = [
            String(current.version), try VoiceCoding.string(of: record), userName,
            claim == nil ? "0" : "1", release == nil ? "0" : "1", channel,
            String(AgentNotification.streamMaximumLength),
        ]
        let reply = try await redis.command(
            ["EVAL", VoiceStoreScript.source, "4", agentKey] + keys + arguments + messages)
        guard let items = reply.array, items.count == 2, let status = items[0].string else {
            throw RedisError(.unexpectedReply, "unexpected reply to the voice record script: \(reply)")
        }
        switch status {
        case "ok": return .stored(version: items[1].int ?? record.version)
        case "conflict": return .conflict(storedVersion: items[1].int ?? -1)
        case "dn-in-use": return .dnInUse(owner: items[1].string ?? "")
        default: throw RedisError(.unexpectedReply, "unexpected reply to the voice record script: \(reply)")
        }
    }
}
