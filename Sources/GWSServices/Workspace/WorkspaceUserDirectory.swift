import GWSServiceKit

/// What Workspace reads from the Configuration service, with the caller's
/// token (passed on by ``PeerServiceClient``): the signed-in person and the
/// tenant's places (a place names the agent's DN).
struct WorkspaceUserDirectory: Sendable {
    let configuration: PeerServiceClient

    /// A place as Configuration answers it.
    struct PlaceRecord: Decodable, Sendable {
        var dbid: Int
        var name: String
        var dn: String?
    }

    private struct PersonReply: Decodable { var person: ConfigurationPersonRecord }
    private struct PlacesReply: Decodable { var places: [PlaceRecord] }

    /// The person `dbid` of `tenant` (404 when Configuration has none).
    func person(tenant: String, dbid: Int) async throws -> ConfigurationPersonRecord {
        try await configuration.get("/persons/\(dbid)", tenant: tenant, as: PersonReply.self).person
    }

    /// The place called `name`; nil when there is none.
    func place(tenant: String, name: String) async throws -> PlaceRecord? {
        try await configuration.get("/places", tenant: tenant, as: PlacesReply.self).places.first { $0.name == name }
    }
}
