import GWSSpec

extension ServiceConfiguration {
    /// Reads the configuration of `role` from `environment` (the process
    /// environment in production, a dictionary in tests), following
    /// ``GWSSpec/ServiceEnvironmentKeys``. Unset or empty variables keep their defaults.
    ///
    /// - Throws: ``ServiceConfigurationError`` naming the first unusable variable.
    public static func fromEnvironment(
        role: RoleDescriptor,
        environment: [String: String]
    ) throws -> ServiceConfiguration {
        typealias Keys = ServiceEnvironmentKeys
        var config = ServiceConfiguration(role: role)
        let env = environment.filter { !$0.value.isEmpty }

        if let declared = env[Keys.role], declared != role.role {
            throw ServiceConfigurationError(
                key: Keys.role, value: declared, reason: "this process runs role '\(role.role)'")
        }
        config.instanceID = env[Keys.instanceID] ?? config.instanceID
        config.serviceName = env[Keys.serviceName] ?? config.serviceName
        config.host = env[Keys.host] ?? config.host
        if let port = env[Keys.port] {
            config.port = try parsePort(port, key: Keys.port)
        }
        config.consulURL = env[Keys.consulURL]
        config.consulToken = env[Keys.consulToken]
        if let interval = env[Keys.checkIntervalSeconds] {
            config.checkInterval = try parseSeconds(interval, key: Keys.checkIntervalSeconds)
        }
        config.location = env[Keys.location] ?? ""
        config.deploymentTag = env[Keys.deploymentTag] ?? ""
        config.deploymentName = env[Keys.deploymentName] ?? ""
        config.authURL = env[Keys.authURL]
        config.tokenKeyFile = env[Keys.jwtSecretFile].flatMap { $0.isEmpty ? nil : $0 }
        config.confURL = env[Keys.confURL]
        config.voicemailURL = env[Keys.voicemailURL]
        let prefix = config.contextEnvPrefix
        config.contextEnv = environment.filter { $0.key.hasPrefix(prefix) }
        return config
    }

    /// Parses a TCP port (0 allowed: any free port).
    static func parsePort(_ text: String, key: String) throws -> Int {
        guard let port = Int(text), (0...65535).contains(port) else {
            throw ServiceConfigurationError(key: key, value: text, reason: "not a port number (0-65535)")
        }
        return port
    }

    /// Parses a positive number of seconds, fractions allowed (`0.5`).
    static func parseSeconds(_ text: String, key: String) throws -> Duration {
        guard let seconds = Double(text), seconds > 0, seconds.isFinite else {
            throw ServiceConfigurationError(key: key, value: text, reason: "not a positive number of seconds")
        }
        return .milliseconds(max(1, Int64((seconds * 1000).rounded())))
    }
}
