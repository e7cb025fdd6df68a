import PostgresNIO

extension ConfigurationRepository {
    /// Creates place `name` in `tenant`, holding DN number `dn` of the same tenant if given.
    /// - Throws: `invalid("name")`, `invalid("dn")` when the tenant has no such DN,
    ///   `conflict("name")`, `notFound` for an unknown tenant.
    public func createPlace(tenant: String, name: String, dn: String? = nil) async throws -> Place {
        let name = try Self.required(name, field: "name")
        let dn = try Self.optional(dn, field: "dn", limit: 64)
        let place = try await transaction { connection in
            try await requireTenant(connection, tenant)
            var dnDbid: Int?
            if let dn {
                let found = try await rows(connection, "SELECT dbid FROM cfg_dns WHERE tenant_id = \(tenant) AND number = \(dn)")
                guard let row = found.first else { throw ConfigurationError.invalid("dn", "no DN \"\(dn)\" in this tenant") }
                dnDbid = try row.decode(Int.self)
            }
            let rows = try await rows(connection, """
                INSERT INTO cfg_places (tenant_id, name, dn_dbid) VALUES (\(tenant), \(name), \(dnDbid))
                ON CONFLICT (tenant_id, name) DO NOTHING RETURNING dbid
                """)
            guard let row = rows.first else {
                throw ConfigurationError.conflict("name", "place \"\(name)\" already exists in this tenant")
            }
            return Place(dbid: try row.decode(Int.self), tenant: tenant, name: name, dn: dn)
        }
        logger.info("created place", metadata: ["tenant": "\(tenant)", "dbid": "\(place.dbid)"])
        return place
    }

    /// All places of `tenant` with their DN numbers, by dbid.
    public func listPlaces(tenant: String) async throws -> [Place] {
        try await run {
            try await store.query("""
                SELECT p.dbid, p.name, d.number FROM cfg_places p
                LEFT JOIN cfg_dns d ON d.tenant_id = p.tenant_id AND d.dbid = p.dn_dbid
                WHERE p.tenant_id = \(tenant) ORDER BY p.dbid
                """, idempotent: true).map { row in
                let (dbid, name, number) = try row.decode((Int, String, String?).self)
                return Place(dbid: dbid, tenant: tenant, name: name, dn: number)
            }
        }
    }
}
