/// GWS's `DnStateChanged`: the agent's DN changed (state, work mode, DND).
///
/// `{messageType: "DnStateChanged", dn: {number, agentId, employeeId?,
/// agentState, agentWorkMode, reasonCode?, dnd, capabilities, loggedInAt?, stateChangedAt}}`
public struct DnStateChanged: Sendable, Hashable, Codable {
    /// Always `"DnStateChanged"`.
    public var messageType: String
    /// The DN after the change.
    public var dn: VoiceDn

    public init(dn: VoiceDn) {
        self.messageType = "DnStateChanged"
        self.dn = dn
    }
}
