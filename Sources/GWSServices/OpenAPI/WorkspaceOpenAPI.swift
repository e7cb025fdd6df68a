import GWSServiceKit
import GWSStores

/// The OpenAPI document of the Workspace API (`/workspace/v3`): what
/// ``WorkspaceRoutes``, ``WorkspaceVoiceRoutes`` and the CometD endpoint serve.
enum WorkspaceOpenAPI {
    static var document: OpenAPIDocument {
        var document = OpenAPIDocument(
            title: "GWS Workspace API",
            description: """
                The agent desktop's API. Initialize the workspace with a bearer token to get the \
                WORKSPACE_SESSIONID cookie; the other operations need both. Commands answer status code 1 \
                (accepted): their results arrive on CometD channel /workspace/v3/voice.
                """,
            basePath: WorkspaceContext.basePath)
        OpenAPIShared.defineShared(in: &document)
        document.add(sessionOperations)
        document.add(voiceOperations)
        document.add(
            OpenAPIShared.cometD(
                path: "/notifications", tag: "notifications",
                description: """
                    Bayeux long-polling. A handshake is authenticated by the WORKSPACE_SESSIONID cookie, an \
                    Authorization: Bearer header or ext.authorization / ext.access_token; channels under /workspace/v3/.
                    """))
        return document
    }

    private static let session = OpenAPIOperation.Access.bearerAndSession(cookie: WorkspaceContext.cookieName)

    private static let user = Schema.object(
        [
            "dbid": Schema.integer(), "userName": Schema.text, "firstName": Schema.text, "lastName": Schema.text,
            "employeeId": Schema.text, "agentLogin": Schema.text, "defaultPlace": Schema.text,
            "activeSession": ["type": "object"],
        ], required: ["dbid", "userName"])

    private static var sessionOperations: [OpenAPIOperation] {
        [
            Operation(
                .post, "/initialize-workspace", id: "initializeWorkspace", summary: "Start a Workspace session",
                description: "For user tokens (not API clients). Completion follows on /workspace/v3/initialization.",
                tags: ["session"], successDescription: "accepted (code 1), with the user; sets the session cookie",
                response: Schema.envelope(data: Schema.object(["user": user])),
                successHeaders: Operation.setCookieHeader(WorkspaceContext.cookieName), errors: [403, 404]),
            Operation(
                .get, "/current-session", id: "getCurrentSession", summary: "The session's user and active voice session",
                tags: ["session"], access: session, response: Schema.envelope(data: Schema.object(["user": user]))),
            Operation(
                .post, "/activate-channels", id: "activateChannels", summary: "Log the agent in on a DN",
                description: "The DN is data.dn, else the DN of data.placeName, else of the user's default place.",
                tags: ["session"], access: session,
                body: Operation.jsonBody(
                    Schema.object([
                        "agentId": Schema.text, "placeName": Schema.text,
                        "dn": Schema.text, "agentWorkMode": OpenAPIShared.workMode,
                    ])),
                successDescription: "accepted (code 1)", errors: [404, 409]),
            Operation(
                .post, "/logout", id: "logout", summary: "Log out of voice and end the session", tags: ["session"],
                access: session, successDescription: "the session is over; the cookie is cleared",
                successHeaders: Operation.setCookieHeader(WorkspaceContext.cookieName), errors: [409]),
        ]
    }

    private static var voiceOperations: [OpenAPIOperation] {
        let state = Operation.jsonBody(
            Schema.object(["reasonCode": Schema.text, "agentWorkMode": OpenAPIShared.workMode]),
            required: false)
        let userData = Operation.jsonBody(
            Schema.object(["userData": Schema.array(Schema.ref("UserDataPair"))], required: ["userData"]))
        func command(_ path: String, _ id: String, _ summary: String, body: JSONValue? = nil, call: Bool = false) -> OpenAPIOperation {
            Operation(
                .post, "/voice" + path, id: id, summary: summary, tags: ["voice"], access: session,
                parameters: call ? [Operation.pathParameter("id")] : [], body: body,
                successDescription: "accepted (code 1): the result follows on /workspace/v3/voice",
                errors: call ? [404, 409] : [409])
        }
        return [
            command("/ready", "setAgentStateReady", "Make the agent Ready", body: state),
            command("/not-ready", "setAgentStateNotReady", "Make the agent NotReady", body: state),
            command("/dnd-on", "setDNDOn", "Turn do-not-disturb on"),
            command("/dnd-off", "setDNDOff", "Turn do-not-disturb off"),
            command("/logout", "logoutVoice", "Log the agent out of its DN"),
            command(
                "/make-call", "makeCall", "Dial a number",
                body: Operation.jsonBody(
                    Schema.object(
                        ["destination": Schema.string(minLength: 1), "userData": Schema.array(Schema.ref("UserDataPair"))],
                        required: ["destination"]))),
            Operation(
                .get, "/voice/calls", id: "getCalls", summary: "The agent's calls", tags: ["voice"], access: session,
                response: Schema.envelope(data: Schema.object(["calls": Schema.array(Schema.ref("Call"))], required: ["calls"]))),
            command("/calls/{id}/answer", "answer", "Answer a ringing call", call: true),
            command("/calls/{id}/hold", "hold", "Hold a call", call: true),
            command("/calls/{id}/retrieve", "retrieve", "Retrieve a held call", call: true),
            command("/calls/{id}/release", "release", "Hang up a call", call: true),
            command("/calls/{id}/complete", "complete", "Complete a released call", call: true),
            command("/calls/{id}/attach-user-data", "attachUserData", "Attach user data to a call", body: userData, call: true),
            command("/calls/{id}/update-user-data", "updateUserData", "Update a call's user data", body: userData, call: true),
        ]
    }
}
