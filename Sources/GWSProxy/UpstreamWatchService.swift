import Logging
import ServiceLifecycle

/// Feeds an ``UpstreamDirectory`` from an ``UpstreamSource``: one watch per
/// service, until graceful shutdown.
public struct UpstreamWatchService: Service {
    let directory: UpstreamDirectory
    let source: any UpstreamSource
    let services: [String]
    let logger: Logger

    public init(directory: UpstreamDirectory, source: any UpstreamSource, services: [String], logger: Logger) {
        self.directory = directory
        self.source = source
        self.services = services
        self.logger = logger
    }

    public func run() async {
        await cancelWhenGracefulShutdown { [directory, source, services, logger] in
            await withTaskGroup(of: Void.self) { group in
                for service in services {
                    group.addTask {
                        for await instances in source.instances(of: service) {
                            logger.debug(
                                "upstream instances",
                                metadata: ["service": "\(service)", "instances": "\(instances.map(\.id))"])
                            directory.update(service: service, instances: instances)
                        }
                    }
                }
            }
        }
        // A source whose streams ended must not stop the process.
        try? await gracefulShutdown()
    }
}
