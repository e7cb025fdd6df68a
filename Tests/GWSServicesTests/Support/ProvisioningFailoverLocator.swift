@testable import GWSServices

/// A locator that answers a dead URL until it is invalidated, then the live
/// one: stands for a cached Configuration instance that went away.
actor ProvisioningFailoverLocator: PeerServiceLocator {
    private var current: String
    private let live: String
    /// How many times a URL was reported as failed.
    private(set) var invalidations = 0
    nonisolated var serviceName: String { configurationServiceName }

    init(dead: String, live: String) {
        current = dead
        self.live = live
    }

    func baseURL() async throws -> String { current }

    func invalidate(_ url: String) async {
        invalidations += 1
        if url == current { current = live }
    }
}
