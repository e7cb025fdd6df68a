import Foundation
import GWSStores

#if canImport(Glibc)
    import Glibc
#endif

/// What `gwsctl switchover postgres` reports.
public struct PostgresSwitchoverResult: Codable, Sendable, Equatable {
    /// The primary before (now being rebuilt as the standby).
    public var from: String
    /// The primary now.
    public var to: String
    /// From the request to the new primary accepting writes.
    public var seconds: Double

    public init(from: String, to: String, seconds: Double) {
        self.from = from
        self.to = to
        self.seconds = seconds
    }
}

/// Why a switchover was refused (named preconditions).
enum PostgresSwitchoverError: Error, CustomStringConvertible {
    case notEnabled
    case busy
    case primaryNotSynchronous(String)
    case standbyNotReady(String)
    case primaryDidNotStop(String)
    case promotionFailed(String)

    var description: String {
        switch self {
        case .notEnabled: "PostgreSQL HA is not enabled (set postgres.ha.enabled=true)"
        case .busy: "a failover, rebuild or switchover of PostgreSQL is under way; try again when it is done"
        case .primaryNotSynchronous(let id):
            "the primary \(id) does not answer or has no synchronous standby streaming; not switching over"
        case .standbyNotReady(let id): "the standby \(id) does not answer as a standby; not switching over"
        case .primaryDidNotStop(let id): "the primary \(id) did not stop within 30 s"
        case .promotionFailed(let id): "the standby \(id) was not promoted (the operator keeps trying)"
        }
    }
}

extension PostgresHACoordinator {
    /// A planned switchover: checks the standby streams synchronously, records
    /// it as the primary, stops the primary cleanly (fast shutdown: it sends
    /// its last WAL to the standby), waits until the standby replayed
    /// everything, promotes it. The old primary is then rebuilt as the new
    /// standby when the operator restarts it.
    func switchover() async throws -> PostgresSwitchoverResult {
        guard !switchingOver, work.isEmpty else { throw PostgresSwitchoverError.busy }
        let old = primary
        let new = standby
        let started = ContinuousClock.now
        guard let oldState = await state(of: old), oldState.isSynchronousPrimary else {
            throw PostgresSwitchoverError.primaryNotSynchronous(old.id)
        }
        guard let newState = await state(of: new), newState.inRecovery else {
            throw PostgresSwitchoverError.standbyNotReady(new.id)
        }
        switchingOver = true
        defer { switchingOver = false }
        logger.notice("PostgreSQL switchover", metadata: ["from": "\(old.id)", "to": "\(new.id)"])
        try adopt(primary: new.id)
        // Fast shutdown, to the postmaster only: it ends the sessions and sends its last WAL to the standby.
        if let pid = old.server.runningPostmasterPID() { kill(pid, SIGINT) }
        let stopDeadline = ContinuousClock.now + .seconds(30)
        while old.server.runningPostmasterPID() != nil {
            if ContinuousClock.now > stopDeadline {
                _ = await self.signal(old.id, SIGKILL)
                throw PostgresSwitchoverError.primaryDidNotStop(old.id)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        try? old.server.writeStandbySignal()
        let replayDeadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < replayDeadline, await state(of: new)?.replayCaughtUp != true {
            try await Task.sleep(for: .milliseconds(20))
        }
        await promote(new)
        guard let promoted = await state(of: new), !promoted.inRecovery else {
            throw PostgresSwitchoverError.promotionFailed(new.id)
        }
        let took = ContinuousClock.now - started
        logger.notice("PostgreSQL switched over", metadata: ["primary": "\(new.id)", "took": "\(took)"])
        return PostgresSwitchoverResult(
            from: old.id, to: new.id,
            seconds: Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18)
    }
}
