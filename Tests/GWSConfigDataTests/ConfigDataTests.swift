import Testing

/// The root of every suite that needs PostgreSQL: one real server (started by
/// `.postgresServer`, always stopped afterwards) shared by the nested suites,
/// each test on a fresh database.
@Suite("GWSConfigData against a real PostgreSQL", .postgresServer)
struct ConfigDataTests {}
