import GWSServiceKit
import GWSVoice
import Hummingbird

extension VoiceError {
    /// The GWS envelope error for this voice error: its HTTP status (400, 404,
    /// 409, 503, 500) and its message, which names the call, its state and
    /// the operations allowed.
    var gwsError: GWSError {
        GWSError(HTTPResponse.Status(code: httpStatus), message)
    }
}

/// Runs `body`, turning a ``VoiceError`` into its GWS envelope error.
func mappingVoiceErrors<T: Sendable>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as VoiceError {
        throw error.gwsError
    }
}
