import GWSStores
import GWSVoice

/// The user as Workspace shows it (`initialize-workspace`, the
/// initialization event, `current-session`).
struct WorkspaceUser: Codable, Sendable {
    var dbid: Int
    var userName: String
    var firstName: String
    var lastName: String
    var employeeId: String
    var agentLogin: String?
    var defaultPlace: String?
    /// The voice session (`current-session` only; absent elsewhere).
    var activeSession: WorkspaceCurrentSession.ActiveSession?

    init(_ session: WorkspaceSession, activeSession: WorkspaceCurrentSession.ActiveSession? = nil) {
        dbid = session.dbid
        userName = session.userName
        firstName = session.firstName
        lastName = session.lastName
        employeeId = session.employeeId
        agentLogin = session.agentLogin
        defaultPlace = session.defaultPlace
        self.activeSession = activeSession
    }
}

/// What `/workspace/v3/initialization` carries.
enum WorkspaceInitialization {
    /// `data` of the `initialize-workspace` answer: `{user}`.
    struct UserData: Codable, Sendable {
        var user: WorkspaceUser
    }

    /// `WorkspaceInitializationComplete {state: "Complete", data{user, configuration}}`.
    struct Complete: Codable, Sendable {
        struct Payload: Codable, Sendable {
            var user: WorkspaceUser
            /// The desktop configuration (no business attributes or action codes are configured yet).
            var configuration: [String: [String]]
        }

        var messageType = "WorkspaceInitializationComplete"
        var state = "Complete"
        var data: Payload
    }

    static func userData(_ session: WorkspaceSession) -> UserData {
        UserData(user: WorkspaceUser(session))
    }

    /// The completion event of `session` as JSON.
    static func complete(_ session: WorkspaceSession) throws -> JSONValue {
        try VoiceCoding.jsonValue(
            of: Complete(data: .init(user: WorkspaceUser(session), configuration: ["actionCodes": [], "businessAttributes": []])))
    }
}

/// `data` of `current-session`: `{user{…, activeSession{dn, calls, media, services}}}`.
struct WorkspaceCurrentSession: Codable, Sendable {
    struct ActiveSession: Codable, Sendable {
        var dn: VoiceDn?
        var calls: [VoiceCall]
        var media: [String]
        var services: [String]
    }

    var user: WorkspaceUser

    init(session: WorkspaceSession, record: VoiceRecord) {
        let active = ActiveSession(
            dn: record.isLoggedIn ? record.dn : nil, calls: record.calls, media: record.isLoggedIn ? ["voice"] : [],
            services: record.isLoggedIn ? ["VOICE"] : [])
        user = WorkspaceUser(session, activeSession: active)
    }
}
