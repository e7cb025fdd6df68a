import Foundation
import GWSServiceKit
import GWSSpec

@testable import GWSProxy

/// The Consul name the tests route `/workspace/v3` to.
let workspaceService = "gws-app-workspace"

/// Builds a proxy on port 0 fed by `source`, routing `/workspace/v3` to the workspace service
/// and `/statistics/v3` to the statistics service. Its clock is frozen, so ejections last the
/// whole test however slow the machine.
func makeProxy(source: FakeUpstreamSource, tls: ProxyConfiguration.TLS? = nil) throws -> ProxyServer {
    let frozen = ContinuousClock.now
    let scaffold = ServiceScaffold(
        configuration: ServiceConfiguration(role: RoleCatalog.proxy), logger: testLogger("proxy"),
        announcesListening: false)
    let configuration = ProxyConfiguration(
        routes: [
            ProxyRoute(prefix: "/workspace/v3", service: workspaceService),
            ProxyRoute(prefix: "/statistics/v3", service: "gws-platform-statistics"),
        ],
        tls: tls)
    return try ProxyServer(scaffold: scaffold, configuration: configuration, source: source, now: { frozen })
}

extension ProxyServer {
    /// `http://127.0.0.1:<port>` once the HTTP listener listens.
    func baseURL() async throws -> String {
        "http://127.0.0.1:\(try await scaffold.listening.waitForPort())"
    }

    /// Waits until discovery answered for `service`.
    func waitUntilHeard(_ service: String = workspaceService) async throws {
        let heard = try await waitUntil { !directory.unheardServices.contains(service) }
        if !heard { throw HarnessError.sourceNeverAnswered(service) }
    }

    /// The value of one sample in `/metrics` (`name{labels}`), or nil when absent.
    func metric(_ sample: String) async throws -> Double? {
        let text = try await send(try await baseURL() + "/metrics").body
        for line in text.split(separator: "\n") where line.hasPrefix(sample + " ") {
            return Double(line.dropFirst(sample.count + 1))
        }
        return nil
    }
}

/// A harness step that did not happen: the test fails with this error instead of trapping.
enum HarnessError: Error, CustomStringConvertible {
    case sourceNeverAnswered(String)

    var description: String {
        switch self {
        case .sourceNeverAnswered(let service): "the fake discovery source never answered for \(service)"
        }
    }
}

/// An instance id whose port refuses connections: an upstream that ran and stopped.
func stoppedInstance(id: String) async throws -> UpstreamInstance {
    let upstream = TestUpstream(name: id)
    let running = RunningServices.start([upstream.makeApplication()])
    let instance = try await upstream.instance()
    try await running.stop()
    return instance
}
