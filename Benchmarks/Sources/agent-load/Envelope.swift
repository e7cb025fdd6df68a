/// The `{"status": {"code", "message"}}` envelope of a Workspace answer.
struct Envelope: Decodable {
    let status: Status?

    struct Status: Decodable {
        let code: Int?
        let message: String?

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            code = try? c.decodeIfPresent(Int.self, forKey: .code)
            message = try? c.decodeIfPresent(String.self, forKey: .message)
        }

        enum CodingKeys: String, CodingKey { case code, message }

        /// As Python prints the dict: `{'code': 2, 'message': '…'}`.
        var pythonRepr: String {
            var parts: [String] = []
            if let code { parts.append("'code': \(code)") }
            if let message { parts.append("'message': '\(message)'") }
            return "{" + parts.joined(separator: ", ") + "}"
        }
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try? c.decodeIfPresent(Status.self, forKey: .status)
    }

    enum CodingKeys: String, CodingKey { case status }
}
