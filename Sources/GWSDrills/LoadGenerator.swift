import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// Simulated agents using the APIs through the proxy at a fixed rate
/// (open loop: a slow answer does not slow the next request down): reads of
/// the Workspace session and version, and writes of Setting favorites named
/// by sequence number, each acknowledged write read back at the end.
public actor LoadGenerator {
    let profile: LoadProfile
    let proxy: String
    let run: String
    let client: HTTPClient
    let clock: DrillClock
    let logger: Logger
    var agents: [SimulatedAgent] = []
    var records: [LoadRecord] = []
    /// Acknowledged favorite ids by agent index.
    var acknowledged: [Int: Set<String>] = [:]
    var consecutiveFailures = 0
    var loop: Task<Void, Never>?
    var stopping = false

    public init(profile: LoadProfile, proxy: String, run: String, client: HTTPClient, clock: DrillClock, logger: Logger) {
        self.profile = profile
        self.proxy = proxy
        self.run = run
        self.client = client
        self.clock = clock
        self.logger = logger
    }

    var requestTimeout: TimeAmount { .milliseconds(Int64(profile.requestTimeout * 1000)) }

    /// Logs the agents in and starts sending.
    func start(credentialsFile: URL) async throws {
        guard profile.agents > 0 else { return }
        guard let data = try? Data(contentsOf: credentialsFile),
            let credentials = try? JSONDecoder().decode(DrillCredentials.self, from: data)
        else {
            throw LoadError("no demo tenant credentials at \(credentialsFile.path) (the operator writes them once PostgreSQL is ready)")
        }
        guard credentials.agents.count >= profile.agents else {
            throw LoadError("load.agents is \(profile.agents) but the demo tenant has \(credentials.agents.count) agents")
        }
        for index in 0..<profile.agents {
            agents.append(
                try await SimulatedAgent.login(
                    index: index, credentials: credentials, agent: credentials.agents[index], proxy: proxy, client: client,
                    timeout: requestTimeout))
        }
        let interval = Duration.seconds(1 / profile.rate)
        loop = Task { await self.send(every: interval) }
    }

    private func send(every interval: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            var next = ContinuousClock.now
            var sequence = 0
            while !stopping {
                let agent = agents[sequence % agents.count]
                let operation = Self.operation(
                    number: sequence / agents.count, sequence: sequence, writeRatio: profile.writeRatio)
                group.addTask { await self.perform(operation, agent: agent) }
                sequence += 1
                next += interval
                try? await Task.sleep(until: next)
            }
        }
    }

    /// An agent's `number`-th request: every (1/writeRatio)-th a write
    /// (numbered `sequence`, unique in the run), the others alternating
    /// between the session and the version.
    static func operation(number: Int, sequence: Int, writeRatio: Double) -> SimulatedAgent.Operation {
        if writeRatio > 0 {
            let every = max(1, Int((1 / writeRatio).rounded()))
            if number % every == every - 1 { return .write(sequence: sequence) }
        }
        return number % 2 == 0 ? .currentSession : .version
    }

    private func perform(_ operation: SimulatedAgent.Operation, agent: SimulatedAgent) async {
        let start = clock.now()
        let request = agent.request(operation, proxy: proxy, run: run)
        var status: Int?
        var failure: String?
        var instance: String?
        do {
            let response = try await client.execute(request, timeout: requestTimeout)
            let body = try await response.body.collect(upTo: 4 * 1024 * 1024)
            status = Int(response.status.code)
            if operation == .version { instance = LoadRecord.instance(inVersionBody: String(buffer: body)) }
        } catch {
            failure = "\(error)"
        }
        let kind: LoadRecord.Kind
        if case .write = operation { kind = .write } else { kind = .read }
        let record = LoadRecord(
            time: start, kind: kind, agent: agent.index, status: status, error: failure, latency: clock.now() - start,
            instance: instance)
        if case .write(let sequence) = operation, !record.failed {
            acknowledged[agent.index, default: []].insert(SimulatedAgent.itemID(run: run, sequence: sequence))
        }
        records.append(record)
        consecutiveFailures = record.failed ? consecutiveFailures + 1 : 0
    }

    /// Stops sending and waits for the requests in flight.
    func stop() async {
        stopping = true
        await loop?.value
    }

    /// Requests so far: sent, failed, failures in a row (for abort conditions).
    func progress() -> (sent: Int, failed: Int, consecutiveFailures: Int) {
        (records.count, records.filter(\.failed).count, consecutiveFailures)
    }

    func allRecords() -> [LoadRecord] { records.sorted { $0.time < $1.time } }

    /// Reads every acknowledged write back (retrying for `patience` while the
    /// store does not answer), checks each session, then deletes the writes.
    func verify(patience: Duration = .seconds(15)) async -> LoadVerification {
        var lost: [String] = []
        var unverified = 0
        var valid = 0
        for agent in agents {
            let written = acknowledged[agent.index] ?? []
            if !written.isEmpty {
                if let stored = await favorites(of: agent, patience: patience) {
                    lost += written.subtracting(stored).sorted().map { "\(agent.username)/\($0)" }
                } else {
                    unverified += 1
                }
            }
            if await sessionIsValid(agent) { valid += 1 }
            await delete(written, of: agent)
        }
        return LoadVerification(
            acknowledged: acknowledged.values.map(\.count).reduce(0, +), lost: lost, unverifiedAgents: unverified,
            agents: agents.count, validSessions: valid)
    }

    private func favorites(of agent: SimulatedAgent, patience: Duration) async -> Set<String>? {
        let deadline = ContinuousClock.now + patience
        repeat {
            var request = HTTPClientRequest(url: agent.favoritesURL(proxy))
            request.headers.add(name: "Authorization", value: "Bearer \(agent.token)")
            if let response = try? await client.execute(request, timeout: requestTimeout),
                let body = try? await response.body.collect(upTo: 64 * 1024 * 1024), response.status == .ok,
                let object = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any],
                let data = object["data"] as? [String: Any], let items = data["favorites"] as? [[String: Any]]
            {
                return Set(items.compactMap { $0["id"] as? String })
            }
            try? await Task.sleep(for: .milliseconds(500))
        } while ContinuousClock.now < deadline
        return nil
    }

    private func sessionIsValid(_ agent: SimulatedAgent) async -> Bool {
        for _ in 0..<3 {
            let request = agent.request(.currentSession, proxy: proxy, run: run)
            if let response = try? await client.execute(request, timeout: requestTimeout) {
                _ = try? await response.body.collect(upTo: 4 * 1024 * 1024)
                if response.status == .ok { return true }
                if response.status == .unauthorized { return false }
            }
            try? await Task.sleep(for: .milliseconds(500))
        }
        return false
    }

    /// Removes the drill's favorites (best effort), so repeated drills stay small.
    private func delete(_ ids: Set<String>, of agent: SimulatedAgent) async {
        let base = agent.favoritesURL(proxy)
        let client = self.client
        let timeout = requestTimeout
        await withTaskGroup(of: Void.self) { group in
            for (n, id) in ids.enumerated() {
                if n >= 8 { await group.next() }
                group.addTask {
                    var request = HTTPClientRequest(url: base + "/" + id)
                    request.method = .DELETE
                    request.headers.add(name: "Authorization", value: "Bearer \(agent.token)")
                    if let response = try? await client.execute(request, timeout: timeout) {
                        _ = try? await response.body.collect(upTo: 1024 * 1024)
                    }
                }
            }
        }
    }
}
