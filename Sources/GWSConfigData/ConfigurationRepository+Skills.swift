import PostgresNIO

extension ConfigurationRepository {
    /// Creates skill `name` in `tenant`.
    /// - Throws: `invalid("name")`, `conflict("name")`, `notFound` for an unknown tenant.
    public func createSkill(tenant: String, name: String) async throws -> Skill {
        let name = try Self.required(name, field: "name")
        let skill = try await transaction { connection in
            try await requireTenant(connection, tenant)
            let rows = try await rows(connection, """
                INSERT INTO cfg_skills (tenant_id, name) VALUES (\(tenant), \(name))
                ON CONFLICT (tenant_id, name) DO NOTHING RETURNING dbid
                """)
            guard let row = rows.first else {
                throw ConfigurationError.conflict("name", "skill \"\(name)\" already exists in this tenant")
            }
            return Skill(dbid: try row.decode(Int.self), tenant: tenant, name: name)
        }
        logger.info("created skill", metadata: ["tenant": "\(tenant)", "dbid": "\(skill.dbid)"])
        return skill
    }

    /// All skills of `tenant`, by dbid.
    public func listSkills(tenant: String) async throws -> [Skill] {
        try await run {
            try await store.query("SELECT dbid, name FROM cfg_skills WHERE tenant_id = \(tenant) ORDER BY dbid", idempotent: true).map { row in
                let (dbid, name) = try row.decode((Int, String).self)
                return Skill(dbid: dbid, tenant: tenant, name: name)
            }
        }
    }

    /// Gives person `personDbid` skill `skillDbid` at `level` (replacing an earlier level).
    /// - Throws: `invalid("level")` for a negative level, `notFound` when the
    ///   person or the skill is not in `tenant`.
    public func setSkillLevel(tenant: String, personDbid: Int, skillDbid: Int, level: Int) async throws {
        guard level >= 0 else { throw ConfigurationError.invalid("level", "must not be negative") }
        try await transaction { connection in
            try await requireObject(connection, table: "cfg_persons", what: "person", tenant: tenant, dbid: personDbid)
            try await requireObject(connection, table: "cfg_skills", what: "skill", tenant: tenant, dbid: skillDbid)
            try await connection.query("""
                INSERT INTO cfg_person_skills (tenant_id, person_dbid, skill_dbid, level)
                VALUES (\(tenant), \(personDbid), \(skillDbid), \(level))
                ON CONFLICT (person_dbid, skill_dbid) DO UPDATE SET level = EXCLUDED.level
                """, logger: logger)
        }
    }

    /// Takes skill `skillDbid` away from person `personDbid` (no-op if it was not given).
    public func removeSkillLevel(tenant: String, personDbid: Int, skillDbid: Int) async throws {
        try await run {
            try await store.execute("""
                DELETE FROM cfg_person_skills
                WHERE tenant_id = \(tenant) AND person_dbid = \(personDbid) AND skill_dbid = \(skillDbid)
                """)
        }
    }

    /// The skills of person `personDbid` of `tenant`, by skill name.
    /// - Throws: `notFound` when `tenant` has no such person.
    public func skillLevels(tenant: String, personDbid: Int) async throws -> [SkillLevel] {
        try await transaction { connection in
            try await requireObject(connection, table: "cfg_persons", what: "person", tenant: tenant, dbid: personDbid)
            return try await rows(connection, """
                SELECT s.dbid, s.name, ps.level FROM cfg_person_skills ps
                JOIN cfg_skills s ON s.tenant_id = ps.tenant_id AND s.dbid = ps.skill_dbid
                WHERE ps.tenant_id = \(tenant) AND ps.person_dbid = \(personDbid) ORDER BY s.name
                """).map { row in
                let (dbid, name, level) = try row.decode((Int, String, Int32).self)
                return SkillLevel(skillDbid: dbid, name: name, level: Int(level))
            }
        }
    }
}
