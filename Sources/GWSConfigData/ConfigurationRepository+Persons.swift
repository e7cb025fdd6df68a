import PostgresNIO

extension ConfigurationRepository {
    /// Creates a person in `tenant`, hashing its password.
    /// - Throws: `invalid(field)` for a missing `userName`/`employeeId` or a bad
    ///   value, `conflict("userName" | "employeeId")` for a duplicate,
    ///   `notFound` when the tenant does not exist.
    public func createPerson(tenant: String, _ new: NewPerson) async throws -> Person {
        let userName = try Self.required(new.userName, field: "userName")
        let employeeId = try Self.required(new.employeeId, field: "employeeId")
        let firstName = try Self.optional(new.firstName, field: "firstName") ?? ""
        let lastName = try Self.optional(new.lastName, field: "lastName") ?? ""
        let email = try Self.optional(new.email, field: "email")
        try Self.validateEmail(email)
        let agentLogin = try Self.optional(new.agentLogin, field: "agentLogin")
        let defaultPlace = try Self.optional(new.defaultPlace, field: "defaultPlace")
        let hash: String? = try new.password.map { password in
            try Self.validatePassword(password)
            return try hasher.hash(password)
        }
        let (isAgent, isAdmin, enabled) = (new.isAgent, new.isAdmin, new.enabled)
        let person = try await transaction { connection in
            try await requireTenant(connection, tenant)
            try await checkPersonUnique(connection, tenant: tenant, userName: userName, employeeId: employeeId)
            let inserted = try await rows(connection, """
                INSERT INTO cfg_persons (tenant_id, user_name, first_name, last_name, employee_id, email, password_hash,
                    is_agent, is_admin, agent_login, default_place, enabled)
                VALUES (\(tenant), \(userName), \(firstName), \(lastName), \(employeeId), \(email), \(hash),
                    \(isAgent), \(isAdmin), \(agentLogin), \(defaultPlace), \(enabled))
                RETURNING \(unescaped: Self.personColumns)
                """)
            return try Self.person(from: inserted[0])
        }
        logger.info("created person", metadata: ["tenant": "\(tenant)", "dbid": "\(person.dbid)", "userName": "\(userName)"])
        return person
    }

    /// Person `dbid` of `tenant`.
    /// - Throws: `notFound` when `tenant` has no such person.
    public func person(tenant: String, dbid: Int) async throws -> Person {
        try await run {
            let rows = try await store.query("""
                SELECT \(unescaped: Self.personColumns) FROM cfg_persons WHERE tenant_id = \(tenant) AND dbid = \(dbid)
                """, idempotent: true)
            guard let row = rows.first else { throw ConfigurationError.notFound("person \(dbid)", tenant: tenant) }
            return try Self.person(from: row)
        }
    }

    /// The person of `tenant` whose user name is `userName`, ignoring case.
    /// - Throws: `notFound` when there is none.
    public func person(tenant: String, userName: String) async throws -> Person {
        try await run {
            let rows = try await store.query("""
                SELECT \(unescaped: Self.personColumns) FROM cfg_persons
                WHERE tenant_id = \(tenant) AND lower(user_name) = lower(\(userName))
                """, idempotent: true)
            guard let row = rows.first else { throw ConfigurationError.notFound("person \"\(userName)\"", tenant: tenant) }
            return try Self.person(from: row)
        }
    }

    /// One page of `tenant`'s persons in dbid order, and how many match in all.
    /// - Parameters:
    ///   - limit: Page size, 1…1000.
    ///   - offset: How many matching persons to skip.
    ///   - filterName: When non-empty, keeps persons whose user, first or last
    ///     name contains it, ignoring case.
    /// - Throws: `invalid("limit" | "offset")` for out-of-range paging.
    public func listPersons(
        tenant: String, limit: Int = 100, offset: Int = 0, filterName: String? = nil
    ) async throws -> ConfigurationPage<Person> {
        try Self.validatePaging(limit: limit, offset: offset)
        let filter = (filterName ?? "").lowercased()
        let matches: PostgresQuery = """
            tenant_id = \(tenant) AND (strpos(lower(user_name), \(filter)) > 0
                OR strpos(lower(first_name), \(filter)) > 0 OR strpos(lower(last_name), \(filter)) > 0)
            """
        return try await transaction { connection in
            let count = try await rows(connection, PostgresQuery(
                unsafeSQL: "SELECT count(*) FROM cfg_persons WHERE \(matches.sql)", binds: matches.binds))
            let total = try count[0].decode(Int.self)
            var page = matches.binds
            page.append(limit)
            page.append(offset)
            let n = page.count
            let items = try await rows(connection, PostgresQuery(unsafeSQL: """
                SELECT \(Self.personColumns) FROM cfg_persons WHERE \(matches.sql)
                ORDER BY dbid LIMIT $\(n - 1) OFFSET $\(n)
                """, binds: page))
            return ConfigurationPage(items: try items.map(Self.person(from:)), totalCount: total)
        }
    }

    /// Deletes person `dbid` of `tenant` (with its skill levels and group memberships).
    /// - Throws: `notFound` when `tenant` has no such person.
    public func deletePerson(tenant: String, dbid: Int) async throws {
        try await run {
            let rows = try await store.query("DELETE FROM cfg_persons WHERE tenant_id = \(tenant) AND dbid = \(dbid) RETURNING dbid")
            guard !rows.isEmpty else { throw ConfigurationError.notFound("person \(dbid)", tenant: tenant) }
        }
        logger.info("deleted person", metadata: ["tenant": "\(tenant)", "dbid": "\(dbid)"])
    }
}
