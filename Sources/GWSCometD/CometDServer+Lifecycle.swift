import ServiceLifecycle

extension CometDServer: Service {
    /// Drops idle clients every ``CometDConfiguration/sweepInterval`` until
    /// cancelled or a graceful shutdown; then releases every held connect
    /// (``stop()``). Put the server after the HTTP application in the service
    /// group: it then stops first, so the application has no held requests
    /// to wait for.
    public func run() async throws {
        await cancelWhenGracefulShutdown { [self] in
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: configuration.sweepInterval)
                } catch {
                    break
                }
                await expireIdle(now: now())
            }
        }
        stop()
    }

    /// Drops every client with no held connect that has not been heard from
    /// for ``CometDConfiguration/maxInactivity`` as of `now`, telling the app
    /// through `onDisconnect`. Returns how many it dropped.
    @discardableResult
    public func expireIdle(now: ContinuousClock.Instant) async -> Int {
        let limit = configuration.maxInactivity
        let expired = state.withLock { state -> [CometDClient] in
            let idle = state.clients.compactMap { id, client in
                client.waiter == nil && now - client.lastSeen > limit ? id : nil
            }
            return idle.compactMap { state.remove($0)?.client }
        }
        guard !expired.isEmpty else { return 0 }
        recordClientCount()
        metrics.expired.increment(by: expired.count)
        for client in expired {
            logger.info("client expired after inactivity", metadata: ["identity": "\(client.identity)"])
            await hooks.onDisconnect(client.identity)
        }
        return expired.count
    }

    /// Stops the server: every held connect returns at once with advice
    /// `reconnect: retry` (the client's next connect reaches another instance,
    /// which answers `402` so it handshakes there); later connects are answered
    /// at once and handshakes are refused. Idempotent.
    public func stop() {
        let releases = state.withLock { state -> [LongPollWaiter.Release] in
            state.stopping = true
            var releases: [LongPollWaiter.Release] = []
            for index in state.clients.indices {
                if let release = state.clients.values[index].wake(.shutdown) { releases.append(release) }
            }
            return releases
        }
        if !releases.isEmpty { logger.info("released held connects", metadata: ["count": "\(releases.count)"]) }
        for release in releases { release.resume() }
    }

    /// Whether ``stop()`` was called.
    public var isStopping: Bool { state.withLock { $0.stopping } }
}
