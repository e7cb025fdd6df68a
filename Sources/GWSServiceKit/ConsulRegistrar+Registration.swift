import GWSDiscovery

extension ConsulRegistrar {
    /// The registration of one instance: ID = instance id, Name = service name,
    /// Address/Port = where it listens, Tags = location and deployment tag (when
    /// set), Meta = role, instance, version; an HTTP check on `/readyz`.
    ///
    /// - Parameter initiallyPassing: the instance passed its own readiness checks,
    ///   so Consul may route to it before the first check runs.
    public static func registration(
        for configuration: ServiceConfiguration,
        port: Int,
        initiallyPassing: Bool
    ) -> ConsulServiceRegistration {
        let address = configuration.advertisedAddress
        let hostInURL = address.contains(":") ? "[\(address)]" : address
        let check = ConsulCheckDefinition(
            checkID: "\(configuration.instanceID):readyz",
            name: "\(configuration.serviceName) readiness",
            http: "http://\(hostInURL):\(port)/readyz",
            interval: ConsulDuration.format(configuration.checkInterval),
            timeout: ConsulDuration.format(configuration.checkTimeout),
            deregisterCriticalServiceAfter: ConsulDuration.format(configuration.deregisterCriticalAfter),
            status: initiallyPassing ? .passing : nil)
        return ConsulServiceRegistration(
            id: configuration.instanceID,
            name: configuration.serviceName,
            tags: [configuration.location, configuration.deploymentTag].filter { !$0.isEmpty },
            address: address,
            port: port,
            meta: [
                "role": configuration.role.role,
                "instance": configuration.instanceID,
                "version": GWSVersion.version,
            ],
            checks: [check])
    }
}
