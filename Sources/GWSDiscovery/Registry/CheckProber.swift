import AsyncHTTPClient
import Logging
import NIOCore
import NIOPosix

/// Runs one HTTP or TCP check attempt and turns its outcome into a Consul status, with Consul's rules:
/// HTTP 2xx is passing, 429 warning, anything else (or no answer within the timeout) critical; a TCP
/// check passes when the connection is accepted.
struct CheckProber: Sendable {
    let httpClient: HTTPClient
    let logger: Logger

    /// The client checks use by default: like `HTTPClient.shared` but reporting a refused connection at
    /// once instead of retrying until the timeout. Never shut down, like the shared client.
    static let sharedHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// How much of an HTTP check's response body becomes the check's output, as in Consul.
    static let maxOutputBytes = 4096

    /// Evaluates `check` once. TTL and maintenance checks are not probed and answer `nil`.
    func probe(_ check: ScheduledCheck) async -> (status: ConsulCheckStatus, output: String)? {
        switch check.kind {
        case .http(let url, let method, let header):
            await probeHTTP(url: url, method: method, header: header, timeout: check.timeout)
        case .tcp(let address):
            await probeTCP(address: address, timeout: check.timeout)
        case .ttl, .maintenance:
            nil
        }
    }

    private func probeHTTP(
        url: String, method: String, header: [String: [String]], timeout: Duration
    ) async -> (status: ConsulCheckStatus, output: String) {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method.uppercased())
        for (name, values) in header {
            for value in values { request.headers.add(name: name, value: value) }
        }
        if request.headers["User-Agent"].isEmpty {
            request.headers.add(name: "User-Agent", value: "Consul Health Check")
        }
        request.headers.add(name: "Accept", value: "text/plain, text/*, */*")
        do {
            let response = try await httpClient.execute(request, timeout: .nanoseconds(ConsulDuration.nanoseconds(of: timeout)))
            var body = ByteBuffer()
            for try await chunk in response.body {
                var chunk = chunk
                body.writeBuffer(&chunk)
                if body.readableBytes >= Self.maxOutputBytes { break }
            }
            let text = body.readString(length: min(body.readableBytes, Self.maxOutputBytes)) ?? ""
            let output = "HTTP \(method.uppercased()) \(url): \(response.status.code) \(response.status.reasonPhrase) Output: \(text)"
            switch response.status.code {
            case 200..<300: return (.passing, output)
            case 429: return (.warning, output)
            default: return (.critical, output)
            }
        } catch {
            logger.debug("HTTP check failed", metadata: ["url": "\(url)", "error": "\(error)"])
            return (.critical, "\(method.uppercased()) \"\(url)\": \(error)")
        }
    }

    private func probeTCP(address: String, timeout: Duration) async -> (status: ConsulCheckStatus, output: String) {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]) else {
            return (.critical, "invalid TCP address \"\(address)\"")
        }
        var host = String(address[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        do {
            let bootstrap =
                ClientBootstrap(validatingGroup: httpClient.eventLoopGroup)
                ?? ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            let channel = try await bootstrap
                .connectTimeout(.nanoseconds(ConsulDuration.nanoseconds(of: timeout)))
                .connect(host: host, port: port)
                .get()
            try? await channel.close()
            return (.passing, "TCP connect \(address): Success")
        } catch {
            return (.critical, "dial tcp \(address): \(error)")
        }
    }
}
