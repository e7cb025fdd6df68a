import Foundation
import NIOCore
import NIOHTTP1

/// One simulated agent, the same protocol as `Agent` in hack/bench-agents.py: initialize-workspace
/// (keeps the WORKSPACE_SESSIONID cookie) → CometD handshake + subscribe /workspace/v3/voice →
/// a /meta/connect loop that always holds one long poll → activate-channels → every
/// `interval` seconds voice/ready or voice/not-ready, timed from sending the request to the
/// matching DnStateChanged on the long poll. Every method runs on the worker's loop.
final class Agent {
    static let voice = "/workspace/v3/voice"
    static let notifications = "/workspace/v3/notifications"

    /// The command waiting for its event: the target agentState and when it arrived.
    final class Pending {
        let target: String
        var eventAt: Double?
        var timedOut = false
        var waiter: ((Double) -> Void)?

        init(target: String) {
            self.target = target
        }
    }

    /// A command's outcome: (sent at, HTTP seconds, event seconds, error): as `Agent.command` returns.
    typealias Outcome = (tSend: Double, httpS: Double?, eventS: Double?, error: String?)

    private let w: Worker
    private let spec: AgentSpec
    private let auth: [(String, String)]
    private var headers: [(String, String)]
    private var clientId: String?
    private var msgId = 0
    private var pending: Pending?
    private var lastEvent: String?
    private var connected = false
    private var onConnected: (() -> Void)?
    private var first = true
    private var onDone: (() -> Void)?

    init(worker: Worker, spec: AgentSpec) {
        self.w = worker
        self.spec = spec
        self.auth = [("Authorization", "Bearer \(spec.token)")]
        self.headers = auth
    }

    private func nextId() -> String {
        msgId += 1
        return String(msgId)
    }

    // MARK: Bayeux

    private func bayeux(_ messages: String, completion: @escaping (Result<[BayeuxMessage], any Error>) -> Void) {
        w.http.post(Self.notifications, headers: headers, json: messages, timeout: w.pollTimeout) { result in
            completion(result.flatMap { response in
                guard response.status == 200 else {
                    return .failure(LoadError.runtime("bayeux HTTP \(response.status): \(response.body.text(limit: 200))"))
                }
                return Result { try JSON.decode([BayeuxMessage].self, from: response.body) }
            })
        }
    }

    private func handshake(completion: @escaping ((any Error)?) -> Void) {
        let hello = #"[{"channel":"/meta/handshake","version":"1.0","minimumVersion":"1.0","#
            + #""supportedConnectionTypes":["long-polling"],"id":"\#(nextId())"}]"#
        bayeux(hello) { [self] result in
            switch result {
            case .failure(let error):
                completion(error)
            case .success(let reply):
                guard let hs = reply.first(where: { $0.channel == "/meta/handshake" }) else {
                    completion(LoadError(kind: "StopIteration", message: ""))
                    return
                }
                guard hs.successful == true, let id = hs.clientId else {
                    completion(LoadError.runtime("handshake refused: successful=\(String(describing: hs.successful))"))
                    return
                }
                clientId = id
                let subscribe = #"[{"channel":"/meta/subscribe","clientId":\#(JSON.quote(id)),"#
                    + #""subscription":"\#(Self.voice)","id":"\#(nextId())"}]"#
                bayeux(subscribe) { [self] result in
                    switch result {
                    case .failure(let error):
                        completion(error)
                    case .success(let reply):
                        _ = dispatch(reply, at: Monotonic.now())
                        let sub = reply.first(where: { $0.channel == "/meta/subscribe" })
                        if sub?.successful == true {
                            completion(nil)
                        } else {
                            completion(LoadError.runtime("subscribe refused: successful=\(String(describing: sub?.successful))"))
                        }
                    }
                }
            }
        }
    }

    /// Matches events to the pending command; true when the server wants a new handshake.
    private func dispatch(_ messages: [BayeuxMessage], at now: Double) -> Bool {
        var rehandshake = false
        for m in messages {
            if m.channel == "/meta/connect" {
                if m.successful != true {
                    // Unknown client (e.g. swept for inactivity) or advice reconnect=handshake.
                    rehandshake = true
                }
            } else if m.channel == Self.voice {
                guard let data = m.data, data.messageType == "DnStateChanged" else { continue }
                let state = data.dn?.agentState
                lastEvent = state
                if let p = pending, p.eventAt == nil, !p.timedOut, state == p.target {
                    p.eventAt = now
                    p.waiter?(now)
                }
            }
        }
        return rehandshake
    }

    /// The /meta/connect loop: always one long poll held.
    private func poll() {
        guard !w.stopping, let clientId else { return }
        let advice = first ? #","advice":{"timeout":0}"# : ""
        let message = #"[{"channel":"/meta/connect","clientId":\#(JSON.quote(clientId)),"#
            + #""connectionType":"long-polling","id":"\#(nextId())"\#(advice)}]"#
        w.http.post(Self.notifications, headers: headers, json: message, timeout: w.pollTimeout) { [self] result in
            let reply: [BayeuxMessage]
            do {
                let response = try result.get()
                guard response.status == 200 else {
                    throw LoadError.runtime("bayeux HTTP \(response.status): \(response.body.text(limit: 200))")
                }
                reply = try JSON.decode([BayeuxMessage].self, from: response.body)
                if dispatch(reply, at: response.receivedAt) {
                    first = false
                    markConnected()
                    w.result.count("rehandshakes", response.body.text(limit: 200))
                    handshake { [self] error in
                        if let error {
                            if w.stopping { return }
                            w.result.count("connect_errors", LoadError.repr(error))
                            w.after(1) { [self] in
                                first = true
                                poll()
                            }
                        } else {
                            first = true
                            poll()
                        }
                    }
                    return
                }
            } catch {
                if w.stopping { return }
                w.result.count("connect_errors", LoadError.repr(error))
                w.after(1) { [self] in poll() }
                return
            }
            first = false
            markConnected()
            poll()
        }
    }

    private func markConnected() {
        guard !connected else { return }
        connected = true
        let callback = onConnected
        onConnected = nil
        callback?()
    }

    // MARK: Commands

    /// POST /workspace/v3/`path` {"data": `data`}, then waits for the DnStateChanged to `target`.
    private func command(_ path: String, target: String, data: String = "{}", completion: @escaping (Outcome) -> Void) {
        let p = Pending(target: target)
        pending = p
        let t0 = Monotonic.now()
        w.http.post("/workspace/v3/" + path, headers: headers, json: #"{"data":\#(data)}"#, timeout: w.requestTimeout) {
            [self] result in
            var httpS: Double?
            var error: String?
            switch result {
            case .success(let response):
                do {
                    let envelope = try JSON.decode(Envelope.self, from: response.body)
                    httpS = response.receivedAt - t0
                    if response.status != 200 || envelope.status?.code != 1 {
                        let status = envelope.status.map(\.pythonRepr) ?? "None"
                        error = "HTTP \(response.status) \(status.prefix(160))"
                    }
                } catch let decoding {
                    error = String("transport \(LoadError.describe(decoding))".prefix(200))
                }
            case .failure(let failure):
                error = String("transport \(LoadError.describe(failure))".prefix(200))
            }
            if let error {
                if pending === p { pending = nil }
                completion((t0, httpS, nil, error))
                return
            }
            if let at = p.eventAt {
                if pending === p { pending = nil }
                completion((t0, httpS, at - t0, nil))
                return
            }
            // Not cancelled when the event comes (NIO cancels a timer with a linear search of its
            // heap): it then finds the command done and does nothing.
            w.after(w.cfg.eventTimeout - (Monotonic.now() - t0)) { [self] in
                guard p.eventAt == nil else { return }
                p.timedOut = true
                p.waiter = nil
                if pending === p { pending = nil }
                completion((t0, httpS, nil, "timeout"))
            }
            p.waiter = { [self] at in
                p.waiter = nil
                if pending === p { pending = nil }
                completion((t0, httpS, at - t0, nil))
            }
        }
    }

    // MARK: The agent's life

    func run(onDone: @escaping () -> Void) {
        self.onDone = onDone
        let t0 = Monotonic.now()
        w.http.post("/workspace/v3/initialize-workspace", headers: auth, json: nil, timeout: w.requestTimeout) {
            [self] result in
            do {
                let response = try result.get()
                _ = try JSON.decode(Envelope.self, from: response.body)
                let cookie = Self.cookie("WORKSPACE_SESSIONID", in: response.headers)
                guard response.status == 200, let cookie else {
                    throw LoadError.runtime("initialize-workspace: \(response.status) \(response.body.text(limit: 200))")
                }
                headers = auth + [("Cookie", "WORKSPACE_SESSIONID=\(cookie)")]
            } catch {
                return setupFailed(error)
            }
            handshake { [self] error in
                if let error { return setupFailed(error) }
                poll()
                whenConnected { [self] error in
                    if let error { return setupFailed(error) }
                    let data = w.cfg.activateDn ? #"{"dn":\#(JSON.quote(spec.dn))}"# : "{}"
                    command("activate-channels", target: "LoggedIn", data: data) { [self] outcome in
                        if let error = outcome.error {
                            return setupFailed(LoadError.runtime("activate-channels: \(error)"))
                        }
                        w.result.setupS.append(Monotonic.now() - t0)
                        if let eventS = outcome.eventS { w.result.activationS.append(eventS) }
                        w.result.readyAgents += 1
                        let ready = lastEvent == "Ready"
                        // Spread the first changes over one interval so agents do not move in lockstep.
                        w.after(Double.random(in: 0...w.cfg.intervalMax)) { [self] in change(ready: ready) }
                    }
                }
            }
        }
    }

    private func whenConnected(_ body: @escaping ((any Error)?) -> Void) {
        if connected { return body(nil) }
        var fired = false
        let timer = w.after(w.cfg.eventTimeout) {
            guard !fired else { return }
            fired = true
            body(LoadError.timeout)
        }
        onConnected = {
            guard !fired else { return }
            fired = true
            timer.cancel()
            body(nil)
        }
    }

    /// One state change, then the next after a random interval, until the window is over.
    private func change(ready: Bool) {
        guard Monotonic.now() < w.cfg.measureEnd, !w.stopping else { return finished() }
        let target = ready ? "NotReady" : "Ready"
        command(ready ? "voice/not-ready" : "voice/ready", target: target) { [self] outcome in
            var ready = ready
            let counted = w.cfg.measureStart <= outcome.tSend && outcome.tSend < w.cfg.measureEnd
            if outcome.error == nil {
                ready.toggle()
            } else if let error = outcome.error, error != "timeout" {
                // A refused command names the DN's state ("DN 50001 is Ready: ready is not allowed"):
                // a command whose answer was lost may have been applied.
                ready = (Self.namedState(in: error) ?? lastEvent) == "Ready"
            }
            if counted && !w.stopping {
                w.result.sent += 1
                switch outcome.error {
                case nil:
                    w.result.latencies.append(outcome.eventS!)
                    w.result.httpLatencies.append(outcome.httpS!)
                case "timeout":
                    w.result.count("event_timeouts", "\(target) after \(Self.pythonFloat(w.cfg.eventTimeout))s")
                    if let httpS = outcome.httpS { w.result.httpLatencies.append(httpS) }
                case let error?:
                    w.result.count("http_errors", error)
                }
            }
            if w.stopping { return finished() }
            w.after(Double.random(in: w.cfg.intervalMin...w.cfg.intervalMax)) { [self] in change(ready: ready) }
        }
    }

    private func setupFailed(_ error: any Error) {
        guard !w.stopping else { return finished() }
        w.result.count("setup_failures", String(LoadError.repr(error).prefix(300)))
        finished()
    }

    private func finished() {
        let done = onDone
        onDone = nil
        done?()
    }

    // MARK: Helpers

    /// The first `is (Ready|NotReady|LoggedIn)\b` in a refusal, as the Python worker's regex reads it.
    static func namedState(in error: String) -> String? {
        var rest = Substring(error)
        while let range = rest.range(of: "is ") {
            let after = rest[range.upperBound...]
            for state in ["Ready", "NotReady", "LoggedIn"] where after.hasPrefix(state) {
                let next = after.dropFirst(state.count).first
                if next == nil || !(next!.isLetter || next!.isNumber || next! == "_") {
                    return state
                }
            }
            rest = after
        }
        return nil
    }

    static func cookie(_ name: String, in headers: HTTPHeaders) -> String? {
        for line in headers["Set-Cookie"] {
            let pair = line.prefix { $0 != ";" }
            guard let eq = pair.firstIndex(of: "=") else { continue }
            if pair[..<eq].trimmingCharacters(in: .whitespaces) == name {
                return String(pair[pair.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// 10.0 → "10.0", as Python formats a float.
    static func pythonFloat(_ x: Double) -> String {
        x == x.rounded() ? String(format: "%.1f", x) : String(x)
    }
}
