import Foundation
import GWSStores
import Testing

@testable import GWSVoice

/// Reading a notification's tenant and user from the end of its JSON text.
@Suite("AgentNotification recipient")
struct AgentNotificationRecipientTests {
    static func json(tenant: String, userName: String, data: JSONValue = ["messageType": "DnStateChanged"]) throws -> String {
        try AgentNotification(
            tenant: tenant, userName: userName, employeeId: "E1", data: data, at: Date(timeIntervalSince1970: 1),
            sequence: 3
        ).jsonString()
    }

    @Test func theRecipientOfWhatWePublishIsReadWithoutDecoding() throws {
        let text = try Self.json(tenant: "acme", userName: "agent1")
        let recipient = try #require(AgentNotification.recipient(ofJSON: text))
        #expect(recipient.tenant == "acme" && recipient.userName == "agent1")
        // Nested look-alikes in the data do not fool it: the top-level fields come last.
        let nested = try Self.json(
            tenant: "t2", userName: "bob", data: ["tenant": "evil", "userName": "mallory", "x": [",\"userName\":\"z\""]])
        let other = try #require(AgentNotification.recipient(ofJSON: nested))
        #expect(other.tenant == "t2" && other.userName == "bob")
        let unicode = try #require(AgentNotification.recipient(ofJSON: try Self.json(tenant: "acmé", userName: "zoë")))
        #expect(unicode.tenant == "acmé" && unicode.userName == "zoë")
    }

    @Test(arguments: [
        #"{"tenant":"a","userName":"b"}"#,  // no leading comma: not our layout
        #"{"at":"x","tenant":"a","userName":"b\"c"}"#,  // an escape: decode instead
        #"{"at":"x","tenant":"a\\b","userName":"c"}"#,
        #"{"at":"x","userName":"b","tenant":"a"}"#,  // unsorted
        #"{"at":"x","tenant":"","userName":"b"}"#,
        #"not json"#,
        "",
    ])
    func anythingElseIsLeftToTheDecoder(text: String) {
        #expect(AgentNotification.recipient(ofJSON: text) == nil)
    }

    @Test func escapedNamesFallBackToDecodingAndStillMatch() throws {
        let text = try Self.json(tenant: "acme", userName: #"we"ird"#)
        #expect(AgentNotification.recipient(ofJSON: text) == nil)
        #expect(try AgentNotification(jsonString: text).userName == #"we"ird"#)
    }
}
