import PostgresNIO

extension ConfigurationRepository {
    /// Creates DN `number` of `type` (e.g. `Extension`) in `tenant`.
    /// - Throws: `invalid("number" | "type")`, `conflict("number")`, `notFound` for an unknown tenant.
    public func createDN(tenant: String, number: String, type: String = "Extension") async throws -> DirectoryNumber {
        let number = try Self.required(number, field: "number", limit: 64)
        let type = try Self.required(type, field: "type", limit: 64)
        guard type.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic }) else {
            throw ConfigurationError.invalid("type", "must be a DN type name such as Extension")
        }
        let dn = try await transaction { connection in
            try await requireTenant(connection, tenant)
            let rows = try await rows(connection, """
                INSERT INTO cfg_dns (tenant_id, number, type) VALUES (\(tenant), \(number), \(type))
                ON CONFLICT (tenant_id, number) DO NOTHING RETURNING dbid
                """)
            guard let row = rows.first else {
                throw ConfigurationError.conflict("number", "DN \"\(number)\" already exists in this tenant")
            }
            return DirectoryNumber(dbid: try row.decode(Int.self), tenant: tenant, number: number, type: type)
        }
        logger.info("created DN", metadata: ["tenant": "\(tenant)", "dbid": "\(dn.dbid)", "number": "\(number)"])
        return dn
    }

    /// All DNs of `tenant`, by dbid.
    public func listDNs(tenant: String) async throws -> [DirectoryNumber] {
        try await run {
            try await store.query("SELECT dbid, number, type FROM cfg_dns WHERE tenant_id = \(tenant) ORDER BY dbid", idempotent: true).map { row in
                let (dbid, number, type) = try row.decode((Int, String, String).self)
                return DirectoryNumber(dbid: dbid, tenant: tenant, number: number, type: type)
            }
        }
    }
}
