import Foundation
import GWSConfigData

/// What `<state-dir>/credentials.json` holds: the demo tenant's generated
/// credentials, so a newcomer can log in at once.
struct DemoCredentials: Codable, Sendable, Equatable {
    struct Login: Codable, Sendable, Equatable {
        var username: String
        var password: String
    }

    struct Client: Codable, Sendable, Equatable {
        var id: String
        var secret: String
    }

    struct Agent: Codable, Sendable, Equatable {
        var username: String
        var password: String
        var employeeId: String
        var dn: String
        var place: String
    }

    var tenant: String
    var admin: Login
    var client: Client
    var agents: [Agent]

    /// How many agents the demo tenant has.
    static let agentCount = 6

    /// Fresh credentials for `tenant`: generated passwords and client secret.
    static func generate(tenant: String, clientSecret: String) -> DemoCredentials {
        let agents = (1...agentCount).map { n in
            Agent(
                username: "agent\(n)", password: PasswordGenerator.generate(), employeeId: "\(1000 + n)",
                dn: "\(7000 + n)", place: "Place_\(7000 + n)")
        }
        return DemoCredentials(
            tenant: tenant, admin: Login(username: "admin", password: PasswordGenerator.generate()),
            client: Client(id: "\(tenant)-api-client", secret: clientSecret), agents: agents)
    }

    /// The file in `stateRoot`.
    static func file(in stateRoot: URL) -> URL { stateRoot.appendingPathComponent("credentials.json") }

    /// The credentials in `url`; nil when there is no readable, well-formed file.
    static func read(from url: URL) -> DemoCredentials? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(DemoCredentials.self, from: data)
    }

    /// Writes them to `url`, readable by the owner only, replacing any old file at once.
    func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".credentials.json.\(getpid()).tmp")
        guard FileManager.default.createFile(
            atPath: tmp.path, contents: try encoder.encode(self), attributes: [.posixPermissions: 0o600])
        else { throw DemoTenantError("cannot write \(tmp.path)") }
        guard rename(tmp.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: tmp)
            throw DemoTenantError("cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
    }
}

/// Why the demo tenant could not be seeded.
struct DemoTenantError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
