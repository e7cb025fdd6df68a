import GWSReconciler
import GWSSpec
import Logging

/// Leadership was lost (the lease was not renewed within the renew
/// deadline, or another holder took it): the process should exit so that
/// it never acts as a second leader.
public struct LeaderElectionLost: Error, CustomStringConvertible {
    public var description: String
}

/// Leader election on a `coordination.k8s.io/v1` Lease, as client-go does
/// it: try to acquire every retry period until the lease is free or
/// expired, then renew every retry period; give up leadership when a
/// renewal has not succeeded within the renew deadline.
public struct LeaderElector: Sendable {
    let client: KubernetesClient
    public let config: LeaderElectionConfig
    let metrics: any ControllerMetrics
    let health: ControllerHealth
    let clock: any GWSClock
    let logger: Logger

    public init(
        client: KubernetesClient, config: LeaderElectionConfig, metrics: any ControllerMetrics,
        health: ControllerHealth,
        clock: any GWSClock = SystemClock(), logger: Logger
    ) {
        self.client = client
        self.config = config
        self.metrics = metrics
        self.health = health
        self.clock = clock
        self.logger = logger
    }

    /// How ``lead(_:)`` ended without an error.
    public enum Outcome: Sendable, Equatable {
        /// Cancelled before it acquired the lease.
        case neverLed
        /// Cancelled while leading: call ``release()``.
        case ledUntilCancelled
    }

    /// Acquires the lease, then runs `body` while renewing it. Returns when
    /// cancelled; throws ``LeaderElectionLost`` when a renewal fails for
    /// longer than the renew deadline (after cancelling `body`).
    public func lead(_ body: @escaping @Sendable () async -> Void) async throws -> Outcome {
        var observation = LeaseObservation()
        logger.info(
            "waiting for the lease",
            metadata: ["lease": "\(config.namespace)/\(config.name)", "identity": "\(config.identity)"])
        while true {
            if Task.isCancelled { return .neverLed }
            if await tryAcquireOrRenew(&observation) { break }
            do { try await clock.sleep(for: jittered(config.retryPeriod)) } catch { return .neverLed }
        }
        logger.info("acquired the lease; leading", metadata: ["identity": "\(config.identity)"])
        setLeading(true)
        defer { setLeading(false) }
        let initial = observation
        let lost: LeaderElectionLost? = await withTaskGroup(of: LeaderElectionLost?.self) { group in
            group.addTask {
                await body()
                return nil
            }
            group.addTask {
                var observation = initial
                return await renewUntilLost(&observation)
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        if let lost {
            logger.error("leadership lost", metadata: ["reason": "\(lost)"])
            throw lost
        }
        return .ledUntilCancelled
    }

    /// Renews every retry period; returns the loss, or nil when cancelled.
    func renewUntilLost(_ observation: inout LeaseObservation) async -> LeaderElectionLost? {
        var lastRenewal = clock.now()
        while true {
            do { try await clock.sleep(for: config.retryPeriod) } catch { return nil }
            let renewed = await tryAcquireOrRenew(&observation)
            if Task.isCancelled { return nil }
            let now = clock.now()
            if renewed {
                lastRenewal = now
            } else if observation.heldByOther(identity: config.identity, now: now) {
                return LeaderElectionLost(
                    description: "the lease is held by \(observation.record?.holderIdentity ?? "?")")
            } else if now - lastRenewal >= config.renewDeadline {
                return LeaderElectionLost(description: "could not renew the lease within \(config.renewDeadline)")
            }
        }
    }

    /// One attempt: create the lease, or take it (free or expired), or renew it.
    func tryAcquireOrRenew(_ observation: inout LeaseObservation) async -> Bool {
        let seconds = Int(config.leaseDuration.components.seconds)
        let now = KubeTime.micro()
        do {
            let lease: KubeObject
            do {
                lease = try await client.get(.leases, namespace: config.namespace, name: config.name)
            } catch let error as KubernetesAPIError where error.code == .notFound {
                let record = LeaseRecord(
                    holderIdentity: config.identity, leaseDurationSeconds: seconds, acquireTime: now, renewTime: now)
                let created = try await client.create(
                    .leases, namespace: config.namespace,
                    [
                        "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                        "metadata": ["name": .string(config.name), "namespace": .string(config.namespace)],
                        "spec": record.spec,
                    ])
                observation.observe(
                    LeaseRecord(spec: created.spec), resourceVersion: created.resourceVersion, at: clock.now())
                return true
            }
            let current = LeaseRecord(spec: lease.spec)
            observation.observe(current, resourceVersion: lease.resourceVersion, at: clock.now())
            if observation.heldByOther(identity: config.identity, now: clock.now()) { return false }
            var updated = lease.raw.setting(
                current.next(for: config.identity, durationSeconds: seconds, now: now).spec, at: [.key("spec")])
            updated = updated.setting(.string(lease.resourceVersion), at: [.key("metadata"), .key("resourceVersion")])
            let written = try await client.replace(.leases, namespace: config.namespace, name: config.name, updated)
            observation.observe(
                LeaseRecord(spec: written.spec), resourceVersion: written.resourceVersion, at: clock.now())
            return true
        } catch {
            if !Task.isCancelled {
                logger.debug("lease attempt failed", metadata: ["error": "\(error)"])
            }
            return false
        }
    }

    /// Steps down: clears `holderIdentity` if this process still holds the
    /// lease, so a standby takes over at its next retry instead of waiting
    /// for the lease to expire. Best effort.
    public func release() async {
        do {
            let lease = try await client.get(.leases, namespace: config.namespace, name: config.name)
            let current = LeaseRecord(spec: lease.spec)
            guard current.holderIdentity == config.identity else { return }
            var updated = lease.raw.setting(current.released(now: KubeTime.micro()).spec, at: [.key("spec")])
            updated = updated.setting(.string(lease.resourceVersion), at: [.key("metadata"), .key("resourceVersion")])
            _ = try await client.replace(.leases, namespace: config.namespace, name: config.name, updated)
            logger.info("released the lease", metadata: ["identity": "\(config.identity)"])
        } catch {
            logger.warning("could not release the lease", metadata: ["error": "\(error)"])
        }
    }

    func setLeading(_ leading: Bool) {
        health.setLeading(leading)
        metrics.leaderStatus(leading)
    }

    /// client-go's jitter: the period plus up to 20 %.
    func jittered(_ period: Duration) -> Duration {
        period + period * Double.random(in: 0...0.2)
    }
}
