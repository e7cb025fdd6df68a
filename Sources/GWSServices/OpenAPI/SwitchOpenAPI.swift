import GWSServiceKit
import GWSStores

/// The OpenAPI documents of the Voice switch API (`/voice/v3`, ``VoiceSwitchRoutes``),
/// the Tenant simulator (`/tenant/v3`, ``TenantSimulatorRoutes``) and the Ixn
/// agent state cache (`/ixn/v3`, ``SessionAgentStateRoutes``).
enum SwitchOpenAPI {
    private static let dnPattern = Schema.string(minLength: 1, maxLength: 32, pattern: "^[0-9+*#]+$")

    static var voice: OpenAPIDocument {
        var document = OpenAPIDocument(
            title: "GWS Voice service (switch side)",
            description: "What the Tenant Service's SIP server reports: calls ringing on and dropped from DNs.",
            basePath: "/voice/v3")
        OpenAPIShared.defineShared(in: &document)
        let dn = Operation.pathParameter("dn")
        let authorities = OpenAPIShared.switchAuthorities
        document.add([
            Operation(
                .post, "/dns/{dn}/ring", id: "ringDN", summary: "An inbound call rings on the DN", tags: ["switch"],
                authorities: authorities, parameters: [dn],
                body: Operation.jsonBody(Schema.object(
                    [
                        "ani": Schema.text, "dnis": Schema.text, "userData": Schema.array(Schema.ref("UserDataPair")),
                        "callUuid": Schema.text,
                    ], required: ["ani"])),
                response: Schema.envelope(data: Schema.object(["callId": Schema.text], required: ["callId"])),
                errors: [404, 409]),
            Operation(
                .post, "/dns/{dn}/calls/{id}/drop", id: "dropCall", summary: "The far end hangs up", tags: ["switch"],
                authorities: authorities, parameters: [dn, Operation.pathParameter("id")], errors: [404, 409]),
            Operation(
                .get, "/dns/{dn}", id: "getDN", summary: "Who is logged in on the DN", tags: ["switch"],
                authorities: authorities, parameters: [dn],
                response: Schema.envelope(data: Schema.object(
                    ["dn": Schema.text, "userName": Schema.text, "agentState": Schema.text], required: ["dn"]))),
        ])
        return document
    }

    static var tenant: OpenAPIDocument {
        var document = OpenAPIDocument(
            title: "GWS Tenant Service simulator",
            description: "The tenant's DNs and places, and a control API that rings and drops inbound calls.",
            basePath: "/tenant/v3")
        OpenAPIShared.defineShared(in: &document)
        let dn = Operation.pathParameter("dn", dnPattern)
        let authorities = OpenAPIShared.switchAuthorities
        document.add([
            Operation(
                .get, "/dns", id: "getDNs", summary: "The tenant's DNs", tags: ["tenant"], authorities: authorities,
                response: Schema.envelope(data: ["type": "object"])),
            Operation(
                .get, "/places", id: "getPlaces", summary: "The tenant's places", tags: ["tenant"], authorities: authorities,
                response: Schema.envelope(data: ["type": "object"])),
            Operation(
                .get, "/dns/{dn}", id: "getDN", summary: "Who is logged in on the DN", tags: ["tenant"],
                authorities: authorities, parameters: [dn], response: Schema.envelope(data: ["type": "object"])),
            Operation(
                .post, "/dns/{dn}/calls", id: "injectCall", summary: "Ring an inbound call on the DN", tags: ["calls"],
                authorities: authorities, parameters: [dn],
                body: Operation.jsonBody(
                    Schema.object([
                        "ani": Schema.string("a random caller number by default"), "dnis": Schema.string("the DN by default"),
                        "userData": Schema.array(Schema.ref("UserDataPair")),
                    ]), required: false),
                response: Schema.envelope(data: Schema.object(["callId": Schema.text])), errors: [404, 409]),
            Operation(
                .post, "/dns/{dn}/calls/{id}/drop", id: "dropCall", summary: "The caller hangs up", tags: ["calls"],
                authorities: authorities, parameters: [dn, Operation.pathParameter("id")], errors: [400, 404, 409]),
        ])
        return document
    }

    static var ixn: OpenAPIDocument {
        var document = OpenAPIDocument(
            title: "GWS Ixn service", description: "Agents' multimedia state, shared by every instance.", basePath: "/ixn/v3")
        let agent = Operation.pathParameter("agentId")
        let state = Schema.object(
            [
                "agentId": Schema.text, "state": Schema.string(enum: SessionAgentState.State.allCases.map(\.rawValue)),
                "reason": Schema.text, "agentWorkMode": Schema.text, "updatedAt": Schema.dateTime,
            ], required: ["agentId", "state"])
        let answer = Schema.envelope(data: Schema.object(["agentState": state], required: ["agentState"]))
        document.add([
            Operation(
                .put, "/agents/{agentId}/state", id: "putAgentState", summary: "Record an agent's state", tags: ["agents"],
                parameters: [agent],
                body: Operation.jsonBody(Schema.object(
                    [
                        "state": Schema.string(enum: SessionAgentState.State.allCases.map(\.rawValue)), "reason": Schema.text,
                        "agentWorkMode": Schema.text,
                    ], required: ["state"])),
                response: answer),
            Operation(
                .get, "/agents/{agentId}/state", id: "getAgentState", summary: "An agent's state", tags: ["agents"],
                parameters: [agent], response: answer, errors: [400, 404]),
        ])
        return document
    }

    /// The document of a role that serves only the standard endpoints so far (ocs, chat, ucs).
    static func standard(title: String, basePath: String) -> OpenAPIDocument {
        OpenAPIDocument(title: title, description: "Only the standard endpoints so far; the API lands here.", basePath: basePath)
    }
}
