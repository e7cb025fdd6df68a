import GWSServiceKit
import Hummingbird
import Logging

/// Forwards every request whose path matches a route to a passing instance
/// of the route's service, and passes the rest on (to the 404 envelope).
///
/// Add it to the router after the proxy's own endpoints: Hummingbird applies
/// middleware only to routes added after it and to the not-found path, so
/// `/livez`, `/readyz`, `/metrics` and `/proxy/v3/version` stay the proxy's.
///
/// On a refused or reset connection the instance is ejected at once and an
/// idempotent request is retried on another (``RetryPolicy``), within the
/// service's ``RetryBudget`` (10 % of its requests). Requests of one Workspace
/// session stick to one instance (``affinityKey(of:)``) while it is eligible. No route → 404,
/// no passing instance → 503, every attempt failed → 502, upstream too slow →
/// 504, each in the GWS envelope.
struct ProxyMiddleware: RouterMiddleware {
    typealias Context = GWSRequestContext

    let routes: ProxyRouteTable
    let directory: UpstreamDirectory
    let forwarder: ProxyForwarder
    let retryPolicy: RetryPolicy
    let metrics: ProxyMetrics
    let maxBodySize: Int
    /// `http` or `https`: how clients reach this listener.
    let scheme: String
    let now: @Sendable () -> ContinuousClock.Instant

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let route = routes.match(request.uri.path) else {
            return try await next(request, context)
        }
        context.coreContext.endpointPath.value = route.prefix
        var request = request
        let body = try await request.collectBody(upTo: maxBodySize)
        let headers = ProxyHeaders.upstreamRequest(
            request.headers.pairs,
            forwarding: .init(clientAddress: context.remoteAddress, scheme: scheme, host: request.head.authority))
        do {
            let response = try await forward(
                request, headers: headers, body: body, service: route.service, context: context)
            metrics.request(service: route.service, status: response.status.code)
            return response
        } catch let error as GWSError {
            metrics.request(service: route.service, status: error.status.code)
            throw error
        }
    }

    /// Tries instances until one answers, the retry budget is spent, or none is left.
    private func forward(
        _ request: Request, headers: [(name: String, value: String)], body: ByteBuffer, service: String,
        context: Context
    ) async throws -> Response {
        var tried: Set<String> = []
        let affinity = Self.affinityKey(of: request)
        directory.recordRequest(service: service, now: now())
        while true {
            guard let instance = directory.next(service: service, excluding: tried, affinity: affinity, now: now()) else {
                if tried.isEmpty {
                    throw GWSError(.serviceUnavailable, "no passing instance of \(service)")
                }
                throw GWSError(.badGateway, "\(service) unreachable: every instance tried failed")
            }
            tried.insert(instance.id)
            do {
                let upstream = try await forwarder.send(
                    method: request.method, pathAndQuery: request.head.path ?? "/", headers: headers, body: body,
                    to: instance)
                directory.reportSuccess(service: service, instanceID: instance.id)
                return ProxyForwarder.clientResponse(from: upstream, method: request.method)
            } catch {
                try handleFailure(
                    error, request: request, instance: instance, service: service, retries: tried.count - 1,
                    context: context)
                metrics.retry(service: service)
            }
        }
    }

    /// What keeps an agent on one instance: the Workspace session cookie (its
    /// CometD client lives on one instance), else, for a notifications
    /// endpoint, the bearer token. Nil: round-robin.
    static func affinityKey(of request: Request) -> String? {
        if let session = request.cookies["WORKSPACE_SESSIONID"]?.value, !session.isEmpty { return session }
        if request.uri.path.hasSuffix("/notifications") || request.uri.path.contains("/notifications/") {
            return request.headers[.authorization]
        }
        return nil
    }

    /// Ejects and logs; returns when the request may be retried, throws the answer otherwise.
    private func handleFailure(
        _ error: any Error, request: Request, instance: UpstreamInstance, service: String, retries: Int,
        context: Context
    ) throws {
        let failure = AttemptFailure(error)
        let metadata: Logger.Metadata = [
            "service": "\(service)", "instance": "\(instance.id)", "method": "\(request.method)",
            "path": "\(request.uri.path)", "error": "\(error)",
        ]
        switch failure {
        case .cancelled:
            throw CancellationError()
        case .timedOut:
            context.logger.warning("upstream timed out", metadata: metadata)
            throw GWSError(.gatewayTimeout, "\(service) did not answer in time")
        case .saturated:
            context.logger.warning("no upstream connection available", metadata: metadata)
            throw GWSError(.serviceUnavailable, "proxy busy: no connection to \(service) available")
        case .unreachable:
            if directory.reportFailure(service: service, instanceID: instance.id, now: now()) {
                metrics.ejection(service: service)
                context.logger.warning("upstream unreachable; instance ejected", metadata: metadata)
            }
            guard retryPolicy.mayRetry(request.method, retriesSoFar: retries) else {
                throw GWSError(.badGateway, "\(service) unreachable")
            }
            guard directory.withdrawRetry(service: service, now: now()) else {
                context.logger.warning("retry budget spent; not retrying", metadata: metadata)
                throw GWSError(.badGateway, "\(service) unreachable (retry budget spent)")
            }
        }
    }
}
