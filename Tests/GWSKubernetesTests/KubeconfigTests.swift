import Foundation
import GWSKubernetes
import Testing

@Suite struct KubeconfigTests {
    let yaml = """
        apiVersion: v1
        kind: Config
        current-context: lab
        clusters:
        - name: lab
          cluster:
            server: https://10.0.0.1:6443/
            certificate-authority-data: \(Data("CA-PEM".utf8).base64EncodedString())
        - name: standin
          cluster:
            server: http://127.0.0.1:8080
            insecure-skip-tls-verify: true
        users:
        - name: admin
          user:
            client-certificate-data: \(Data("CERT".utf8).base64EncodedString())
            client-key-data: \(Data("KEY".utf8).base64EncodedString())
        - name: bot
          user:
            token: s3cret
        contexts:
        - name: lab
          context: {cluster: lab, user: admin, namespace: gws}
        - name: standin
          context: {cluster: standin, user: bot}
        """

    @Test func theCurrentContextWithAClientCertificate() throws {
        let config = try Kubeconfig.parse(yaml: yaml, source: "kc", baseDirectory: "/tmp")
        #expect(config.server == "https://10.0.0.1:6443")
        #expect(config.certificateAuthorityPEM == Array("CA-PEM".utf8))
        #expect(config.credentials == .clientCertificate(certificatePEM: Array("CERT".utf8), keyPEM: Array("KEY".utf8)))
        #expect(config.namespace == "gws")
        #expect(!config.insecureSkipTLSVerify)
    }

    @Test func anotherContextWithATokenAndPlainHTTP() throws {
        let config = try Kubeconfig.parse(yaml: yaml, source: "kc", baseDirectory: "/tmp", context: "standin")
        #expect(config.server == "http://127.0.0.1:8080")
        #expect(config.credentials == .bearerToken("s3cret"))
        #expect(config.insecureSkipTLSVerify)
        #expect(config.namespace == nil)
    }

    @Test func execPluginsAndMissingContextsAreRefused() {
        let exec = yaml.replacingOccurrences(of: "token: s3cret", with: "exec: {command: aws}")
        #expect(throws: KubernetesConfigError.self) {
            try Kubeconfig.parse(yaml: exec, source: "kc", baseDirectory: "/tmp", context: "standin")
        }
        #expect(throws: KubernetesConfigError.self) {
            try Kubeconfig.parse(yaml: yaml, source: "kc", baseDirectory: "/tmp", context: "nope")
        }
    }

    @Test func inClusterFromTheServiceAccountFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sa-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "tok\n".write(to: directory.appendingPathComponent("token"), atomically: true, encoding: .utf8)
        try "CA".write(to: directory.appendingPathComponent("ca.crt"), atomically: true, encoding: .utf8)
        try "gws-system\n".write(to: directory.appendingPathComponent("namespace"), atomically: true, encoding: .utf8)
        let config = try KubernetesClientConfig.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"],
            directory: directory.path)
        #expect(config.server == "https://10.96.0.1:443")
        #expect(config.credentials == .tokenFile(directory.appendingPathComponent("token").path))
        #expect(config.certificateAuthorityPEM == Array("CA".utf8))
        #expect(config.namespace == "gws-system")
        #expect(throws: KubernetesConfigError.self) { try KubernetesClientConfig.inCluster(environment: [:]) }
    }
}
