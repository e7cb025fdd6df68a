import Hummingbird

/// Turns every error thrown below it into a GWS envelope response with the
/// HTTP status as `code`: Hummingbird's `HTTPError` (404 for unknown paths,
/// 413 for large bodies…) keeps its status; anything else is logged and
/// answered 500 without details. Store errors are 503 (store down) or 400
/// (a value the store refused as data, see ``GWSError/storeRejectedInput(_:)``).
public struct GWSErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as GWSError {
            return error.makeResponse()
        } catch let error as HTTPError {
            let message = error.body ?? Self.defaultMessage(for: error.status, request: request)
            return GWSError(error.status, message, headers: error.headers).makeResponse()
        } catch let error as any HTTPResponseError {
            return GWSError(error.status, Self.defaultMessage(for: error.status, request: request)).makeResponse()
        } catch let error as CancellationError {
            throw error
        } catch let error where GWSError.storeRejectedInput(error) != nil {
            context.logger.info(
                "store rejected a value", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return GWSError.storeRejectedInput(error)!.makeResponse()
        } catch let error where GWSError.storeUnavailable(error) != nil {
            context.logger.warning(
                "store unavailable", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return GWSError.storeUnavailable(error)!.makeResponse()
        } catch {
            context.logger.error(
                "request failed",
                metadata: ["method": "\(request.method)", "path": "\(request.uri.path)", "error": "\(error)"])
            return GWSError(.internalServerError, "internal error").makeResponse()
        }
    }

    /// A message for statuses raised without one.
    static func defaultMessage(for status: HTTPResponse.Status, request: Request) -> String {
        switch status {
        case .notFound: "not found: \(request.method) \(request.uri.path)"
        case .methodNotAllowed: "method \(request.method) not allowed on \(request.uri.path)"
        case .contentTooLarge: "request body too large"
        default: status.reasonPhrase.isEmpty ? "error \(status.code)" : status.reasonPhrase.lowercased()
        }
    }
}
