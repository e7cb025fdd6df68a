import Foundation
import GWSConfigData
import GWSStores
import Logging

/// Seeds the demo tenant into an operator-managed PostgreSQL: an admin, a
/// confidential API client, the public `agent-setup` client, six agents with
/// DNs, places, an agent group and a skill; the generated credentials go to
/// `<state-dir>/credentials.json` (mode 0600).
///
/// Idempotent: with a credentials file, it creates what the database lacks
/// from it; without one, it generates new credentials and applies them the
/// same way. Persons that exist are left as they are: a password changed
/// through the APIs survives operator restarts and takeovers (the file holds
/// the initial credentials), and a restart hashes no password. It runs
/// the Configuration and auth migrations itself (they are advisory-locked, so
/// running alongside the services is safe).
struct DemoTenantSeeder: Sendable {
    let store: PostgresStore
    let stateRoot: URL
    let tenant: String
    let logger: Logger
    /// The public OAuth client of the Agent Setup UI.
    static let agentSetupClientID = "agent-setup"

    /// Seeds and returns the credentials written.
    @discardableResult
    func seed() async throws -> DemoCredentials {
        let hasher = PasswordHasher()
        let repository = ConfigurationRepository(store: store, hasher: hasher, logger: logger)
        _ = try await repository.migrate()
        try await MigrationRunner(store: store, logger: logger)
            .migrate(service: AuthMigrations.service, migrations: AuthMigrations.all)

        let file = DemoCredentials.file(in: stateRoot)
        let existing = DemoCredentials.read(from: file)
        let credentials = existing ?? DemoCredentials.generate(tenant: tenant, clientSecret: PasswordGenerator.generate(length: 40))
        guard credentials.tenant == tenant else {
            throw DemoTenantError("\(file.path) is for tenant \(credentials.tenant), not \(tenant): move it away to seed \(tenant)")
        }

        _ = try await repository.ensureTenant(id: tenant, name: "Demo tenant")
        try await ensurePerson(repository, NewPerson(
            userName: credentials.admin.username, firstName: "Demo", lastName: "Administrator", employeeId: "1000",
            password: credentials.admin.password, isAgent: false, isAdmin: true))
        let group = try await ensureAgentGroup(repository, name: "Demo Agents")
        let skill = try await ensureSkill(repository, name: "English")
        for agent in credentials.agents {
            try await ignoringConflict { _ = try await repository.createDN(tenant: tenant, number: agent.dn) }
            try await ignoringConflict { _ = try await repository.createPlace(tenant: tenant, name: agent.place, dn: agent.dn) }
            let person = try await ensurePerson(repository, NewPerson(
                userName: agent.username, firstName: "Agent", lastName: agent.username.capitalized,
                employeeId: agent.employeeId, password: agent.password, isAgent: true,
                agentLogin: agent.employeeId, defaultPlace: agent.place))
            try await repository.addAgentGroupMember(tenant: tenant, groupDbid: group, personDbid: person.dbid)
            try await repository.setSkillLevel(tenant: tenant, personDbid: person.dbid, skillDbid: skill, level: 5)
        }
        try await ensureClients(credentials, hasher: hasher)
        if existing != credentials { try credentials.write(to: file) }
        logger.info("demo tenant ready", metadata: ["tenant": "\(tenant)", "credentials": "\(file.path)"])
        return credentials
    }

    /// The person, created as `new` when missing.
    @discardableResult
    private func ensurePerson(_ repository: ConfigurationRepository, _ new: NewPerson) async throws -> Person {
        do {
            return try await repository.person(tenant: tenant, userName: new.userName)
        } catch let error as ConfigurationError where error.code == .notFound {
            return try await repository.createPerson(tenant: tenant, new)
        }
    }

    private func ensureAgentGroup(_ repository: ConfigurationRepository, name: String) async throws -> Int {
        if let found = try await repository.listAgentGroups(tenant: tenant).first(where: { $0.name == name }) {
            return found.dbid
        }
        return try await repository.createAgentGroup(tenant: tenant, name: name).dbid
    }

    private func ensureSkill(_ repository: ConfigurationRepository, name: String) async throws -> Int {
        if let found = try await repository.listSkills(tenant: tenant).first(where: { $0.name == name }) {
            return found.dbid
        }
        return try await repository.createSkill(tenant: tenant, name: name).dbid
    }

    /// The confidential client (re-created with the file's secret) and the public Agent Setup client.
    private func ensureClients(_ credentials: DemoCredentials, hasher: PasswordHasher) async throws {
        let clients = AuthClientStore(postgres: store, hasher: PasswordHasher(rounds: 10_000))
        if try await clients.authenticate(clientId: credentials.client.id, secret: credentials.client.secret) == nil {
            try await store.query("DELETE FROM auth_clients WHERE client_id = \(credentials.client.id)")
            _ = try await clients.create(
                clientId: credentials.client.id, tenant: tenant, name: "Demo API client", scopes: ["*"],
                secret: credentials.client.secret)
        }
        guard try await clients.ensurePublic(clientId: Self.agentSetupClientID, tenant: tenant, name: "Agent Setup") else {
            throw DemoTenantError("client id \(Self.agentSetupClientID) is taken by a confidential client")
        }
    }

    private func ignoringConflict(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as ConfigurationError {
            guard case .conflict = error.code else { throw error }
        }
    }
}
