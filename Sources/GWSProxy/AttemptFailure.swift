import AsyncHTTPClient

/// Why one forwarding attempt failed, which decides what happens next.
enum AttemptFailure: Equatable {
    /// Refused, reset or closed before any response byte: eject the instance;
    /// an idempotent request may go to another one.
    case unreachable
    /// The upstream took longer than the upstream timeout: answer 504, no retry
    /// (the request may have been processed; probes judge a hung instance).
    case timedOut
    /// No pooled connection became free in time: the proxy itself is saturated.
    case saturated
    /// The client went away or the proxy is stopping.
    case cancelled

    init(_ error: any Error) {
        switch error {
        case is CancellationError:
            self = .cancelled
        case let error as HTTPClientError where error == .cancelled:
            self = .cancelled
        case let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout:
            self = .timedOut
        case let error as HTTPClientError where error == .getConnectionFromPoolTimeout:
            self = .saturated
        default:
            self = .unreachable
        }
    }
}
