import Foundation

/// A Consul-compatible registry of its own (`gws-operator registry`), for
/// clusters that bind an external registry (`consul.address`).
struct RegistryProcess: Sendable {
    let pid: Int32
    let port: Int
    var url: String { "http://127.0.0.1:\(port)" }
}

extension ClusterHarness {
    /// Starts `gws-operator registry` on an ephemeral port; kill it with SIGKILL when done.
    func startRegistry() async throws -> RegistryProcess {
        let portFile = stateDir + "/registry.port"
        let pid = try await spawn(
            ["registry", "--port", "0", "--port-file", portFile], log: stateDir + "/registry.out")
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8),
                let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), port > 0
            {
                return RegistryProcess(pid: pid, port: port)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw HarnessError("the registry did not write its port to \(portFile)")
    }

    /// The candidate holding a registry lock (the key's value while it has a session), or nil.
    func lockHolder(_ registry: RegistryProcess, key: String) async throws -> String? {
        let answer = try await get(registry.url + "/v1/kv/" + key)
        guard answer.status == 200,
            let entries = try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [[String: Any]],
            let entry = entries.first, entry["Session"] is String,
            let value = entry["Value"] as? String, let data = Data(base64Encoded: value)
        else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
