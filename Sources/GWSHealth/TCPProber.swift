import Foundation
import NIOCore
import NIOPosix

/// Probes that a TCP port accepts connections (Kubernetes' tcpSocket probe),
/// for stores that speak no HTTP.
public struct TCPProber: Sendable {
    public init() {}

    public func probe(host: String, port: Int, timeoutSeconds: Int) async -> HTTPProber.Result {
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(Int64(max(1, timeoutSeconds))))
        do {
            let channel = try await bootstrap.connect(host: host, port: port).get()
            try? await channel.close()
            return HTTPProber.Result(success: true, reason: "TCP connect succeeded")
        } catch {
            return HTTPProber.Result(success: false, reason: "dial tcp \(host):\(port): \(error)")
        }
    }
}
