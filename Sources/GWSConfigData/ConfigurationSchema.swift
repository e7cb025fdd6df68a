import GWSStores

/// The versioned schema of the Configuration service's data, applied with
/// `MigrationRunner` under service name `configuration`.
///
/// Every table carries `tenant_id`; links between objects use composite foreign
/// keys `(tenant_id, dbid)`, so the database itself refuses to link a person of
/// one tenant to a skill, group or DN of another. Never edit an applied
/// migration: append a new one.
public enum ConfigurationSchema {
    /// The service name the migrations are recorded under.
    public static let service = "configuration"

    /// All migrations, in order.
    public static let migrations: [Migration] = [
        Migration(id: 1, name: "tenants and persons", sql: """
            CREATE TABLE cfg_tenants (
                id text PRIMARY KEY CHECK (id <> ''),
                name text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE cfg_persons (
                dbid bigserial PRIMARY KEY,
                tenant_id text NOT NULL REFERENCES cfg_tenants (id) ON DELETE CASCADE,
                user_name text NOT NULL CHECK (user_name <> ''),
                first_name text NOT NULL DEFAULT '',
                last_name text NOT NULL DEFAULT '',
                employee_id text NOT NULL CHECK (employee_id <> ''),
                email text,
                password_hash text,
                is_agent boolean NOT NULL DEFAULT false,
                is_admin boolean NOT NULL DEFAULT false,
                agent_login text,
                default_place text,
                enabled boolean NOT NULL DEFAULT true,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT cfg_persons_tenant_dbid_key UNIQUE (tenant_id, dbid)
            );
            CREATE UNIQUE INDEX cfg_persons_user_name_key ON cfg_persons (tenant_id, lower(user_name));
            CREATE UNIQUE INDEX cfg_persons_employee_id_key ON cfg_persons (tenant_id, employee_id);
            """),
        Migration(id: 2, name: "skills and agent groups", sql: """
            CREATE TABLE cfg_skills (
                dbid bigserial PRIMARY KEY,
                tenant_id text NOT NULL REFERENCES cfg_tenants (id) ON DELETE CASCADE,
                name text NOT NULL CHECK (name <> ''),
                created_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT cfg_skills_tenant_dbid_key UNIQUE (tenant_id, dbid),
                CONSTRAINT cfg_skills_name_key UNIQUE (tenant_id, name)
            );
            CREATE TABLE cfg_person_skills (
                tenant_id text NOT NULL,
                person_dbid bigint NOT NULL,
                skill_dbid bigint NOT NULL,
                level int NOT NULL CHECK (level >= 0),
                PRIMARY KEY (person_dbid, skill_dbid),
                FOREIGN KEY (tenant_id, person_dbid) REFERENCES cfg_persons (tenant_id, dbid) ON DELETE CASCADE,
                FOREIGN KEY (tenant_id, skill_dbid) REFERENCES cfg_skills (tenant_id, dbid) ON DELETE CASCADE
            );
            CREATE TABLE cfg_agent_groups (
                dbid bigserial PRIMARY KEY,
                tenant_id text NOT NULL REFERENCES cfg_tenants (id) ON DELETE CASCADE,
                name text NOT NULL CHECK (name <> ''),
                created_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT cfg_agent_groups_tenant_dbid_key UNIQUE (tenant_id, dbid),
                CONSTRAINT cfg_agent_groups_name_key UNIQUE (tenant_id, name)
            );
            CREATE TABLE cfg_agent_group_members (
                tenant_id text NOT NULL,
                group_dbid bigint NOT NULL,
                person_dbid bigint NOT NULL,
                PRIMARY KEY (group_dbid, person_dbid),
                FOREIGN KEY (tenant_id, group_dbid) REFERENCES cfg_agent_groups (tenant_id, dbid) ON DELETE CASCADE,
                FOREIGN KEY (tenant_id, person_dbid) REFERENCES cfg_persons (tenant_id, dbid) ON DELETE CASCADE
            );
            CREATE INDEX cfg_agent_group_members_person ON cfg_agent_group_members (person_dbid);
            CREATE INDEX cfg_person_skills_skill ON cfg_person_skills (skill_dbid);
            """),
        Migration(id: 3, name: "DNs and places", sql: """
            CREATE TABLE cfg_dns (
                dbid bigserial PRIMARY KEY,
                tenant_id text NOT NULL REFERENCES cfg_tenants (id) ON DELETE CASCADE,
                number text NOT NULL CHECK (number <> ''),
                type text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT cfg_dns_tenant_dbid_key UNIQUE (tenant_id, dbid),
                CONSTRAINT cfg_dns_number_key UNIQUE (tenant_id, number)
            );
            CREATE TABLE cfg_places (
                dbid bigserial PRIMARY KEY,
                tenant_id text NOT NULL REFERENCES cfg_tenants (id) ON DELETE CASCADE,
                name text NOT NULL CHECK (name <> ''),
                dn_dbid bigint,
                created_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT cfg_places_name_key UNIQUE (tenant_id, name),
                FOREIGN KEY (tenant_id, dn_dbid) REFERENCES cfg_dns (tenant_id, dbid)
            );
            """),
    ]

    /// The client-facing field each unique constraint protects.
    static let uniqueFields: [String: String] = [
        "cfg_tenants_pkey": "id",
        "cfg_persons_user_name_key": "userName",
        "cfg_persons_employee_id_key": "employeeId",
        "cfg_skills_name_key": "name",
        "cfg_agent_groups_name_key": "name",
        "cfg_dns_number_key": "number",
        "cfg_places_name_key": "name",
    ]
}
