import GWSCometD
import NIOCore
import GWSStores
import GWSVoice
import Logging
import ServiceLifecycle

/// Delivers the bus (`gws:events:*`, every instance subscribes) to this
/// instance's CometD clients: each ``AgentNotification`` goes to the clients
/// of its agent, on its channel. Runs until graceful shutdown.
struct WorkspaceEventPump: Service {
    let subscriber: RedisSubscriber
    let server: CometDServer
    let logger: Logger

    func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await subscriber.run() }
            group.addTask {
                await pump()
            }
            await group.next()
            await subscriber.close()
            group.cancelAll()
        }
    }

    private func pump() async {
        var delay = Duration.milliseconds(100)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let messages = try await subscriber.psubscribe(patterns: [AgentNotification.busPattern])
                delay = .milliseconds(100)
                for await message in messages.cancelOnGracefulShutdown() {
                    deliver(String(buffer: message.payload))
                }
                return
            } catch {
                logger.warning("cannot subscribe to the event bus; retrying", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(5))
            }
        }
    }

    private func deliver(_ payload: String) {
        guard let notification = try? AgentNotification(jsonString: payload) else {
            logger.warning("ignoring a malformed bus message")
            return
        }
        server.deliver(
            channel: notification.channel, data: notification.data,
            to: CometDIdentity(tenant: notification.tenant, userName: notification.userName))
    }
}
