import GWSStores

extension GWSError {
    /// A store that is down or too slow becomes a 503 in the GWS envelope,
    /// naming the store (never its credentials); nil for other errors.
    public static func storeUnavailable(_ error: any Error) -> GWSError? {
        switch error {
        case let e as PostgresStoreError:
            switch e.code {
            case .unreachable, .timeout, .authenticationFailed:
                return GWSError(.serviceUnavailable, "PostgreSQL is unavailable; try again shortly")
            default: return nil
            }
        case let e as RedisError:
            let unavailable: [RedisError.Code] = [
                .connectionRefused, .connectFailed, .connectionClosed, .timeout, .authenticationFailed, .clientClosed,
            ]
            return unavailable.contains(e.code) ? GWSError(.serviceUnavailable, "Redis is unavailable; try again shortly") : nil
        case let e as ElasticsearchError:
            return e.code == .unreachable
                ? GWSError(.serviceUnavailable, "the statistics store is unavailable; try again shortly") : nil
        default:
            return nil
        }
    }
}
