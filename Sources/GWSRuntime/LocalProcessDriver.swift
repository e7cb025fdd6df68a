import Foundation
import GWSReconciler
import Logging
import Subprocess
import SystemPackage

#if canImport(Glibc)
    import Glibc
#endif

/// Starts and supervises `gws-service <role>` processes on this machine.
///
/// Each process runs in its own process group with stdout and stderr sent
/// straight to a per-instance log file (never a pipe to the operator, so it
/// survives the operator's death), and is recorded in the state directory
/// with its pid and start time so a restarted operator adopts it.
/// Unexpected exits are reported on ``events``; exits it caused are not.
public actor LocalProcessDriver {
    public enum Event: Sendable, Equatable {
        case exited(id: String, pid: Int32, description: String)
    }

    private struct Tracked {
        var record: InstanceRecord
        var generation: UInt64
        var stopping = false
        var stopSignal: Int32 = SIGTERM
    }

    private let state: StateDirectory
    private let binaryPath: String
    private let logger: Logger
    private var tracked: [String: Tracked] = [:]
    private var nextGeneration: UInt64 = 0
    public nonisolated let events: AsyncStream<Event>
    private let eventSink: AsyncStream<Event>.Continuation

    public init(state: StateDirectory, binaryPath: String, logger: Logger) {
        self.state = state
        self.binaryPath = binaryPath
        self.logger = logger
        (events, eventSink) = AsyncStream.makeStream(of: Event.self)
    }

    /// Records of the processes running now.
    public func records() -> [InstanceRecord] { tracked.values.map(\.record).sorted { $0.id < $1.id } }

    public func record(id: String) -> InstanceRecord? { tracked[id]?.record }

    /// Starts `spec` on the given ports. Returns once the process exists.
    public func start(_ spec: InstanceSpec, ports: [String: Int], restarts: Int) async throws -> InstanceRecord {
        if let existing = tracked[spec.id] { return existing.record }
        nextGeneration += 1
        let generation = nextGeneration
        let logURL = state.logFile(for: spec.id)
        var env = spec.environment
        for request in spec.ports { env[request.environmentKey] = String(ports[request.name] ?? request.port) }

        let header = "=== \(ISO8601DateFormatter().string(from: Date())) starting \(spec.id) (\(spec.role)) ports \(ports)\n"
        let out = try FileDescriptor.open(
            FilePath(logURL.path), .writeOnly, options: [.append, .create], permissions: [.ownerReadWrite, .groupRead])
        _ = try? out.writeAll(Array(header.utf8))
        let err = try FileDescriptor.open(FilePath(logURL.path), .writeOnly, options: [.append, .create], permissions: [.ownerReadWrite])

        var options = PlatformOptions()
        options.processGroupID = 0  // its own group, so the whole tree is signalled together
        var overrides: [Environment.Key: String?] = [:]
        for (k, v) in env { overrides[Environment.Key(stringLiteral: k)] = v }
        let environment = Environment.inherit.updating(overrides)
        let binary = spec.command?.executable ?? binaryPath
        let arguments = spec.command?.arguments ?? [spec.role]
        let id = spec.id

        let (pids, pidSink) = AsyncStream.makeStream(of: Int32.self)
        tracked[id] = Tracked(
            record: InstanceRecord(
                id: id, role: spec.role, configHash: spec.configHash, pid: 0, startTime: 0, ports: ports,
                logFile: logURL.path, startedAtEpoch: Date().timeIntervalSince1970, restarts: restarts),
            generation: generation, stopSignal: spec.command?.stopSignal ?? SIGTERM)
        Task.detached { [weak self] in
            var pid: Int32 = 0
            var description: String
            do {
                let result = try await Subprocess.run(
                    .path(FilePath(binary)), arguments: Arguments(arguments), environment: environment,
                    platformOptions: options, input: .none,
                    output: .fileDescriptor(out, closeAfterSpawningProcess: true),
                    error: .fileDescriptor(err, closeAfterSpawningProcess: true)
                ) { execution in
                    pid = execution.processIdentifier.value
                    pidSink.yield(pid)
                    pidSink.finish()
                }
                description = Self.describe(result.terminationStatus)
            } catch {
                pidSink.finish()
                try? out.close()
                try? err.close()
                description = "failed to start \(binary): \(error)"
            }
            await self?.processExited(id: id, generation: generation, pid: pid, description: description)
        }
        var iterator = pids.makeAsyncIterator()
        guard let pid = await iterator.next() else {
            tracked[id] = nil
            throw RuntimeError("could not start \(binary) for \(id); see \(logURL.path)")
        }
        let startTime = ProcStat.read(pid: pid)?.startTime ?? 0
        guard var entry = tracked[id], entry.generation == generation else {
            // It already exited; the exit was reported.
            return InstanceRecord(
                id: id, role: spec.role, configHash: spec.configHash, pid: pid, startTime: startTime, ports: ports,
                logFile: logURL.path, startedAtEpoch: Date().timeIntervalSince1970, restarts: restarts)
        }
        entry.record.pid = pid
        entry.record.startTime = startTime
        tracked[id] = entry
        try? state.writeRecord(entry.record)
        logger.info(
            "started instance", metadata: ["instance": "\(id)", "pid": "\(pid)", "ports": "\(ports)"])
        return entry.record
    }

    /// Adopts the processes recorded in the state directory that are still
    /// alive (same pid and start time); forgets the records of dead ones.
    public func adoptRecorded() -> [InstanceRecord] {
        var adopted: [InstanceRecord] = []
        for record in state.readRecords() {
            guard tracked[record.id] == nil else { continue }
            guard ProcStat.isAlive(pid: record.pid, startTime: record.startTime) else {
                logger.info("forgetting dead instance", metadata: ["instance": "\(record.id)", "pid": "\(record.pid)"])
                state.removeRecord(id: record.id)
                continue
            }
            nextGeneration += 1
            let generation = nextGeneration
            tracked[record.id] = Tracked(record: record, generation: generation)
            adopted.append(record)
            logger.info("adopted instance", metadata: ["instance": "\(record.id)", "pid": "\(record.pid)"])
            Task.detached { [weak self] in
                // Not our child: watch /proc until it is gone.
                while ProcStat.isAlive(pid: record.pid, startTime: record.startTime) {
                    try? await Task.sleep(for: .milliseconds(50))
                }
                await self?.processExited(
                    id: record.id, generation: generation, pid: record.pid, description: "exited (adopted process)")
            }
        }
        return adopted
    }

    /// Stops an instance: SIGTERM to its process group, SIGKILL to the group
    /// after `grace`. Returns when the process is gone.
    public func stop(id: String, grace: Duration) async {
        guard var entry = tracked[id] else {
            state.removeRecord(id: id)
            return
        }
        let pid = entry.record.pid
        let generation = entry.generation
        entry.stopping = true
        tracked[id] = entry
        guard pid > 0 else { return }
        logger.info("stopping instance", metadata: ["instance": "\(id)", "pid": "\(pid)"])
        Self.signalGroup(pid, entry.stopSignal)
        // A stopped (hung by SIGSTOP) process must run to handle SIGTERM, as systemd does.
        Self.signalGroup(pid, SIGCONT)
        if await waitForExit(id: id, generation: generation, timeout: grace) { return }
        logger.warning("instance ignored SIGTERM; killing its process group", metadata: ["instance": "\(id)"])
        Self.signalGroup(pid, SIGKILL)
        _ = await waitForExit(id: id, generation: generation, timeout: .seconds(5))
    }

    /// Stops every instance at once (each with its grace period).
    public func stopAll(grace: Duration) async {
        let ids = Array(tracked.keys)
        await withTaskGroup(of: Void.self) { group in
            for id in ids { group.addTask { await self.stop(id: id, grace: grace) } }
        }
    }

    /// Sends `signal` to the instance's process group (fault injection, drills).
    public func signal(id: String, _ signal: Int32) -> Bool {
        guard let pid = tracked[id]?.record.pid, pid > 0 else { return false }
        Self.signalGroup(pid, signal)
        return true
    }

    private func waitForExit(id: String, generation: UInt64, timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if tracked[id]?.generation != generation { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return tracked[id]?.generation != generation
    }

    private func processExited(id: String, generation: UInt64, pid: Int32, description: String) {
        guard let entry = tracked[id], entry.generation == generation else { return }
        tracked[id] = nil
        state.removeRecord(id: id)
        // Whatever the leader left behind in its group goes too.
        if entry.record.pid > 0 { Self.signalGroup(entry.record.pid, SIGKILL) }
        if entry.stopping {
            logger.info("instance stopped", metadata: ["instance": "\(id)", "status": "\(description)"])
        } else {
            logger.warning("instance exited unexpectedly", metadata: ["instance": "\(id)", "status": "\(description)"])
            eventSink.yield(.exited(id: id, pid: pid, description: description))
        }
    }

    static func signalGroup(_ pid: Int32, _ signal: Int32) {
        guard pid > 1 else { return }
        _ = kill(-pid, signal)
    }

    static func describe(_ status: TerminationStatus) -> String {
        switch status {
        case .exited(let code): return "exited with code \(code)"
        case .signaled(let signal): return "killed by signal \(signal)"
        }
    }
}
