import NIOCore
import NIOHTTP1
import NIOPosix

/// Keep-alive connections to the proxy, without a limit (like the Python worker's
/// `aiohttp.TCPConnector(limit=0)`): a request takes the most recently idle connection or opens a
/// new one, and gives it back when its response has been read. Every agent's long poll holds one.
final class HTTPPool {
    private let loop: any EventLoop
    private let bootstrap: ClientBootstrap
    private let host: String
    private let port: Int
    private let hostHeader: String
    private var idle: [HTTPConnection] = []
    private var open: [ObjectIdentifier: HTTPConnection] = [:]
    private(set) var opened = 0
    private var sweeping = false

    init(loop: any EventLoop, host: String, port: Int) {
        self.loop = loop
        self.host = host
        self.port = port
        self.hostHeader = "\(host):\(port)"
        self.bootstrap = ClientBootstrap(group: loop)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .connectTimeout(.seconds(30))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(HTTPConnection())
                }
            }
    }

    /// POST `body` (JSON, or nothing) to `path`; `completion` runs on the loop. `timeout` in seconds
    /// (enforced to within a quarter of a second).
    func post(
        _ path: String, headers extra: [(String, String)], json body: String?, timeout: Double,
        completion: @escaping (Result<HTTPResponse, any Error>) -> Void
    ) {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: hostHeader)
        for (name, value) in extra {
            headers.add(name: name, value: value)
        }
        var buffer: ByteBuffer?
        if let body {
            buffer = ByteBuffer(string: body)
            headers.add(name: "Content-Type", value: "application/json")
        }
        headers.add(name: "Content-Length", value: String(buffer?.readableBytes ?? 0))
        withConnection { result in
            switch result {
            case .failure(let error):
                completion(.failure(error))
            case .success(let connection):
                connection.send(method: .POST, path: path, headers: headers, body: buffer, timeout: timeout) {
                    [weak self] result in
                    if let self, connection.isOpen, !connection.isBusy {
                        self.idle.append(connection)
                    }
                    completion(result)
                }
            }
        }
    }

    /// Times out requests past their deadline, every 0.25 s until `closeAll`.
    func startSweeping() {
        sweeping = true
        sweep()
    }

    private func sweep() {
        guard sweeping else { return }
        let now = Monotonic.now()
        for connection in Array(open.values) {
            connection.expire(now: now)
        }
        loop.assumeIsolated().scheduleTask(in: .milliseconds(250)) { [weak self] in self?.sweep() }
    }

    /// Closes every connection (the end of the run).
    func closeAll() {
        sweeping = false
        idle.removeAll()
        for connection in open.values {
            connection.close()
        }
    }

    private func withConnection(_ body: @escaping (Result<HTTPConnection, any Error>) -> Void) {
        while let connection = idle.popLast() {
            if connection.isOpen && !connection.isBusy {
                body(.success(connection))
                return
            }
        }
        opened += 1
        bootstrap.connect(host: host, port: port).assumeIsolated().whenComplete { [weak self] result in
            switch result {
            case .failure(let error):
                body(.failure(error))
            case .success(let channel):
                do {
                    let connection = try channel.pipeline.syncOperations.handler(type: HTTPConnection.self)
                    if let self {
                        let id = ObjectIdentifier(connection)
                        self.open[id] = connection
                        connection.onClose = { [weak self] in
                            self?.open[id] = nil
                        }
                    }
                    body(.success(connection))
                } catch {
                    channel.close(promise: nil)
                    body(.failure(error))
                }
            }
        }
    }
}
