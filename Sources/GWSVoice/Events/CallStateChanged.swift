/// GWS's `CallStateChanged`: a call appeared, changed state or had its data changed.
///
/// `{messageType: "CallStateChanged", notificationType, call: {…}}`. A
/// completed call's last event carries `state: "Completed"`.
public struct CallStateChanged: Sendable, Hashable, Codable {
    /// Why the event was sent.
    public enum NotificationType: String, Sendable, Hashable, Codable, CaseIterable {
        /// The call's state changed.
        case statusChange = "StatusChange"
        /// A new call appeared (Dialing or Ringing).
        case newCall = "NewCall"
        /// Its user data changed.
        case attachedDataChanged = "AttachedDataChanged"
        /// Sent again for a client that rebuilds its view (``VoiceRecord/recoveryEvents()``).
        case callRecovered = "CallRecovered"
    }

    /// Always `"CallStateChanged"`.
    public var messageType: String
    /// Why the event was sent.
    public var notificationType: NotificationType
    /// The call after the change.
    public var call: VoiceCall

    public init(notificationType: NotificationType, call: VoiceCall) {
        self.messageType = "CallStateChanged"
        self.notificationType = notificationType
        self.call = call
    }
}
