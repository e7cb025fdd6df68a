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

extension GWSError {
    /// A value the store refused as data (PostgreSQL's SQLSTATE class 22,
    /// "data exception": a NUL character in text, a number out of range, text
    /// too long, an untranslatable character) becomes a 400: the value came
    /// from the request. Nil for other errors. The message names the SQLSTATE,
    /// never the value or the query.
    public static func storeRejectedInput(_ error: any Error) -> GWSError? {
        guard let error = error as? PostgresStoreError, let state = error.sqlState, state.hasPrefix("22") else { return nil }
        return GWSError(
            .badRequest,
            "a value of the request cannot be stored (SQLSTATE \(state)): check for NUL characters, out-of-range numbers or over-long text")
    }
}
