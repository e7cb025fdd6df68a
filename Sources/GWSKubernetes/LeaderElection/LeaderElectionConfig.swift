import Foundation

/// Leader election over a Lease (client-go's defaults are 15 s, 10 s, 2 s).
public struct LeaderElectionConfig: Sendable, Equatable {
    public var namespace: String
    public var name: String
    /// `holderIdentity`: the pod name (or host name) plus a random suffix.
    public var identity: String
    /// How long a lease is valid after its last renewal, as others see it.
    public var leaseDuration: Duration
    /// The leader steps down when it has not renewed for this long.
    public var renewDeadline: Duration
    /// How often to try to acquire or renew.
    public var retryPeriod: Duration

    public init(
        namespace: String, name: String, identity: String = LeaderElectionConfig.defaultIdentity(),
        leaseDuration: Duration = .seconds(15), renewDeadline: Duration = .seconds(10),
        retryPeriod: Duration = .seconds(2)
    ) {
        self.namespace = namespace
        self.name = name
        self.identity = identity
        self.leaseDuration = leaseDuration
        self.renewDeadline = renewDeadline
        self.retryPeriod = retryPeriod
    }

    /// `$POD_NAME` (else the host name) `_` a random UUID, like client-go's examples.
    public static func defaultIdentity(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = environment["POD_NAME"].flatMap { $0.isEmpty ? nil : $0 } ?? ProcessInfo.processInfo.hostName
        return "\(base)_\(UUID().uuidString.lowercased())"
    }

    /// The durations must nest: lease > renew deadline > retry period (client-go checks the same).
    public func validate() throws(KubernetesConfigError) {
        guard leaseDuration > renewDeadline else {
            throw KubernetesConfigError("--lease-duration-seconds must be greater than --renew-deadline-seconds")
        }
        guard renewDeadline > retryPeriod, retryPeriod > .zero else {
            throw KubernetesConfigError("--renew-deadline-seconds must be greater than --retry-period-seconds (> 0)")
        }
    }
}
