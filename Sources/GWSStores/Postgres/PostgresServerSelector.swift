import Logging
import PostgresNIO

/// Which server of a multi-host configuration the pool uses (libpq's
/// `target_session_attrs`): with `read-write`, the one where
/// `pg_is_in_recovery()` is false, i.e. the primary.
///
/// It remembers the choice until an operation on that server fails with a
/// connection error or a "read-only transaction" error (the server was
/// stopped, or demoted); the next operation then looks again, asking every
/// server every ``retryInterval`` until one fits (the caller's deadline
/// bounds the wait, so requests arriving during a failover wait for the new
/// primary instead of failing at once). Each waiting caller asks on its own.
actor PostgresServerSelector {
    /// What one server said when asked.
    enum Answer: Sendable, Equatable {
        case writable
        case readOnly
        case unreachable
    }

    let servers: [PostgresConfiguration.Server]
    let target: PostgresConfiguration.TargetSessionAttributes
    let retryInterval: Duration
    private let ask: @Sendable (PostgresConfiguration.Server) async -> Answer
    private let logger: Logger
    private var chosen: Int?
    private var lastCheck: [Int: (at: ContinuousClock.Instant, fits: Bool)] = [:]

    init(
        servers: [PostgresConfiguration.Server], target: PostgresConfiguration.TargetSessionAttributes,
        retryInterval: Duration = .milliseconds(100), logger: Logger,
        ask: @escaping @Sendable (PostgresConfiguration.Server) async -> Answer
    ) {
        self.servers = servers
        self.target = target
        self.retryInterval = retryInterval
        self.logger = logger
        self.ask = ask
    }

    /// The first server whose answer fits `target`, in order; nil when none does. Pure.
    static func choose(_ answers: [Answer], target: PostgresConfiguration.TargetSessionAttributes) -> Int? {
        switch target {
        case .any: answers.firstIndex { $0 != .unreachable }
        case .readWrite: answers.firstIndex(of: .writable)
        }
    }

    /// The index of the server to use now; while none fits, asks again every
    /// ``retryInterval`` until one does or the caller is cancelled.
    func current() async throws -> Int {
        var attempt = 0
        while true {
            if let chosen { return chosen }
            var answers: [Answer] = []
            for server in servers { answers.append(await ask(server)) }
            if let chosen { return chosen }  // another caller found it meanwhile
            if let index = Self.choose(answers, target: target) {
                chosen = index
                lastCheck = [:]
                logger.info("using PostgreSQL server", metadata: ["server": "\(servers[index])", "target": "\(target.rawValue)"])
                return index
            }
            if attempt == 0 {
                logger.warning(
                    "no PostgreSQL server fits; looking again",
                    metadata: ["servers": "\(servers)", "target": "\(target.rawValue)", "answers": "\(answers)"])
            }
            attempt += 1
            try await Task.sleep(for: retryInterval)
        }
    }

    /// Whether server `index` may still be used: no other server was chosen since
    /// and, asked again (at most every ``retryInterval``, answers shared), it fits the target.
    func stillFits(_ index: Int) async -> Bool {
        if let chosen, chosen != index { return false }
        if let (at, fits) = lastCheck[index], ContinuousClock.now - at < retryInterval { return fits }
        let answer = await ask(servers[index])
        let fits = Self.choose([answer], target: target) == 0
        lastCheck[index] = (ContinuousClock.now, fits)
        return fits && (chosen == nil || chosen == index)
    }

    /// Forgets server `index` if it is the chosen one (it was found gone).
    func forget(_ index: Int) {
        guard chosen == index else { return }
        logger.info("PostgreSQL server lost; looking for another", metadata: ["server": "\(servers[index])"])
        chosen = nil
        lastCheck[index] = nil
    }

    /// The server in use, if one was found.
    var chosenServer: PostgresConfiguration.Server? { chosen.map { servers[$0] } }

    /// An operation on server `index` failed with `error`: forget the choice when
    /// the error says the server is gone or no longer writable.
    func failed(_ index: Int, error: PostgresStoreError?) {
        guard chosen == index, let error, Self.meansServerChanged(error) else { return }
        logger.info("PostgreSQL server lost; looking for another", metadata: ["server": "\(servers[index])", "error": "\(error.message)"])
        chosen = nil
    }

    /// Connection errors, timeouts, shutdowns and "read-only transaction" (25006:
    /// a standby, or a demoted primary).
    static func meansServerChanged(_ error: PostgresStoreError) -> Bool {
        switch error.code {
        case .unreachable, .timeout: true
        case .queryFailed(let state): state == "25006" || state == "57P01" || state == "57P02" || state == "57P03"
        default: false
        }
    }

    /// Asks a real server: connect, `SELECT pg_is_in_recovery()`, all within
    /// `timeout` (a hung server is unreachable, even if it accepts TCP).
    static func probe(
        _ configuration: PostgresConfiguration, timeout: Duration, logger: Logger
    ) -> @Sendable (PostgresConfiguration.Server) async -> Answer {
        { server in
            (try? await withAbandoningDeadline(timeout) { await ask(server, configuration, timeout, logger) }) ?? .unreachable
        }
    }

    private static func ask(
        _ server: PostgresConfiguration.Server, _ configuration: PostgresConfiguration, _ connectTimeout: Duration,
        _ logger: Logger
    ) async -> Answer {
        var single = configuration.onServer(server)
        single.connectTimeout = min(configuration.connectTimeout, connectTimeout)
        guard let settings = try? single.makeConnectionConfiguration(),
            let connection = try? await PostgresConnection.connect(configuration: settings, id: 0, logger: logger)
        else { return .unreachable }
        var answer = Answer.unreachable
        if let rows = try? await connection.query("SELECT pg_is_in_recovery()", logger: logger) {
            do {
                for try await inRecovery in rows.decode(Bool.self) { answer = inRecovery ? .readOnly : .writable }
            } catch {
                answer = .unreachable
            }
        }
        try? await connection.close()
        return answer
    }
}
