import Foundation
import GWSReconciler
import GWSRuntime

/// Rolling restarts (`gwsctl rollout restart <role>`): the request is
/// recorded here, the pure ``RolloutPlanner`` decides each step, and a
/// replaced instance is drained first: put in maintenance (out of every
/// passing answer, so the proxy's blocking query drops it), given
/// ``drainPropagation`` to let that reach the proxy, then stopped with
/// SIGTERM, on which the service finishes its in-flight requests. A role
/// with one replica gets a surge instance (ordinal 1) that serves meanwhile.
extension ClusterController {
    /// How long a drained instance keeps serving after it left discovery.
    static let drainPropagation: Duration = .seconds(1)

    /// Starts (or restarts) a rolling restart of `role`.
    func requestRollout(role: String) async throws -> RolloutProgress {
        let roles = Set(desired.instances.values.map(\.role))
        guard roles.contains(role) else {
            throw RuntimeError(
                "no instances of role \"\(role)\" are running; roles: \(roles.sorted().joined(separator: ", "))")
        }
        let now = clock.now()
        rollouts[role] = RolloutRequest(role: role, requestedAt: now)
        saveRollouts()
        logger.info("rolling restart requested", metadata: ["role": "\(role)"])
        Task { await queue.add(deploymentName) }
        return await rolloutProgress(role: role).first!
    }

    /// The requests, each with the surge instance its role gets (single replica).
    func rolloutRequests() -> [RolloutRequest] {
        rollouts.values.sorted { $0.role < $1.role }.map { request in
            var request = request
            request.surge = DesiredStatePlanner.surgeInstance(role: request.role, spec: loaded.spec, context: planContext)
            return request
        }
    }

    /// The progress of every requested rollout (or of `role`'s).
    func rolloutProgress(role: String? = nil) async -> [RolloutProgress] {
        let passing = await rolloutPassing()
        let requests = rolloutRequests().filter { role == nil || $0.role == role }
        return RolloutPlanner.plan(
            desired: desired, observed: observed, rollouts: Array(requests), passing: passing, busy: [], now: clock.now()
        ).progress
    }

    /// Takes `id` out of rotation and waits for that to propagate.
    func drain(id: String) async {
        guard let registry else { return }
        do {
            try await registry.setMaintenance(serviceID: id, enabled: true, reason: "draining for a rolling restart")
            logger.info("draining instance", metadata: ["instance": "\(id)"])
        } catch {
            logger.warning("could not drain instance", metadata: ["instance": "\(id)", "error": "\(error)"])
        }
        try? await Task.sleep(for: Self.drainPropagation)
    }

    /// The instances discovery lists as passing, for the roles being rolled;
    /// stores (never registered) count as passing. Nil without an embedded
    /// registry or rollout.
    func rolloutPassing() async -> Set<String>? {
        guard let registry, !rollouts.isEmpty else { return nil }
        var passing: Set<String> = []
        let members = desired.instances.values.filter { rollouts[$0.role] != nil }
        for spec in members where spec.store != nil { passing.insert(spec.id) }
        for service in Set(members.filter { $0.store == nil }.map(\.serviceName)) {
            for instance in await registry.healthyInstances(of: service) { passing.insert(instance.id) }
        }
        return passing
    }

    // MARK: - Persistence (`<state>/rollouts.json`: role → request time, seconds since 1970)

    private var rolloutsFile: URL { state.root.appendingPathComponent("rollouts.json") }

    /// Reads the requests a previous operator recorded, on this operator's clock.
    func restoreRollouts() {
        guard let saved = state.readJSON([String: Double].self, from: rolloutsFile) else { return }
        let now = clock.now()
        let wallNow = Date().timeIntervalSince1970
        for (role, epoch) in saved {
            rollouts[role] = RolloutRequest(role: role, requestedAt: now - .seconds(max(0, wallNow - epoch)))
        }
    }

    private func saveRollouts() {
        let now = clock.now()
        let wallNow = Date().timeIntervalSince1970
        let saved = rollouts.mapValues { wallNow - Self.seconds(now - $0.requestedAt) }
        try? state.writeJSON(saved, to: rolloutsFile)
    }
}
