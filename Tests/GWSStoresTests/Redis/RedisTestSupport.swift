import Logging

/// A logger that prints nothing, for the Redis tests (the server itself is
/// GWSTestKit's `RedisTestServer`).
let quietLogger = Logger(label: "redis-test", factory: { _ in SwiftLogNoOpLogHandler() })
