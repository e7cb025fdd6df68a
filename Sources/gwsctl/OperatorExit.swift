import GWSRuntime

/// Waits until the operator process `pid` is gone (a zombie counts as gone:
/// it answers `kill(pid, 0)`, so `/proc`'s state tells). False after `timeout`.
func waitForOperatorExit(pid: Int32, timeout: Duration) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while let stat = ProcStat.read(pid: pid), stat.state != "Z" {
        guard ContinuousClock.now < deadline else { return false }
        try await Task.sleep(for: .milliseconds(50))
    }
    return true
}
