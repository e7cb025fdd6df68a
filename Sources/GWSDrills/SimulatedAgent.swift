import AsyncHTTPClient
import Foundation
import NIOCore

/// The demo tenant's logins, from `<state>/credentials.json`.
struct DrillCredentials: Decodable, Sendable {
    struct Agent: Decodable, Sendable {
        var username: String
        var password: String
    }

    var tenant: String
    var agents: [Agent]
}

/// One agent working through the proxy: a bearer token and a Workspace
/// session cookie (which keeps its requests on one Workspace instance).
struct SimulatedAgent: Sendable {
    let index: Int
    let username: String
    let token: String
    let sessionCookie: String

    /// What an agent asks for.
    enum Operation: Sendable, Equatable {
        case currentSession
        case version
        /// `PUT` of favorite `drill-<run>-<sequence>`.
        case write(sequence: Int)
    }

    /// Logs in (password grant) and opens a Workspace session.
    static func login(
        index: Int, credentials: DrillCredentials, agent: DrillCredentials.Agent, proxy: String, client: HTTPClient,
        timeout: TimeAmount
    ) async throws -> SimulatedAgent {
        var tokenRequest = HTTPClientRequest(url: proxy + "/auth/v3/oauth/token")
        tokenRequest.method = .POST
        tokenRequest.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        let form = [
            ("grant_type", "password"), ("username", "\(credentials.tenant)\\\(agent.username)"),
            ("password", agent.password), ("client_id", "agent-setup"),
        ].map { "\($0)=\(formEncode($1))" }.joined(separator: "&")
        tokenRequest.body = .bytes(ByteBuffer(string: form))
        let tokenResponse = try await client.execute(tokenRequest, timeout: timeout)
        let tokenBody = try await tokenResponse.body.collect(upTo: 1024 * 1024)
        guard tokenResponse.status == .ok,
            let object = try JSONSerialization.jsonObject(with: Data(buffer: tokenBody)) as? [String: Any],
            let token = object["access_token"] as? String
        else {
            throw LoadError("agent \(agent.username) could not log in: \(tokenResponse.status.code) \(String(buffer: tokenBody).prefix(200))")
        }
        var initialize = HTTPClientRequest(url: proxy + "/workspace/v3/initialize-workspace")
        initialize.method = .POST
        initialize.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await client.execute(initialize, timeout: timeout)
        let body = try await response.body.collect(upTo: 1024 * 1024)
        guard response.status == .ok, let cookie = sessionCookie(response.headers["Set-Cookie"]) else {
            throw LoadError(
                "agent \(agent.username) could not open a Workspace session: \(response.status.code) \(String(buffer: body).prefix(200))")
        }
        return SimulatedAgent(index: index, username: agent.username, token: token, sessionCookie: cookie)
    }

    /// The request for `operation` (run id `run` names the written favorites).
    func request(_ operation: Operation, proxy: String, run: String) -> HTTPClientRequest {
        var request: HTTPClientRequest
        switch operation {
        case .currentSession:
            request = HTTPClientRequest(url: proxy + "/workspace/v3/current-session")
        case .version:
            request = HTTPClientRequest(url: proxy + "/workspace/v3/version")
        case .write(let sequence):
            request = HTTPClientRequest(url: favoritesURL(proxy) + "/" + Self.itemID(run: run, sequence: sequence))
            request.method = .PUT
            request.headers.add(name: "Content-Type", value: "application/json")
            let body = "{\"data\":{\"kind\":\"drill\",\"label\":\"\(run) #\(sequence)\",\"sequence\":\(sequence)}}"
            request.body = .bytes(ByteBuffer(string: body))
        }
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Cookie", value: "WORKSPACE_SESSIONID=\(sessionCookie)")
        return request
    }

    func favoritesURL(_ proxy: String) -> String {
        proxy + "/setting/v3/agents/\(formEncode(username))/favorites"
    }

    static func itemID(run: String, sequence: Int) -> String { "drill-\(run)-\(sequence)" }

    /// `WORKSPACE_SESSIONID` from the `Set-Cookie` headers.
    static func sessionCookie(_ setCookies: [String]) -> String? {
        for value in setCookies {
            for part in value.split(separator: ";") {
                let pair = part.trimmingCharacters(in: .whitespaces)
                if pair.hasPrefix("WORKSPACE_SESSIONID=") {
                    let cookie = String(pair.dropFirst("WORKSPACE_SESSIONID=".count))
                    if !cookie.isEmpty { return cookie }
                }
            }
        }
        return nil
    }
}

/// Percent-encodes for a form body or a path segment.
func formEncode(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}

/// Why the load could not run.
struct LoadError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
