import Foundation
import GWSSpec

/// Reads a kubeconfig file's current context: the cluster's server, CA and
/// `insecure-skip-tls-verify`, and the user's token, token file or client
/// certificate (inline `-data` or file paths, relative to the file).
/// Exec plugins and auth providers are not supported.
public enum Kubeconfig {
    public static func load(path: String, context: String? = nil) throws(KubernetesConfigError)
        -> KubernetesClientConfig
    {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KubernetesConfigError("kubeconfig \(path): cannot read")
        }
        let base = (path as NSString).deletingLastPathComponent
        return try parse(
            yaml: String(decoding: data, as: UTF8.self), source: path, baseDirectory: base, context: context)
    }

    public static func parse(
        yaml: String, source: String, baseDirectory: String, context wanted: String? = nil
    ) throws(KubernetesConfigError) -> KubernetesClientConfig {
        let document: Value
        do { document = try YAMLValuesLoader.load(yaml: yaml, source: source) } catch {
            throw KubernetesConfigError("kubeconfig \(source): \(error)")
        }
        guard let contextName = wanted ?? document["current-context"]?.stringValue, !contextName.isEmpty else {
            throw KubernetesConfigError("kubeconfig \(source): no current-context")
        }
        guard let context = named(document["contexts"], contextName)?["context"] else {
            throw KubernetesConfigError("kubeconfig \(source): context \"\(contextName)\" not found")
        }
        let clusterName = context["cluster"]?.stringValue ?? ""
        guard let cluster = named(document["clusters"], clusterName)?["cluster"],
            let server = cluster["server"]?.stringValue
        else {
            throw KubernetesConfigError("kubeconfig \(source): cluster \"\(clusterName)\" not found or has no server")
        }
        let user = named(document["users"], context["user"]?.stringValue ?? "")?["user"] ?? .map([:])
        let files = FileReader(baseDirectory: baseDirectory, source: source)
        let ca = try files.bytes(inline: cluster["certificate-authority-data"], path: cluster["certificate-authority"])
        return KubernetesClientConfig(
            server: server, credentials: try credentials(user, files: files), certificateAuthorityPEM: ca,
            insecureSkipTLSVerify: cluster["insecure-skip-tls-verify"]?.boolValue ?? false,
            namespace: context["namespace"]?.stringValue)
    }

    static func credentials(_ user: Value, files: FileReader) throws(KubernetesConfigError)
        -> KubernetesClientConfig.Credentials
    {
        if user["exec"] != nil || user["auth-provider"] != nil {
            throw KubernetesConfigError(
                "kubeconfig \(files.source): exec plugins and auth providers are not supported; use a token or a client certificate"
            )
        }
        if let token = user["token"]?.stringValue, !token.isEmpty { return .bearerToken(token) }
        if let tokenFile = user["tokenFile"]?.stringValue, !tokenFile.isEmpty {
            return .tokenFile(files.resolve(tokenFile))
        }
        let cert = try files.bytes(inline: user["client-certificate-data"], path: user["client-certificate"])
        let key = try files.bytes(inline: user["client-key-data"], path: user["client-key"])
        if let cert, let key { return .clientCertificate(certificatePEM: cert, keyPEM: key) }
        if cert != nil || key != nil {
            throw KubernetesConfigError(
                "kubeconfig \(files.source): a client certificate needs both the certificate and the key")
        }
        return .none
    }

    /// The entry named `name` in a kubeconfig list (`clusters`, `users`, `contexts`).
    static func named(_ list: Value?, _ name: String) -> Value? {
        list?.listValue?.first { $0["name"]?.stringValue == name }
    }

    struct FileReader {
        var baseDirectory: String
        var source: String

        func resolve(_ path: String) -> String {
            path.hasPrefix("/") || baseDirectory.isEmpty ? path : baseDirectory + "/" + path
        }

        /// Base64 `inline` data, else the file at `path`, else nil.
        func bytes(inline: Value?, path: Value?) throws(KubernetesConfigError) -> [UInt8]? {
            if let text = inline?.stringValue, !text.isEmpty {
                guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
                    throw KubernetesConfigError("kubeconfig \(source): invalid base64 data")
                }
                return [UInt8](data)
            }
            if let file = path?.stringValue, !file.isEmpty {
                guard let data = FileManager.default.contents(atPath: resolve(file)) else {
                    throw KubernetesConfigError("kubeconfig \(source): cannot read \(resolve(file))")
                }
                return [UInt8](data)
            }
            return nil
        }
    }
}
