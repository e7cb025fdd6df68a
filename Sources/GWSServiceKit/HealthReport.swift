/// The result of running one probe's checks, rendered like Kubernetes' `/livez` and `/readyz`.
public struct HealthReport: Sendable, Equatable {
    /// One check's outcome.
    public struct Entry: Sendable, Equatable {
        public let name: String
        public let result: HealthCheckResult

        public init(name: String, result: HealthCheckResult) {
            self.name = name
            self.result = result
        }
    }

    /// The probe that ran.
    public let probe: HealthProbe
    /// Every check that ran, in order.
    public let entries: [Entry]

    public init(probe: HealthProbe, entries: [Entry]) {
        self.probe = probe
        self.entries = entries
    }

    /// True when every check passed.
    public var passed: Bool { entries.allSatisfy { $0.result.isOK } }

    /// The checks that failed.
    public var failures: [Entry] { entries.filter { !$0.result.isOK } }

    /// The body Kubernetes would answer: `ok` when passing and not verbose;
    /// otherwise one `[+]name ok` (`[+]name ok: note` when verbose and the check
    /// has a note) / `[-]name failed: reason` line per check and a
    /// `<probe> check passed|failed` footer. Without `verbose`, reasons are withheld.
    ///
    /// - Parameter label: the name in the footer (`readyz`, or `health` for `/health`).
    public func render(verbose: Bool, label: String? = nil) -> String {
        if passed && !verbose {
            return "ok"
        }
        var lines: [String] = entries.map { entry in
            switch entry.result {
            case .ok: "[+]\(entry.name) ok"
            case .passed(let note): verbose ? "[+]\(entry.name) ok: \(note)" : "[+]\(entry.name) ok"
            case .failed(let reason): "[-]\(entry.name) failed: \(verbose ? reason : "reason withheld")"
            }
        }
        lines.append("\(label ?? probe.rawValue) check \(passed ? "passed" : "failed")")
        return lines.joined(separator: "\n") + "\n"
    }
}
