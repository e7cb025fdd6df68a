import GWSStores

/// The `auth` role's schema: registered API clients, applied at startup by
/// `MigrationRunner` under the service name `auth`.
public enum AuthMigrations {
    /// The service name the migrations are recorded under.
    public static let service = "auth"

    /// Every migration, in order. Never edit an applied one: add a new one.
    public static let all: [Migration] = [
        Migration(id: 1, name: "API clients", sql: """
            CREATE TABLE auth_clients (
                client_id text PRIMARY KEY,
                secret_hash text NOT NULL,
                tenant text NOT NULL,
                name text NOT NULL,
                scopes text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            """),
        Migration(id: 2, name: "public clients", sql: """
            ALTER TABLE auth_clients ADD COLUMN public boolean NOT NULL DEFAULT false;
            """),
    ]
}
