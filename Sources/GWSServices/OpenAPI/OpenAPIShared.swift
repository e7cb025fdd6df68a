import GWSServiceKit
import GWSStores
import GWSVoice

/// Short names for the role documents of this folder.
typealias Schema = OpenAPISchema
typealias Operation = OpenAPIOperation

/// Schemas and operations several role documents share.
enum OpenAPIShared {
    /// The authorities of the switch-facing and simulator APIs (Voice, Tenant).
    static let switchAuthorities = ["ROLE_ADMIN", "ROLE_CLIENT", "ROLE_SERVICE"]

    /// An identifier in a path or body: 1 to 256 characters.
    static let identifier = Schema.string(minLength: 1, maxLength: RequestInput.maximumIdentifierLength)

    /// A positive dbid path parameter.
    static func dbidParameter(_ name: String) -> JSONValue {
        Operation.pathParameter(name, Schema.integer(minimum: 1, maximum: Int(Int32.max)))
    }

    /// `limit` and `offset` of the paged lists.
    static let pageParameters: [JSONValue] = [
        Operation.queryParameter("limit", Schema.integer(minimum: 1, maximum: 1000), description: "page size, 100 by default"),
        Operation.queryParameter("offset", Schema.integer(minimum: 0, maximum: Int(Int32.max)), description: "0 by default"),
        Operation.queryParameter("filterName", Schema.string(maxLength: 256), description: "part of the user name or names"),
    ]

    /// A GWS key/value pair `{key, type: str|int|kvlist, value}`.
    static let userDataPair = Schema.object(
        [
            "key": Schema.string(minLength: 1), "type": Schema.string(enum: ["str", "int", "kvlist"]),
            "value": ["description": "a string (str), an integer (int) or a list of pairs (kvlist)"],
        ], required: ["key", "type", "value"])

    /// A voice call as the Workspace API shows it.
    static let call = Schema.object(
        [
            "id": Schema.text, "connId": Schema.text, "callUuid": Schema.text, "dn": Schema.text,
            "callType": Schema.string(enum: CallType.allCases.map(\.rawValue)),
            "state": Schema.string(enum: CallState.allCases.map(\.rawValue)),
            "capabilities": Schema.array(Schema.text), "participants": Schema.array(["type": "object"]),
            "ani": Schema.text, "dnis": Schema.text, "userData": Schema.array(Schema.ref("UserDataPair")),
            "timestamps": ["type": "object"],
        ], required: ["id", "state"])

    /// The agent work modes of voice requests.
    static let workMode = Schema.string(enum: AgentWorkMode.allCases.map(\.rawValue))

    /// A Bayeux message (`channel` required; the rest depends on it).
    static let bayeuxMessage = Schema.object(
        [
            "channel": Schema.string(minLength: 1), "clientId": Schema.text, "id": Schema.text, "version": Schema.text,
            "minimumVersion": Schema.text, "supportedConnectionTypes": Schema.array(Schema.text),
            "connectionType": Schema.text, "subscription": Schema.text, "ext": ["type": "object"], "data": Schema.any,
            "advice": ["type": "object"],
        ], required: ["channel"])

    /// The CometD (Bayeux long-polling) endpoint at `<path>`, as
    /// ``GWSCometD/CometDServer/register(on:)`` serves it: `POST <path>` and
    /// `POST <path>/<message type>`. Handshakes authenticate themselves (see
    /// `description`), so these operations carry no HTTP security.
    static func cometD(path: String, tag: String, description: String) -> [OpenAPIOperation] {
        let body: JSONValue = [
            "required": true,
            "content": ["application/json": ["schema": ["oneOf": [Schema.array(Schema.ref("BayeuxMessage"), minItems: 1), Schema.ref("BayeuxMessage")]]]],
        ]
        let reply = Schema.array(Schema.ref("BayeuxMessage"))
        let suffixes = [("", "Notifications"), ("/handshake", "Handshake"), ("/connect", "Connect"),
                        ("/subscribe", "Subscribe"), ("/unsubscribe", "Unsubscribe"), ("/disconnect", "Disconnect")]
        return suffixes.map { suffix, name in
            Operation(
                .post, path + suffix, id: "notifications\(name)", summary: "CometD (Bayeux) \(name.lowercased()) messages",
                description: description, tags: [tag], access: .open, body: body,
                successDescription: "the Bayeux replies (failures say so in `successful` and `error`)", response: reply,
                errors: [400, 413])
        }
    }

    /// Defines the shared schemas a document refers to.
    static func defineShared(in document: inout OpenAPIDocument) {
        document.define("UserDataPair", userDataPair)
        document.define("Call", call)
        document.define("BayeuxMessage", bayeuxMessage)
    }
}
