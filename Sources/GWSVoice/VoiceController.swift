import Foundation
import GWSStores
import Logging

/// Runs voice commands for any agent from any instance: loads the agent's
/// record from Redis, applies ``VoiceReducer``, stores the result with
/// compare-and-set and publishes the events as ``AgentNotification``s on
/// `gws:events:<tenant>` and the event stream `gws:stream:events`, in the same
/// atomic step (``VoiceStateStore``).
public struct VoiceController: Sendable {
    /// The records.
    public let store: VoiceStateStore
    private let ids: VoiceIDGenerator
    private let clock: @Sendable () -> Date
    private let logger: Logger

    /// - Parameters:
    ///   - ids: makes new call ids (random by default).
    ///   - clock: the time of each command (the wall clock by default).
    public init(
        store: VoiceStateStore, ids: VoiceIDGenerator = .random, clock: @escaping @Sendable () -> Date = { Date() },
        logger: Logger
    ) {
        self.store = store
        self.ids = ids
        self.clock = clock
        self.logger = logger
    }

    /// A controller on `redis` with the default store settings.
    public init(redis: RedisClient, logger: Logger) {
        self.init(store: VoiceStateStore(redis: redis), logger: logger)
    }

    /// Runs `command` for the agent `userName` of `tenant`.
    ///
    /// - Throws: ``VoiceError`` when the command is refused (nothing changed,
    ///   nothing published; see ``VoiceError`` for the HTTP statuses);
    ///   `RedisError` when Redis fails.
    @discardableResult
    public func execute(_ command: VoiceCommand, tenant: String, userName: String) async throws -> VoiceOutcome {
        try await execute(command, tenant: tenant, userName: userName, expectedDn: nil)
    }

    /// Runs `command` for whoever is logged in on `dn` (the tenant simulator's
    /// `inboundRinging` and `remoteRelease`).
    ///
    /// - Throws: ``VoiceError`` `notFound` when nobody is logged in on `dn`.
    @discardableResult
    public func execute(_ command: VoiceCommand, tenant: String, dn: String) async throws -> VoiceOutcome {
        try validate(tenant: tenant, name: dn, what: "DN")
        guard let userName = try await store.userName(tenant: tenant, dn: dn) else {
            throw VoiceError(.notFound, "nobody is logged in on DN \(dn)")
        }
        return try await execute(command, tenant: tenant, userName: userName, expectedDn: dn)
    }

    /// The agent's record (a logged-out one without a DN when it never logged
    /// in): for `GET voice/calls` and `current-session`.
    public func record(tenant: String, userName: String) async throws -> VoiceRecord {
        try validate(tenant: tenant, name: userName, what: "user name")
        return try await store.load(tenant: tenant, userName: userName) ?? VoiceRecord(userName: userName)
    }

    /// The record of whoever is logged in on `dn`; nil when nobody is.
    public func record(tenant: String, dn: String) async throws -> VoiceRecord? {
        try validate(tenant: tenant, name: dn, what: "DN")
        guard let userName = try await store.userName(tenant: tenant, dn: dn) else { return nil }
        let record = try await record(tenant: tenant, userName: userName)
        return record.loggedInDn == dn ? record : nil
    }

    /// Publishes events outside the record's order (no sequence number): a
    /// `ServiceStateChanged`, an `EventError`, the `CallRecovered` events of
    /// ``VoiceRecord/recoveryEvents()``.
    public func publish(_ events: [VoiceEvent], tenant: String, userName: String, employeeId: String? = nil) async throws {
        let now = clock()
        let messages = try events.map { event in
            try AgentNotification(
                tenant: tenant, userName: userName, employeeId: employeeId, event: event, at: now, sequence: nil
            ).jsonString()
        }
        try await AgentNotificationBus.publish(messages, tenant: tenant, on: store.redis)
    }

    private func execute(
        _ command: VoiceCommand, tenant: String, userName: String, expectedDn: String?
    ) async throws -> VoiceOutcome {
        try validate(tenant: tenant, name: userName, what: "user name")
        let ids = self.ids
        let clock = self.clock
        let (record, outcome) = try await store.update(
            tenant: tenant, userName: userName, publishingTo: AgentNotification.busChannel(tenant: tenant)
        ) { current in
            if let expectedDn, current.loggedInDn != expectedDn {
                throw VoiceError(.notFound, "nobody is logged in on DN \(expectedDn)")
            }
            let now = clock()
            var transition = try VoiceReducer.reduce(current, command, now: now, ids: ids)
            let employeeId = transition.record.employeeId ?? current.employeeId
            let notifications = transition.events.enumerated().map { offset, event in
                AgentNotification(
                    tenant: tenant, userName: userName, employeeId: employeeId, event: event, at: now,
                    sequence: current.eventSequence + offset + 1)
            }
            transition.record.eventSequence = current.eventSequence + notifications.count
            let messages = try notifications.map { try $0.jsonString() }
            return (transition.record, messages, VoiceOutcome(record: transition.record, events: transition.events, notifications: notifications))
        }
        logger.debug(
            "voice command done",
            metadata: [
                "tenant": "\(tenant)", "user": "\(userName)", "operation": "\(command.operation)",
                "version": "\(record.version)", "events": "\(outcome.events.count)",
            ])
        return VoiceOutcome(record: record, events: outcome.events, notifications: outcome.notifications)
    }

    private func validate(tenant: String, name: String, what: String) throws(VoiceError) {
        guard !tenant.isEmpty else { throw VoiceError(.invalidArgument, "the tenant is empty") }
        guard !name.isEmpty else { throw VoiceError(.invalidArgument, "the \(what) is empty") }
    }
}
