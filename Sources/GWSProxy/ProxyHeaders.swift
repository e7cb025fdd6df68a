import Foundation

/// Header rewriting between the client and an upstream (pure functions).
///
/// Headers are `(name, value)` pairs so they convert to both HTTPTypes'
/// `HTTPFields` and NIO's `HTTPHeaders`.
public enum ProxyHeaders {
    /// Hop-by-hop headers (RFC 9110 §7.6.1), never forwarded.
    public static let hopByHop: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization",
        "te", "trailer", "trailers", "transfer-encoding", "upgrade",
    ]

    /// Headers set again by the HTTP client for the upstream request.
    static let recomputedOnRequest: Set<String> = ["host", "content-length", "expect"]

    /// Who asked, for the `X-Forwarded-*` headers.
    public struct Forwarding: Sendable, Equatable {
        /// Client IP address.
        public var clientAddress: String?
        /// `http` or `https`: how the client reached the proxy.
        public var scheme: String
        /// The `Host` the client asked for.
        public var host: String?

        public init(clientAddress: String?, scheme: String, host: String?) {
            self.clientAddress = clientAddress
            self.scheme = scheme
            self.host = host
        }
    }

    /// The headers to send upstream: the client's minus hop-by-hop ones (and
    /// any named in its `Connection` header), cookies in one `Cookie` header
    /// (HTTP/1 allows only one), `X-Forwarded-For` extended and
    /// `X-Forwarded-Proto` / `X-Forwarded-Host` set.
    public static func upstreamRequest(
        _ headers: [(name: String, value: String)], forwarding: Forwarding
    ) -> [(name: String, value: String)] {
        let dropped = hopByHop.union(recomputedOnRequest).union(connectionTokens(headers))
            .union(["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"])
        var result = headers.filter { !dropped.contains($0.name.lowercased()) }
        let cookies = result.filter { $0.name.lowercased() == "cookie" }
        if cookies.count > 1, let first = result.firstIndex(where: { $0.name.lowercased() == "cookie" }) {
            result[first].value = cookies.map(\.value).joined(separator: "; ")
            result = result.enumerated().filter { $0.offset == first || $0.element.name.lowercased() != "cookie" }
                .map(\.element)
        }
        let priorChain = headers.filter { $0.name.lowercased() == "x-forwarded-for" }.map(\.value)
        let chain = priorChain + [forwarding.clientAddress].compactMap { $0 }
        if !chain.isEmpty {
            result.append(("X-Forwarded-For", chain.joined(separator: ", ")))
        }
        result.append(("X-Forwarded-Proto", forwarding.scheme))
        if let host = forwarding.host {
            result.append(("X-Forwarded-Host", host))
        }
        return result
    }

    /// The headers to send back to the client: the upstream's minus hop-by-hop ones.
    public static func clientResponse(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        let dropped = hopByHop.union(connectionTokens(headers))
        return headers.filter { !dropped.contains($0.name.lowercased()) }
    }

    /// Header names listed in `Connection` (they are hop-by-hop too).
    static func connectionTokens(_ headers: [(name: String, value: String)]) -> Set<String> {
        Set(
            headers.filter { $0.name.lowercased() == "connection" }
                .flatMap { $0.value.split(separator: ",") }
                .map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
    }
}
