import GWSStores

/// The Setting service's schema in the `gws` database, applied at startup
/// by `MigrationRunner` under the service name `setting`.
enum SettingMigrations {
    /// The service name the migrations are recorded under.
    static let service = "setting"

    /// Every migration, in order. Never edit an applied one: add a new one.
    static let all: [Migration] = [
        Migration(id: 1, name: "favorites and recents", sql: """
            CREATE TABLE setting_favorites (
                tenant text NOT NULL,
                agent_id text NOT NULL,
                item_id text NOT NULL,
                data jsonb NOT NULL,
                updated_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (tenant, agent_id, item_id)
            );
            CREATE TABLE setting_recents (
                id bigserial PRIMARY KEY,
                tenant text NOT NULL,
                agent_id text NOT NULL,
                data jsonb NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX setting_recents_by_agent ON setting_recents (tenant, agent_id, id DESC);
            """),
    ]
}
