import PostgresNIO

extension ConfigurationRepository {
    /// Applies the non-nil fields of `update` to person `dbid` of `tenant`
    /// (an empty `email`, `agentLogin` or `defaultPlace` clears it; a
    /// `password` is re-hashed) and stamps `updatedAt`.
    /// - Throws: `notFound`, `invalid(field)`, `conflict("userName" | "employeeId")`.
    public func updatePerson(tenant: String, dbid: Int, _ update: PersonUpdate) async throws -> Person {
        var hash: String?
        if let password = update.password {
            try Self.validatePassword(password)
            hash = try hasher.hash(password)
        }
        try Self.validateEmail(try Self.optional(update.email, field: "email"))
        let newHash = hash
        let person = try await transaction { connection in
            let current = try await rows(connection, """
                SELECT \(unescaped: Self.personColumns) FROM cfg_persons
                WHERE tenant_id = \(tenant) AND dbid = \(dbid) FOR UPDATE
                """)
            guard let row = current.first else { throw ConfigurationError.notFound("person \(dbid)", tenant: tenant) }
            let merged = try Self.merge(update, into: try Self.person(from: row))
            try await checkPersonUnique(
                connection, tenant: tenant, userName: merged.userName, employeeId: merged.employeeId, excluding: dbid)
            let updated = try await rows(connection, """
                UPDATE cfg_persons SET user_name = \(merged.userName), first_name = \(merged.firstName),
                    last_name = \(merged.lastName), employee_id = \(merged.employeeId), email = \(merged.email),
                    is_agent = \(merged.isAgent), is_admin = \(merged.isAdmin), agent_login = \(merged.agentLogin),
                    default_place = \(merged.defaultPlace), enabled = \(merged.enabled), updated_at = clock_timestamp()
                WHERE tenant_id = \(tenant) AND dbid = \(dbid)
                RETURNING \(unescaped: Self.personColumns)
                """)
            if let newHash {
                try await connection.query(
                    "UPDATE cfg_persons SET password_hash = \(newHash) WHERE tenant_id = \(tenant) AND dbid = \(dbid)",
                    logger: logger)
            }
            return try Self.person(from: updated[0])
        }
        logger.info("updated person", metadata: [
            "tenant": "\(tenant)", "dbid": "\(dbid)", "passwordChanged": "\(hash != nil)",
        ])
        return person
    }

    /// `person` with `update`'s non-nil fields applied and validated.
    static func merge(_ update: PersonUpdate, into person: Person) throws -> Person {
        var merged = person
        if let value = update.userName { merged.userName = try required(value, field: "userName") }
        if let value = update.employeeId { merged.employeeId = try required(value, field: "employeeId") }
        if let value = update.firstName { merged.firstName = try optional(value, field: "firstName") ?? "" }
        if let value = update.lastName { merged.lastName = try optional(value, field: "lastName") ?? "" }
        if let value = update.email { merged.email = try optional(value, field: "email") }
        if let value = update.agentLogin { merged.agentLogin = try optional(value, field: "agentLogin") }
        if let value = update.defaultPlace { merged.defaultPlace = try optional(value, field: "defaultPlace") }
        if let value = update.isAgent { merged.isAgent = value }
        if let value = update.isAdmin { merged.isAdmin = value }
        if let value = update.enabled { merged.enabled = value }
        return merged
    }
}
