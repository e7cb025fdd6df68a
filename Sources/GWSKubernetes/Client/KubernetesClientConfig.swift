import Foundation

/// Where the API server is and how to authenticate to it.
///
/// ``resolve(kubeconfigPath:environment:)`` picks, in order: an explicit
/// kubeconfig, `$KUBECONFIG`, the in-cluster service account (when
/// `KUBERNETES_SERVICE_HOST` is set), then `~/.kube/config`.
public struct KubernetesClientConfig: Sendable, Equatable {
    public enum Credentials: Sendable, Equatable {
        case none
        case bearerToken(String)
        /// Read at most once a minute: projected service-account tokens rotate.
        case tokenFile(String)
        /// PEM certificate and key.
        case clientCertificate(certificatePEM: [UInt8], keyPEM: [UInt8])
    }

    /// `https://host:port` (or `http://…` for a local stand-in), without a trailing slash.
    public var server: String
    public var credentials: Credentials
    /// PEM bundle to trust; `nil` means the system's roots.
    public var certificateAuthorityPEM: [UInt8]?
    public var insecureSkipTLSVerify: Bool
    /// The service account's or the context's namespace.
    public var namespace: String?

    public init(
        server: String, credentials: Credentials = .none, certificateAuthorityPEM: [UInt8]? = nil,
        insecureSkipTLSVerify: Bool = false, namespace: String? = nil
    ) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.credentials = credentials
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.namespace = namespace
    }

    public static let serviceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// The pod's service account: `KUBERNETES_SERVICE_HOST`/`_PORT`, and the
    /// token, CA and namespace files under `directory`.
    public static func inCluster(
        environment: [String: String], directory: String = serviceAccountDirectory
    ) throws(KubernetesConfigError) -> KubernetesClientConfig {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty else {
            throw KubernetesConfigError("not in a cluster: KUBERNETES_SERVICE_HOST is not set")
        }
        let port = environment["KUBERNETES_SERVICE_PORT"].flatMap { $0.isEmpty ? nil : $0 } ?? "443"
        let tokenPath = directory + "/token"
        guard FileManager.default.isReadableFile(atPath: tokenPath) else {
            throw KubernetesConfigError("in-cluster: cannot read the service-account token \(tokenPath)")
        }
        let ca = FileManager.default.contents(atPath: directory + "/ca.crt").map { [UInt8]($0) }
        let namespace = (try? String(contentsOfFile: directory + "/namespace", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return KubernetesClientConfig(
            server: "https://\(hostPart):\(port)", credentials: .tokenFile(tokenPath), certificateAuthorityPEM: ca,
            namespace: namespace)
    }

    /// The configuration to use: `kubeconfigPath` when given, else `$KUBECONFIG`
    /// (its first file), else in-cluster, else `~/.kube/config`.
    public static func resolve(
        kubeconfigPath: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(KubernetesConfigError) -> KubernetesClientConfig {
        if let kubeconfigPath { return try Kubeconfig.load(path: kubeconfigPath) }
        if let list = environment["KUBECONFIG"], let first = list.split(separator: ":").first {
            return try Kubeconfig.load(path: String(first))
        }
        if environment["KUBERNETES_SERVICE_HOST"] != nil { return try inCluster(environment: environment) }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let path = home + "/.kube/config"
        guard FileManager.default.fileExists(atPath: path) else {
            throw KubernetesConfigError(
                "no Kubernetes configuration: not in a cluster (KUBERNETES_SERVICE_HOST unset), no $KUBECONFIG, no \(path)"
            )
        }
        return try Kubeconfig.load(path: path)
    }
}
