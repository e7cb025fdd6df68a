import HummingbirdTLS

extension ProxyConfiguration.TLS {
    /// A server TLS configuration from the PEM certificate chain and key files.
    ///
    /// - Throws: when a file is missing or not PEM.
    public func makeServerConfiguration() throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
        let key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        return TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) },
            privateKey: .privateKey(key))
    }
}
