/// GWS's `ServiceStateChanged` for the voice back end.
///
/// `{messageType: "ServiceStateChanged", serviceName: "VOICE", serviceState: "AVAILABLE"|"UNAVAILABLE"}`
public struct ServiceStateChanged: Sendable, Hashable, Codable {
    /// Whether the back end can be used.
    public enum ServiceState: String, Sendable, Hashable, Codable, CaseIterable {
        /// The back end answers.
        case available = "AVAILABLE"
        /// The back end is down; voice operations fail until it is back.
        case unavailable = "UNAVAILABLE"
    }

    /// Always `"ServiceStateChanged"`.
    public var messageType: String
    /// The back end: `"VOICE"` here (GWS also uses IXN, UCS, STATS).
    public var serviceName: String
    /// AVAILABLE or UNAVAILABLE.
    public var serviceState: ServiceState

    public init(serviceName: String = "VOICE", serviceState: ServiceState) {
        self.messageType = "ServiceStateChanged"
        self.serviceName = serviceName
        self.serviceState = serviceState
    }
}
