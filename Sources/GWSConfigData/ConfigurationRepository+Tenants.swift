import PostgresNIO

extension ConfigurationRepository {
    /// Creates tenant `id`.
    /// - Throws: `invalid("id")` for an empty id, `conflict("id")` when it exists.
    @discardableResult
    public func createTenant(id: String, name: String) async throws -> Tenant {
        let id = try Self.required(id, field: "id", limit: 64)
        let name = try Self.optional(name, field: "name") ?? id
        return try await transaction { connection in
            let rows = try await rows(connection, """
                INSERT INTO cfg_tenants (id, name) VALUES (\(id), \(name))
                ON CONFLICT (id) DO NOTHING RETURNING id
                """)
            guard !rows.isEmpty else { throw ConfigurationError.conflict("id", "tenant \"\(id)\" already exists") }
            logger.info("created tenant", metadata: ["tenant": "\(id)"])
            return Tenant(id: id, name: name)
        }
    }

    /// Tenant `id`, created with `name` if it does not exist yet (the existing name is kept).
    @discardableResult
    public func ensureTenant(id: String, name: String? = nil) async throws -> Tenant {
        let id = try Self.required(id, field: "id", limit: 64)
        let name = try Self.optional(name, field: "name") ?? id
        return try await run {
            try await store.execute("INSERT INTO cfg_tenants (id, name) VALUES (\(id), \(name)) ON CONFLICT (id) DO NOTHING")
            return try await tenant(id: id)
        }
    }

    /// Tenant `id`.
    /// - Throws: `notFound` when it does not exist.
    public func tenant(id: String) async throws -> Tenant {
        try await run {
            let rows = try await store.query("SELECT id, name FROM cfg_tenants WHERE id = \(id)", idempotent: true)
            guard let row = rows.first else { throw ConfigurationError.notFound("tenant \"\(id)\"", tenant: id) }
            let (id, name) = try row.decode((String, String).self)
            return Tenant(id: id, name: name)
        }
    }

    /// All tenants, by id.
    public func listTenants() async throws -> [Tenant] {
        try await run {
            try await store.query("SELECT id, name FROM cfg_tenants ORDER BY id", idempotent: true).map { row in
                let (id, name) = try row.decode((String, String).self)
                return Tenant(id: id, name: name)
            }
        }
    }

    /// Throws `notFound` unless tenant `tenant` exists (inside a transaction).
    func requireTenant(_ connection: PostgresConnection, _ tenant: String) async throws {
        let found = try await rows(connection, "SELECT 1 FROM cfg_tenants WHERE id = \(tenant)")
        guard !found.isEmpty else { throw ConfigurationError.notFound("tenant \"\(tenant)\"", tenant: tenant) }
    }

    /// Throws `notFound` unless `table` has row `dbid` in `tenant` (inside a transaction).
    func requireObject(
        _ connection: PostgresConnection, table: String, what: String, tenant: String, dbid: Int
    ) async throws {
        let found = try await rows(connection, "SELECT 1 FROM \(unescaped: table) WHERE tenant_id = \(tenant) AND dbid = \(dbid)")
        guard !found.isEmpty else { throw ConfigurationError.notFound("\(what) \(dbid)", tenant: tenant) }
    }
}
