import Foundation
import GWSStores

/// Bodies and answers of the Data Collector API.
enum DataCollectorPayloads {
    /// `PUT …/agents/{employeeId}/state` body: `{data: {state, reason?, groups?, agentId?}}`.
    struct AgentStateChange: Decodable {
        var state: AgentState
        var reason: String?
        var groups: [String]?
        var agentId: String?
    }

    /// An agent's state as clients see it.
    struct AgentStateView: Codable, Sendable {
        var employeeId: String
        var agentId: String
        var state: AgentState
        var reason: String?
        var groups: [String]
        var updatedAt: Date
    }

    /// `data` of the agent state calls.
    struct AgentStateData: Codable, Sendable {
        var agentState: AgentStateView
    }

    /// `data` of `GET …/agent-states/counts`.
    struct CountsData: Codable, Sendable {
        var group: String?
        var counts: [String: Int]
        var total: Int
    }

    /// `PUT …/contacts/{id}` body: `{data: {firstName, lastName, phoneNumbers?, emailAddresses?}}`.
    struct ContactChange: Decodable {
        var firstName: String
        var lastName: String
        var phoneNumbers: [String]?
        var emailAddresses: [String]?
    }

    /// `data` of `PUT …/contacts/{id}`.
    struct ContactData: Codable, Sendable {
        var contact: ContactDocument
    }

    /// `data` of `GET …/contacts`.
    struct ContactsData: Codable, Sendable {
        var contacts: [ContactDocument]
    }
}
