/// GWS's `EventError`: an asynchronous failure reported to the agent's client.
///
/// `{messageType: "EventError", error: {errorMessage, errorCode}}`
public struct EventError: Sendable, Hashable, Codable {
    /// The failure.
    public struct Detail: Sendable, Hashable, Codable {
        /// What went wrong, for people.
        public var errorMessage: String
        /// A number for programs (here: the HTTP status of the refusal).
        public var errorCode: Int

        public init(errorMessage: String, errorCode: Int) {
            self.errorMessage = errorMessage
            self.errorCode = errorCode
        }
    }

    /// Always `"EventError"`.
    public var messageType: String
    /// The failure.
    public var error: Detail

    public init(errorMessage: String, errorCode: Int) {
        self.messageType = "EventError"
        self.error = Detail(errorMessage: errorMessage, errorCode: errorCode)
    }

    /// The event for a refused command: its message, and its HTTP status as the code.
    public init(_ error: VoiceError) {
        self.init(errorMessage: error.message, errorCode: error.httpStatus)
    }
}
