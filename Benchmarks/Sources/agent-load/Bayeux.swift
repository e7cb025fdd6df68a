/// The fields of a Bayeux message that the agents read; everything else is skipped.
struct BayeuxMessage: Decodable {
    let channel: String?
    let successful: Bool?
    let clientId: String?
    /// `data` of a /workspace/v3/voice message when it is an object (nil otherwise).
    let data: VoiceData?

    struct VoiceData: Decodable {
        let messageType: String?
        let dn: DN?
    }

    struct DN: Decodable {
        let agentState: String?
    }

    enum CodingKeys: String, CodingKey {
        case channel, successful, clientId, data
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        channel = try? c.decodeIfPresent(String.self, forKey: .channel)
        successful = try? c.decodeIfPresent(Bool.self, forKey: .successful)
        clientId = try? c.decodeIfPresent(String.self, forKey: .clientId)
        data = try? c.decodeIfPresent(VoiceData.self, forKey: .data)
    }
}
