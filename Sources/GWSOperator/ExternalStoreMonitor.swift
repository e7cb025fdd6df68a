import GWSHealth
import GWSSpec
import ServiceLifecycle

/// Probes the external stores a spec names (TCP connect) so `status` can
/// say when one is unreachable, and `plan`/`apply` can warn before applying.
struct ExternalStoreMonitor: Service {
    let controller: ClusterController
    let period: Duration

    func run() async throws {
        // Ends at once on graceful shutdown (the loop is cancelled).
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let spec = await controller.currentSpec
                let problems = await Self.unreachable(spec)
                await controller.setExternalStoreProblems(problems)
                try await Task.sleep(for: period)
            }
        }
    }

    /// One line per external store that does not accept a TCP connection now.
    static func unreachable(_ spec: DeploymentSpec) async -> [String] {
        var problems: [String] = []
        for (kind, binding) in SecretFiles.bindings(spec) where !binding.isOperatorManaged {
            let port = binding.port == 0 ? kind.defaultPort : binding.port
            let result = await TCPProber().probe(host: binding.address, port: port, timeoutSeconds: 1)
            if !result.success {
                problems.append("\(kind.specKey) at \(binding.address):\(port) is unreachable: \(result.reason)")
            }
        }
        return problems
    }
}
