import PostgresNIO

extension ConfigurationRepository {
    /// Creates agent group `name` in `tenant` (no members).
    /// - Throws: `invalid("name")`, `conflict("name")`, `notFound` for an unknown tenant.
    public func createAgentGroup(tenant: String, name: String) async throws -> AgentGroup {
        let name = try Self.required(name, field: "name")
        let group = try await transaction { connection in
            try await requireTenant(connection, tenant)
            let rows = try await rows(connection, """
                INSERT INTO cfg_agent_groups (tenant_id, name) VALUES (\(tenant), \(name))
                ON CONFLICT (tenant_id, name) DO NOTHING RETURNING dbid
                """)
            guard let row = rows.first else {
                throw ConfigurationError.conflict("name", "agent group \"\(name)\" already exists in this tenant")
            }
            return AgentGroup(dbid: try row.decode(Int.self), tenant: tenant, name: name)
        }
        logger.info("created agent group", metadata: ["tenant": "\(tenant)", "dbid": "\(group.dbid)"])
        return group
    }

    /// All agent groups of `tenant` with their members, by dbid.
    public func listAgentGroups(tenant: String) async throws -> [AgentGroup] {
        try await agentGroups(where: "g.tenant_id = \(tenant)", tenant: tenant)
    }

    /// The agent groups person `personDbid` of `tenant` belongs to, by dbid.
    public func agentGroups(tenant: String, personDbid: Int) async throws -> [AgentGroup] {
        try await agentGroups(where: """
            g.tenant_id = \(tenant) AND EXISTS (SELECT 1 FROM cfg_agent_group_members m
                WHERE m.group_dbid = g.dbid AND m.person_dbid = \(personDbid))
            """, tenant: tenant)
    }

    /// Adds person `personDbid` to group `groupDbid` (no-op if already a member).
    /// - Throws: `notFound` when the group or the person is not in `tenant`.
    public func addAgentGroupMember(tenant: String, groupDbid: Int, personDbid: Int) async throws {
        try await transaction { connection in
            try await requireObject(connection, table: "cfg_agent_groups", what: "agent group", tenant: tenant, dbid: groupDbid)
            try await requireObject(connection, table: "cfg_persons", what: "person", tenant: tenant, dbid: personDbid)
            try await connection.query("""
                INSERT INTO cfg_agent_group_members (tenant_id, group_dbid, person_dbid)
                VALUES (\(tenant), \(groupDbid), \(personDbid)) ON CONFLICT DO NOTHING
                """, logger: logger)
        }
    }

    /// Removes person `personDbid` from group `groupDbid` (no-op if not a member).
    public func removeAgentGroupMember(tenant: String, groupDbid: Int, personDbid: Int) async throws {
        try await run {
            try await store.execute("""
                DELETE FROM cfg_agent_group_members
                WHERE tenant_id = \(tenant) AND group_dbid = \(groupDbid) AND person_dbid = \(personDbid)
                """)
        }
    }

    private func agentGroups(where condition: PostgresQuery, tenant: String) async throws -> [AgentGroup] {
        let query = PostgresQuery(unsafeSQL: """
            SELECT g.dbid, g.name,
                COALESCE((SELECT array_agg(m.person_dbid ORDER BY m.person_dbid) FROM cfg_agent_group_members m
                          WHERE m.group_dbid = g.dbid), '{}'::bigint[]) AS members
            FROM cfg_agent_groups g WHERE \(condition.sql) ORDER BY g.dbid
            """, binds: condition.binds)
        return try await run {
            try await store.query(query, idempotent: true).map { row in
                let (dbid, name, members) = try row.decode((Int, String, [Int]).self)
                return AgentGroup(dbid: dbid, tenant: tenant, name: name, memberDbids: members)
            }
        }
    }
}
