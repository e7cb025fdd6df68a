import Foundation
import GWSOperator
import GWSRuntime
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The proxy's public ports are shared by its instances (SO_REUSEPORT), so
/// without a check a proxy would silently join another process's listener on
/// a fixed port (another cluster's proxy, say) and split its traffic. The
/// operator refuses to start the first proxy instance on a port another
/// process listens on, says so, and starts it once the port is free.
@Suite(.serialized) struct ProxyPortInUseTests {
    @Test func aProxyPortAnotherProcessListensOnIsRefusedUntilFree() async throws {
        let listener = try Listener()
        try await withClusters(1) { clusters in
            let cluster = clusters[0]
            _ = try await cluster.startOperator(
                DrillIntegrationTests.spec + ["--set", "gwsServices.gwsServiceProxy.service.port=\(listener.port)"])
            var refused = false
            for _ in 0..<150 where !refused {
                try await Task.sleep(for: .milliseconds(200))
                refused = cluster.operatorLog().contains("port \(listener.port) (http) is in use by another process")
            }
            #expect(refused, "the operator says the port is taken\n\(cluster.operatorLog())")
            let status = try await cluster.status()
            let proxy = status.instances.first { $0.instance == "proxy-0" }
            #expect(proxy?.pid == nil && proxy?.ready != true, "no proxy runs on a taken port: \(String(describing: proxy))")

            listener.close()
            let ready = try await cluster.waitForAllReady(timeout: .seconds(90))
            #expect(ready.proxy.hasSuffix(":\(listener.port)"), "the proxy on its port once free: \(ready.proxy)")
        }
    }
}

/// A plain TCP listener on an ephemeral loopback port, without SO_REUSEPORT.
final class Listener: @unchecked Sendable {
    private var fd: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { throw HarnessError("cannot listen: errno \(errno)") }
        var out = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &out) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.fd = fd
        port = Int(UInt16(bigEndian: out.sin_port))
    }

    func close() {
        if fd >= 0 { _ = Glibc.close(fd) }
        fd = -1
    }

    deinit { close() }
}
