import Foundation
import NIOCore
import NIOPosix
import PostgresNIO

extension PostgresStoreError {
    /// Turns a driver, pool or network error into a `PostgresStoreError`; returns
    /// `nil` for errors that are not about PostgreSQL (e.g. thrown by a caller's closure).
    ///
    /// Uses only the server's message, SQLSTATE and errno texts, so the result
    /// never carries the password, bound parameters or a stack trace.
    static func classify(_ error: any Error, configuration: PostgresConfiguration) -> PostgresStoreError? {
        let server = "PostgreSQL at \(configuration.host):\(configuration.port) (database \"\(configuration.database)\")"
        func make(_ code: Code, _ text: String) -> PostgresStoreError {
            PostgresStoreError(code: code, endpoint: configuration.endpoint, message: text)
        }
        switch error {
        case let error as PostgresStoreError:
            return error
        case let error as PSQLError:
            return classify(error, server: server, user: configuration.username, make: make)
        case is NIOConnectionError, is IOError, is ChannelError:
            return make(.unreachable, "\(server) is unreachable: \(networkReason(error))")
        default:
            return nil
        }
    }

    private static func classify(
        _ error: PSQLError, server: String, user: String, make: (Code, String) -> PostgresStoreError
    ) -> PostgresStoreError {
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState]
            let text = error.serverInfo?[.message] ?? "unknown server error"
            switch state {
            case "28P01", "28000":
                return make(.authenticationFailed, "\(server) rejected user \"\(user)\": authentication failed (\(text))")
            case "57P01", "57P02", "57P03":
                return make(.unreachable, "\(server) is unreachable: \(text) (SQLSTATE \(state ?? ""))")
            default:
                return make(.queryFailed(sqlState: state), "query on \(server) failed: \(text) (SQLSTATE \(state ?? "none"))")
            }
        case .authMechanismRequiresPassword:
            return make(.authenticationFailed, "\(server) rejected user \"\(user)\": authentication failed (the server requires a password and none is configured)")
        case .saslError, .unsupportedAuthMechanism:
            return make(.authenticationFailed, "\(server) rejected user \"\(user)\": authentication failed (\(error.code))")
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed,
             .sslUnsupported, .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
            let reason = error.underlying.map(networkReason) ?? "\(error.code)"
            return make(.unreachable, "\(server) is unreachable: \(reason)")
        case .queryCancelled:
            return make(.timeout, "\(server): the query was cancelled")
        default:
            return make(.queryFailed(sqlState: nil), "query on \(server) failed: \(error.code)")
        }
    }

    /// A short reason for a network failure ("Connection refused"), from errno where there is one.
    static func networkReason(_ error: any Error) -> String {
        switch error {
        case let error as IOError:
            return String(cString: strerror(error.errnoCode))
        case let error as NIOConnectionError:
            if let first = error.connectionErrors.first {
                return networkReason(first.error)
            }
            if error.dnsAError != nil || error.dnsAAAAError != nil {
                return "cannot resolve host \(error.host)"
            }
            return "no address to connect to"
        case let error as ChannelError:
            if case .connectTimeout = error { return "connect timed out" }
            return "\(error)"
        case let error as PSQLError:
            return error.underlying.map(networkReason) ?? "\(error.code)"
        default:
            return "\(type(of: error))"
        }
    }
}
