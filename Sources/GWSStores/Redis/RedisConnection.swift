import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// One connection to a Redis server: many commands may be in flight at once
/// (from any number of tasks); replies are matched to commands in order.
///
/// Connecting sends AUTH (when a password is configured) and SELECT (when
/// the database is not 0). Every command has a timeout; when the connection
/// drops, every request in flight fails with ``RedisError/Code/connectionClosed``.
public final class RedisConnection: Sendable {
    private let channel: any Channel
    private let address: String
    private let commandTimeout: Duration
    private let logger: Logger

    private init(channel: any Channel, configuration: RedisConfiguration, logger: Logger) {
        self.channel = channel
        self.address = configuration.address
        self.commandTimeout = configuration.commandTimeout
        self.logger = logger
    }

    /// Connects, authenticates and selects the database.
    ///
    /// - Parameter sslContext: the TLS context to use when `configuration.tls`
    ///   is set; made from it when nil (pools pass one shared context).
    /// - Throws: ``RedisError``: ``RedisError/Code/connectionRefused`` naming
    ///   `host:port`, ``RedisError/Code/authenticationFailed``, …
    public static func connect(
        configuration: RedisConfiguration, eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.any(),
        logger: Logger, sslContext: NIOSSLContext? = nil
    ) async throws -> RedisConnection {
        let address = configuration.address
        var context = sslContext
        if context == nil, let tls = configuration.tls {
            do { context = try NIOSSLContext(configuration: tls) } catch {
                throw RedisError(.connectFailed, "cannot set up TLS for Redis at \(address): \(error)")
            }
        }
        let host = configuration.host
        let serverName = (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(.nanoseconds(Int64(configuration.connectTimeout.nanoseconds)))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { [context] channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    if let context {
                        try sync.addHandler(NIOSSLClientHandler(context: context, serverHostname: serverName))
                    }
                    try sync.addHandler(ByteToMessageHandler(RESPDecoder()))
                    try sync.addHandler(RedisCommandHandler(address: address))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: host, port: configuration.port).get()
        } catch {
            throw connectError(error, address: address)
        }
        let connection = RedisConnection(channel: channel, configuration: configuration, logger: logger)
        do {
            try await connection.handshake(configuration)
        } catch {
            await connection.close()
            throw error
        }
        logger.debug("connected to Redis", metadata: ["redis.address": "\(address)"])
        return connection
    }

    /// Whether the channel is still open.
    public var isActive: Bool { channel.isActive }

    /// Completes when the connection has closed, for whatever reason.
    public var closeFuture: EventLoopFuture<Void> { channel.closeFuture }

    /// Sends one command and waits for its reply.
    ///
    /// - Throws: ``RedisError``: ``RedisError/Code/server`` with the server's
    ///   message for an error reply, ``RedisError/Code/timeout``,
    ///   ``RedisError/Code/connectionClosed``.
    public func send(_ command: [String], timeout: Duration? = nil) async throws -> RESPValue {
        var buffer = channel.allocator.buffer(capacity: 64)
        RESPEncoder.encodeCommand(command, into: &buffer)
        return try await send(encoded: buffer, name: command.first ?? "", timeout: timeout)
    }

    /// Sends one command made of raw arguments and waits for its reply.
    public func send(_ command: [RedisArgument], timeout: Duration? = nil) async throws -> RESPValue {
        var buffer = channel.allocator.buffer(capacity: 64)
        RESPEncoder.encodeCommand(command, into: &buffer)
        let name: String
        switch command.first {
        case .string(let s)?: name = s
        case .bytes(let b)?: name = String(buffer: b)
        case nil: name = ""
        }
        return try await send(encoded: buffer, name: name, timeout: timeout)
    }

    /// Sends one command made of byte buffers and waits for its reply.
    public func send(_ command: [ByteBuffer], timeout: Duration? = nil) async throws -> RESPValue {
        try await send(command.map(RedisArgument.bytes), timeout: timeout)
    }

    /// Sends all `commands` in one write and returns their replies in order.
    ///
    /// Error replies are returned in place as ``RESPValue/error(_:)`` so one
    /// failing command does not hide the others' results; connection failures
    /// and the timeout (one for the whole batch) throw.
    public func pipeline(_ commands: [[String]], timeout: Duration? = nil) async throws -> [RESPValue] {
        guard !commands.isEmpty else { return [] }
        var buffer = channel.allocator.buffer(capacity: 64 * commands.count)
        for command in commands { RESPEncoder.encodeCommand(command, into: &buffer) }
        let loop = channel.eventLoop
        let promises = (0..<commands.count).map { _ in loop.makePromise(of: RESPValue.self) }
        let all = EventLoopFuture.whenAllSucceed(promises.map(\.futureResult), on: loop)
        let timer = scheduleTimeout(timeout, promises: promises, what: "a pipeline of \(commands.count) commands")
        write(RedisCommandHandler.Request(payload: buffer, promises: promises))
        defer { timer.cancel() }
        return try await all.get()
    }

    /// Closes the connection; requests in flight fail with ``RedisError/Code/connectionClosed``.
    public func close() async {
        try? await channel.close()
    }

    /// Starts closing without waiting.
    func closeSoon() {
        channel.close(promise: nil)
    }

    private func send(encoded: ByteBuffer, name: String, timeout: Duration?) async throws -> RESPValue {
        let promise = channel.eventLoop.makePromise(of: RESPValue.self)
        let timer = scheduleTimeout(timeout, promises: [promise], what: name)
        write(RedisCommandHandler.Request(payload: encoded, promises: [promise]))
        defer { timer.cancel() }
        let reply = try await promise.futureResult.get()
        if case .error(let message) = reply { throw Self.serverError(message, address: address) }
        return reply
    }

    /// Writes the request; if the write fails (e.g. the channel is already
    /// closed, so the request never reached the handler), fails its promises.
    private func write(_ request: RedisCommandHandler.Request) {
        let address = self.address
        channel.writeAndFlush(request).whenFailure { error in
            let redisError =
                error as? RedisError
                ?? ((error as? ChannelError) == .ioOnClosedChannel
                    ? RedisError(.connectionClosed, "connection to Redis at \(address) is closed")
                    : RedisError(.connectionClosed, "write to Redis at \(address) failed: \(error)"))
            for promise in request.promises { promise.fail(redisError) }
        }
    }

    /// Fails the promises after the timeout. A late reply still arrives and
    /// completes the (already failed) promise, a no-op, so the order of
    /// replies is kept.
    private func scheduleTimeout(
        _ timeout: Duration?, promises: [EventLoopPromise<RESPValue>], what: String
    ) -> Scheduled<Void> {
        let limit = timeout ?? commandTimeout
        let error = RedisError(.timeout, "no reply to \(what) from Redis at \(address) within \(limit)")
        return channel.eventLoop.scheduleTask(in: .nanoseconds(Int64(limit.nanoseconds))) {
            for p in promises { p.fail(error) }
        }
    }

    private func handshake(_ configuration: RedisConfiguration) async throws {
        if let password = configuration.password {
            var command = ["AUTH"]
            if let user = configuration.username { command.append(user) }
            command.append(password)
            do {
                _ = try await send(command, timeout: configuration.connectTimeout)
            } catch let error as RedisError where error.code == .server || error.code == .authenticationFailed {
                throw RedisError(
                    .authenticationFailed, "authentication failed for Redis at \(address): \(error.message)")
            }
        }
        if configuration.database != 0 {
            _ = try await send(["SELECT", String(configuration.database)], timeout: configuration.connectTimeout)
        }
    }

    static func serverError(_ message: String, address: String) -> RedisError {
        if message.hasPrefix("NOAUTH") || message.hasPrefix("WRONGPASS") {
            return RedisError(.authenticationFailed, "authentication failed for Redis at \(address): \(message)")
        }
        return RedisError(.server, message)
    }

    static func connectError(_ error: any Error, address: String) -> RedisError {
        if let error = error as? RedisError { return error }
        let text = "\(error)"
        if text.contains("refused") || text.contains("ECONNREFUSED") || text.contains("connectTimeout")
            || error is NIOConnectionError
        {
            let reason = text.contains("connectTimeout") ? "connect timed out" : "connection refused"
            return RedisError(.connectionRefused, "cannot connect to Redis at \(address): \(reason)")
        }
        return RedisError(.connectFailed, "cannot connect to Redis at \(address): \(error)")
    }
}

extension Duration {
    /// The duration in whole nanoseconds (saturating).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (ns, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : ns &+ attoseconds / 1_000_000_000
    }
}
