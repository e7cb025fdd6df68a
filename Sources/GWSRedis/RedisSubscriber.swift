import Logging
import NIOCore
import NIOPosix
import NIOSSL
import ServiceLifecycle

/// Pub/sub on its own dedicated connection.
///
/// Each ``subscribe(channels:)`` or ``psubscribe(patterns:)`` call returns a
/// stream of the messages for its channels (or patterns) once the server has
/// confirmed the subscription. The connection opens with the first
/// subscription; when it drops, the subscriber reconnects with backoff (for
/// as long as it takes) and subscribes again to everything, so the streams
/// go on (messages published while it was away are lost: that is Redis
/// pub/sub). Streams end on ``unsubscribe(channels:)``, ``close()``, or when
/// the consumer stops iterating.
///
/// With Sentinels (``RedisConfiguration/sentinel``) it connects to the master
/// they name, and when the master changes (`+switch-master`, or its
/// connection drops and the Sentinels name another) it moves to the new one
/// and subscribes there again.
public actor RedisSubscriber: Service {
    private struct Subscription {
        var continuation: AsyncStream<RedisMessage>.Continuation
        var channels: Set<String>
        var patterns: Set<String>
    }

    /// A subscribe call waiting for the server to confirm `remaining`.
    private struct Pending {
        var remaining: Set<String>
        var continuation: CheckedContinuation<Void, any Error>?
        var failure: RedisError?
    }

    private let configuration: RedisConfiguration
    private let group: any EventLoopGroup
    private let logger: Logger
    private var subscriptions: [Int: Subscription] = [:]
    private var pending: [Int: Pending] = [:]  // keys are "s:channel" / "p:pattern"
    private var nextID = 0
    private var writer: NIOAsyncChannelOutboundWriter<ByteBuffer>?
    private var channel: (any Channel)?
    private var connectionTask: Task<Void, Never>?
    private var closed = false
    /// Finds the master (Sentinel mode only).
    private let resolver: RedisSentinelResolver?
    /// The master generation of the current connection (Sentinel mode).
    private var generation: UInt64 = 0

    public init(
        configuration: RedisConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger
    ) {
        self.configuration = configuration
        self.group = eventLoopGroup
        self.logger = logger
        self.resolver = configuration.sentinel.map { _ in
            RedisSentinelResolver(configuration: configuration, group: eventLoopGroup, logger: logger)
        }
    }

    /// Runs until graceful shutdown (or cancellation), then closes.
    public func run() async throws {
        try? await gracefulShutdown()
        close()
    }

    /// Subscribes to `channels`; returns once the server confirmed them.
    ///
    /// - Throws: ``RedisError/Code/timeout`` when the server did not confirm
    ///   within the command timeout (e.g. it is down); nothing stays subscribed then.
    public func subscribe(channels: [String]) async throws -> AsyncStream<RedisMessage> {
        try await add(channels: Set(channels), patterns: [])
    }

    /// Subscribes to channel `patterns` (`PSUBSCRIBE`, glob-style); returns once confirmed.
    public func psubscribe(patterns: [String]) async throws -> AsyncStream<RedisMessage> {
        try await add(channels: [], patterns: Set(patterns))
    }

    /// Stops delivering `channels`; streams left with nothing end. Returns
    /// once the server confirmed (or after the command timeout).
    public func unsubscribe(channels: [String]) async {
        await remove(channels: Set(channels), patterns: [])
    }

    /// Stops delivering `patterns`; streams left with nothing end.
    public func punsubscribe(patterns: [String]) async {
        await remove(channels: [], patterns: Set(patterns))
    }

    /// Ends every stream and closes the connection.
    public func close() {
        guard !closed else { return }
        closed = true
        for (_, subscription) in subscriptions { subscription.continuation.finish() }
        subscriptions.removeAll()
        let error = RedisError(.clientClosed, "the Redis subscriber is closed")
        for id in Array(pending.keys) { finishPending(id, failure: error) }
        connectionTask?.cancel()
        channel?.close(promise: nil)
        if let resolver { Task { await resolver.close() } }
    }

    // MARK: - Subscriptions

    private var subscribedChannels: Set<String> { subscriptions.values.reduce(into: []) { $0.formUnion($1.channels) } }
    private var subscribedPatterns: Set<String> { subscriptions.values.reduce(into: []) { $0.formUnion($1.patterns) } }

    private func add(channels: Set<String>, patterns: Set<String>) async throws -> AsyncStream<RedisMessage> {
        guard !closed else { throw RedisError(.clientClosed, "the Redis subscriber is closed") }
        let newChannels = channels.subtracting(subscribedChannels)
        let newPatterns = patterns.subtracting(subscribedPatterns)
        nextID += 1
        let id = nextID
        let (stream, continuation) = AsyncStream.makeStream(of: RedisMessage.self)
        continuation.onTermination = { [weak self] _ in
            Task { await self?.streamEnded(id) }
        }
        subscriptions[id] = Subscription(continuation: continuation, channels: channels, patterns: patterns)
        if connectionTask == nil {
            connectionTask = Task { await self.maintainConnection() }
        }
        let keys = newChannels.map { "s:" + $0 } + newPatterns.map { "p:" + $0 }
        guard !keys.isEmpty else { return stream }
        pending[id] = Pending(remaining: Set(keys))  // before writing: confirmations may come during the write
        let timeout = configuration.commandTimeout
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            guard !Task.isCancelled, let self else { return }
            let error = RedisError(
                .timeout, "Redis at \(self.configuration.address) did not confirm the subscription within \(timeout)")
            await self.finishPending(id, failure: error)
        }
        defer { timer.cancel() }
        if !newChannels.isEmpty { await write(["SUBSCRIBE"] + newChannels.sorted()) }
        if !newPatterns.isEmpty { await write(["PSUBSCRIBE"] + newPatterns.sorted()) }
        do {
            try await waitForPending(id)
        } catch {
            subscriptions[id] = nil
            continuation.finish()
            throw error
        }
        return stream
    }

    private func remove(channels: Set<String>, patterns: Set<String>) async {
        for id in Array(subscriptions.keys) {
            subscriptions[id]!.channels.subtract(channels)
            subscriptions[id]!.patterns.subtract(patterns)
            if subscriptions[id]!.channels.isEmpty && subscriptions[id]!.patterns.isEmpty {
                subscriptions.removeValue(forKey: id)?.continuation.finish()
            }
        }
        let keys = channels.subtracting(subscribedChannels).map { "u:" + $0 }
            + patterns.subtracting(subscribedPatterns).map { "q:" + $0 }
        guard writer != nil, !keys.isEmpty else { return await sendUnsubscribes(channels: channels, patterns: patterns) }
        // Wait for the server's confirmation, so a PUBLISH after this returns no longer reaches us.
        nextID += 1
        let id = nextID
        pending[id] = Pending(remaining: Set(keys))
        let timeout = configuration.commandTimeout
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            guard !Task.isCancelled else { return }
            await self?.finishPending(id, failure: RedisError(.timeout, "no UNSUBSCRIBE confirmation"))
        }
        defer { timer.cancel() }
        await sendUnsubscribes(channels: channels, patterns: patterns)
        try? await waitForPending(id)
    }

    private func streamEnded(_ id: Int) async {
        guard let gone = subscriptions.removeValue(forKey: id) else { return }
        await sendUnsubscribes(channels: gone.channels, patterns: gone.patterns)
    }

    /// UNSUBSCRIBE / PUNSUBSCRIBE what no stream wants any more.
    private func sendUnsubscribes(channels: Set<String>, patterns: Set<String>) async {
        let channels = channels.subtracting(subscribedChannels)
        let patterns = patterns.subtracting(subscribedPatterns)
        if !channels.isEmpty { await write(["UNSUBSCRIBE"] + channels.sorted()) }
        if !patterns.isEmpty { await write(["PUNSUBSCRIBE"] + patterns.sorted()) }
    }

    /// Suspends until the server confirmed everything `pending[id]` waits for.
    private func waitForPending(_ id: Int) async throws {
        try await withCheckedThrowingContinuation { continuation in
            guard let entry = pending[id] else { return continuation.resume() }
            if let failure = entry.failure {
                pending[id] = nil
                continuation.resume(throwing: failure)
            } else if entry.remaining.isEmpty {
                pending[id] = nil
                continuation.resume()
            } else {
                pending[id]!.continuation = continuation
            }
        }
    }

    /// Records a confirmation of `key` for every subscribe call waiting on it.
    private func confirmed(_ key: String) {
        for id in Array(pending.keys) where pending[id]!.remaining.contains(key) {
            pending[id]!.remaining.remove(key)
            if pending[id]!.remaining.isEmpty, pending[id]!.continuation != nil { finishPending(id, failure: nil) }
        }
    }

    /// Resumes the subscribe call `id` (or marks it, if it is not suspended yet).
    private func finishPending(_ id: Int, failure: RedisError?) {
        guard var entry = pending[id] else { return }
        guard let continuation = entry.continuation else {
            entry.failure = failure
            pending[id] = entry
            return
        }
        pending[id] = nil
        if let failure { continuation.resume(throwing: failure) } else { continuation.resume() }
    }

    private func write(_ command: [String]) async {
        guard let writer else { return }  // not connected: sent on (re)connect
        var buffer = ByteBuffer()
        RESPEncoder.encodeCommand(command, into: &buffer)
        do { try await writer.write(buffer) } catch {
            logger.debug("Redis subscriber write failed", metadata: ["error": "\(error)"])
        }
    }

    // MARK: - Messages

    private func handle(_ value: RESPValue) {
        guard let items = value.array, let kind = items.first?.string else {
            logger.debug("unexpected reply on the Redis subscriber connection", metadata: ["reply": "\(value)"])
            return
        }
        switch kind.lowercased() {
        case "message" where items.count == 3:
            guard let channel = items[1].string, let payload = items[2].bytes else { return }
            let message = RedisMessage(channel: channel, payload: payload)
            for (_, s) in subscriptions where s.channels.contains(channel) { s.continuation.yield(message) }
        case "pmessage" where items.count == 4:
            guard let pattern = items[1].string, let channel = items[2].string, let payload = items[3].bytes else { return }
            let message = RedisMessage(channel: channel, pattern: pattern, payload: payload)
            for (_, s) in subscriptions where s.patterns.contains(pattern) { s.continuation.yield(message) }
        case "subscribe", "psubscribe", "unsubscribe", "punsubscribe":
            guard items.count >= 2, let name = items[1].string else { return }
            let prefix = ["subscribe": "s:", "psubscribe": "p:", "unsubscribe": "u:", "punsubscribe": "q:"]
            confirmed(prefix[kind.lowercased()]! + name)
        default:
            break  // pong
        }
    }

    // MARK: - Connection

    private func maintainConnection() async {
        resolver?.addObserver { [weak self] master in
            Task { await self?.masterChanged(to: master.generation) }
        }
        var attempt = 0
        while !closed && !Task.isCancelled {
            do {
                let asyncChannel = try await connect()
                attempt = 0
                try await serve(asyncChannel)
                logger.info("Redis subscriber connection closed", metadata: ["redis.address": "\(configuration.address)"])
            } catch {
                logger.debug(
                    "Redis subscriber connection failed",
                    metadata: ["redis.address": "\(configuration.address)", "error": "\(error)"])
            }
            writer = nil
            channel = nil
            resolver?.invalidate(generation)  // the master may be gone: ask the Sentinels again
            guard !closed else { return }
            let delay = configuration.reconnect.delay(attempt: attempt)
            attempt += 1
            try? await Task.sleep(for: delay)
        }
    }

    /// The master moved: leave the old one (``maintainConnection()`` connects to the new one).
    private func masterChanged(to newGeneration: UInt64) {
        guard let channel, generation != newGeneration else { return }
        logger.info("Redis master changed; the subscriber moves to the new one")
        channel.close(promise: nil)
    }

    private func connect() async throws -> NIOAsyncChannel<RESPValue, ByteBuffer> {
        var sslContext: NIOSSLContext?
        if let tls = configuration.tls { sslContext = try NIOSSLContext(configuration: tls) }
        var host = configuration.host
        var port = configuration.port
        var address = configuration.address
        if let resolver {
            let master = try await resolver.master(maxWait: resolver.sentinel.failoverWait)
            (host, port, address, generation) = (master.address.host, master.address.port, "\(master.address)", master.generation)
        }
        let serverName = (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
        do {
            let asyncChannel = try await ClientBootstrap(group: group)
                .connectTimeout(.nanoseconds(configuration.connectTimeout.nanoseconds))
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connect(host: host, port: port) { [sslContext] channel in
                    channel.eventLoop.makeCompletedFuture {
                        let sync = channel.pipeline.syncOperations
                        if let sslContext {
                            try sync.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: serverName))
                        }
                        try sync.addHandler(ByteToMessageHandler(RESPDecoder()))
                        return try NIOAsyncChannel<RESPValue, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
            channel = asyncChannel.channel
            if closed { asyncChannel.channel.close(promise: nil) }
            return asyncChannel
        } catch {
            resolver?.invalidate(generation)
            throw RedisConnection.connectError(error, address: address)
        }
    }

    /// Authenticates, subscribes again to everything, then delivers replies until the connection ends.
    private nonisolated func serve(_ asyncChannel: NIOAsyncChannel<RESPValue, ByteBuffer>) async throws {
        try await asyncChannel.executeThenClose(isolation: nil) { inbound, outbound in
            var replies = inbound.makeAsyncIterator()
            try await handshake(outbound, &replies)
            await connected(outbound)
            while let value = try await replies.next() { await handle(value) }
        }
    }

    private func connected(_ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) async {
        writer = outbound
        await resubscribe()
    }

    private nonisolated func handshake(
        _ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, _ replies: inout NIOAsyncChannelInboundStream<RESPValue>.AsyncIterator
    ) async throws {
        guard let password = configuration.password else { return }
        var command = ["AUTH"]
        if let user = configuration.username { command.append(user) }
        command.append(password)
        var buffer = ByteBuffer()
        RESPEncoder.encodeCommand(command, into: &buffer)
        try await outbound.write(buffer)
        let reply = try await replies.next()
        if case .error(let message)? = reply {
            logger.error(
                "Redis subscriber authentication failed",
                metadata: ["redis.address": "\(configuration.address)", "error": "\(message)"])
            throw RedisError(.authenticationFailed, "authentication failed for Redis at \(configuration.address): \(message)")
        }
    }

    private func resubscribe() async {
        let channels = subscribedChannels
        let patterns = subscribedPatterns
        if !channels.isEmpty { await write(["SUBSCRIBE"] + channels.sorted()) }
        if !patterns.isEmpty { await write(["PSUBSCRIBE"] + patterns.sorted()) }
    }
}
