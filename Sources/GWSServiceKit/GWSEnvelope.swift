import Hummingbird

/// The `status` object of every GWS response: `code` 0 done, 1 accepted
/// (result follows on CometD), 2 partial success; for errors, the HTTP status.
public struct GWSStatus: Codable, Sendable, Equatable {
    public var code: Int
    public var message: String?

    public init(code: Int, message: String? = nil) {
        self.code = code
        self.message = message
    }

    /// Done.
    public static let ok = GWSStatus(code: 0)
}

/// The GWS response envelope: `{"status": {"code": 0, "message": "…"}, "data": {…}}`.
public struct GWSEnvelope<Payload: Codable & Sendable>: Codable, Sendable, ResponseEncodable {
    public var status: GWSStatus
    public var data: Payload?
    public var operationId: String?

    public init(status: GWSStatus = .ok, data: Payload? = nil, operationId: String? = nil) {
        self.status = status
        self.data = data
        self.operationId = operationId
    }
}

/// An envelope that carries no data.
public struct GWSNoData: Codable, Sendable, Equatable {
    public init() {}
}

extension GWSEnvelope where Payload == GWSNoData {
    /// An envelope with only a status.
    public init(status: GWSStatus, operationId: String? = nil) {
        self.init(status: status, data: nil, operationId: operationId)
    }
}
