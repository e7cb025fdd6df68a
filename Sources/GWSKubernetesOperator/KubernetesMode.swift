import ArgumentParser
import Foundation
import GWSKubernetes
import Hummingbird
import Logging
import ServiceLifecycle

/// `gws-kube-operator run` (or `gws-operator run --kubernetes`): the in-cluster controller, its
/// `/metrics` port and its `/healthz` `/livez` `/readyz` port, in one
/// ServiceGroup that stops gracefully on SIGTERM (the Lease is released).
public struct KubernetesMode {
    public let options: KubernetesModeOptions

    public init(options: KubernetesModeOptions) {
        self.options = options
    }

    public func run() async throws {
        let level = Logger.Level(rawValue: options.logLevel.lowercased()) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "gws-operator")
        let environment = ProcessInfo.processInfo.environment
        let config: KubernetesClientConfig
        do {
            config = try KubernetesClientConfig.resolve(kubeconfigPath: options.kubeconfig, environment: environment)
        } catch {
            FileHandle.standardError.write(Data("gws-operator: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let election = LeaderElectionConfig(
            namespace: options.leaderElectionNamespace ?? environment["POD_NAMESPACE"] ?? config.namespace ?? "default",
            name: options.leaderElectionId,
            leaseDuration: .seconds(options.leaseDurationSeconds),
            renewDeadline: .seconds(options.renewDeadlineSeconds),
            retryPeriod: .seconds(options.retryPeriodSeconds))
        if options.leaderElect {
            do { try election.validate() } catch {
                FileHandle.standardError.write(Data("gws-operator: \(error)\n".utf8))
                throw ExitCode(2)
            }
        }
        let metrics = PrometheusControllerMetrics(leaseName: options.leaderElectionId)
        let client = try KubernetesClient(config: config, logger: logger) { method, code in
            metrics.apiRequest(method: method, code: code)
        }
        let (image, tag) = options.imageParts
        let controllerOptions = ControllerOptions(
            watchNamespace: options.watchNamespace.flatMap { $0.isEmpty ? nil : $0 },
            render: RenderOptions(
                image: image, imageTag: tag, imagePullPolicy: options.serviceImagePullPolicy,
                imagePullSecrets: options.serviceImagePullSecret, serviceMonitors: options.serviceMonitors),
            workers: options.workers, identity: election.identity)
        let health = ControllerHealth()
        let controller = KubernetesController(
            client: client, options: controllerOptions, metrics: metrics, health: health, logger: logger)
        let elector =
            options.leaderElect
            ? LeaderElector(client: client, config: election, metrics: metrics, health: health, logger: logger) : nil
        let operatorService = KubernetesOperatorService(controller: controller, elector: elector, logger: logger)

        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: metricsServer(metrics, logger: logger)),
                    .init(service: healthServer(health, logger: logger)),
                    .init(
                        service: operatorService, successTerminationBehavior: .gracefullyShutdownGroup,
                        failureTerminationBehavior: .gracefullyShutdownGroup),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        logger.info(
            "gws-operator in Kubernetes mode",
            metadata: [
                "server": "\(config.server)", "identity": "\(election.identity)",
                "leaderElect": "\(options.leaderElect)", "lease": "\(election.namespace)/\(election.name)",
            ])
        var failure: (any Error)?
        do { try await group.run() } catch { failure = error }
        try? await client.shutdown()
        if let failure {
            logger.error("stopped", metadata: ["error": "\(failure)"])
            throw ExitCode(1)
        }
    }

    func metricsServer(_ metrics: PrometheusControllerMetrics, logger: Logger) -> some Service {
        let router = Router()
        let registry = metrics.registry
        router.get("/metrics") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        return Application(
            router: router,
            configuration: .init(
                address: .hostname(options.bindAddress, port: options.metricsPort), serverName: "gws-operator"),
            logger: logger)
    }

    func healthServer(_ health: ControllerHealth, logger: Logger) -> some Service {
        let router = Router()
        for path in ["/healthz", "/livez"] {
            router.get(RouterPath(stringLiteral: path)) { _, _ in "ok" }
        }
        router.get("/readyz") { _, _ -> Response in
            health.isReady
                ? Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ok")))
                : Response(
                    status: .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: "informers not synced")))
        }
        return Application(
            router: router,
            configuration: .init(
                address: .hostname(options.bindAddress, port: options.healthPort), serverName: "gws-operator"),
            logger: logger)
    }
}
