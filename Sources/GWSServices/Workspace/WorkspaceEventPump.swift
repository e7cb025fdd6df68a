import GWSCometD
import GWSStores
import GWSVoice
import Logging
import ServiceLifecycle

/// Delivers the bus (`gws:events:*`, every instance subscribes) to this
/// instance's CometD clients: each ``AgentNotification`` goes to the clients
/// of its agent, on its channel. Runs until graceful shutdown.
struct WorkspaceEventPump: Service {
    let bus: BusSubscription
    let server: CometDServer
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await bus.consume { message in deliver(message.string) }
        }
    }

    private func deliver(_ payload: String) {
        // Every instance hears every agent's events: skip, undecoded, those of
        // agents with no client here.
        if let recipient = AgentNotification.recipient(ofJSON: payload),
            !server.hasClients(of: CometDIdentity(tenant: recipient.tenant, userName: recipient.userName))
        {
            return
        }
        guard let notification = try? AgentNotification(jsonString: payload) else {
            logger.warning("ignoring a malformed bus message")
            return
        }
        server.deliver(
            channel: notification.channel, data: notification.data,
            to: CometDIdentity(tenant: notification.tenant, userName: notification.userName))
    }
}
