import Foundation
import GWSStores
import Logging

/// Helpers shared by the search tests.
enum SearchTestSupport {
    static let logger = Logger(label: "gws.tests.search")

    /// A fresh, unique, valid (lowercase) index name.
    static func uniqueIndex(_ prefix: String = "t") -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// A client of the suite's osmem-server.
    static func client() throws -> ElasticsearchClient {
        let server = try OsmemServerTrait.server()
        return try ElasticsearchClient(
            configuration: ElasticsearchConfiguration(url: server.url, passwordFile: nil), logger: logger)
    }

    /// A whole-second date (ISO 8601 travels without fractions).
    static func date(_ secondsSince2026: Int) -> Date {
        Date(timeIntervalSince1970: 1_767_225_600 + TimeInterval(secondsSince2026))
    }
}
