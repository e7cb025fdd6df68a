import Foundation
import GWSReconciler
import GWSRuntime
import GWSSpec
import Logging
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the real driver against small shell scripts standing in for gws-service.
@Suite(.serialized) struct LocalProcessDriverTests {
    let dir: String
    let state: StateDirectory
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("gws-rt-\(UUID().uuidString)").path
        state = StateDirectory(path: dir + "/state")
        try state.create()
    }

    func script(_ name: String, _ body: String) throws -> String {
        let path = dir + "/\(name).sh"
        try "#!/bin/sh\n\(body)\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    func spec(_ id: String = "worker-0") -> InstanceSpec {
        InstanceSpec(
            id: id, role: "worker", key: "w", serviceName: "gws-worker", ordinal: 0,
            ports: [PortRequest(name: "http", environmentKey: "GWS_PORT", port: 0)],
            environment: ["GWS_INSTANCE_ID": id], probes: ProbeSet.localDefaults.resolved(over: ProbeSet()),
            terminationGracePeriodSeconds: 1)
    }

    func waitUntil(_ condition: () -> Bool) async -> Bool {
        for _ in 0..<500 {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }

    @Test func startsRecordsAndStopsWithoutReportingAnExit() async throws {
        let binary = try script("sleeper", "echo \"started $1 port=$GWS_PORT id=$GWS_INSTANCE_ID\"\nexec sleep 300")
        let driver = LocalProcessDriver(state: state, binaryPath: binary, logger: logger)
        let record = try await driver.start(spec(), ports: ["http": 4321], restarts: 0)
        #expect(record.pid > 0)
        #expect(ProcStat.isAlive(pid: record.pid, startTime: record.startTime))
        #expect(ProcStat.read(pid: record.pid)?.processGroup == record.pid)  // its own group
        #expect(state.readRecords().map(\.id) == ["worker-0"])
        let log = state.logFile(for: "worker-0").path
        #expect(await waitUntil { ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("started worker port=4321 id=worker-0") })

        await driver.stop(id: "worker-0", grace: .seconds(5))
        #expect(!ProcStat.isAlive(pid: record.pid, startTime: record.startTime))
        #expect(state.readRecords().isEmpty)
        #expect(await driver.records().isEmpty)
    }

    @Test func anUnexpectedExitIsReported() async throws {
        let binary = try script("sleeper", "exec sleep 300")
        let driver = LocalProcessDriver(state: state, binaryPath: binary, logger: logger)
        let record = try await driver.start(spec(), ports: ["http": 1], restarts: 0)
        kill(record.pid, SIGKILL)
        var iterator = driver.events.makeAsyncIterator()
        let event = await iterator.next()
        #expect(event == .exited(id: "worker-0", pid: record.pid, description: "killed by signal 9"))
        #expect(state.readRecords().isEmpty)
    }

    @Test func aProcessIgnoringSIGTERMIsKilledWithItsGroupAfterTheGracePeriod() async throws {
        let binary = try script("stubborn", "trap '' TERM\nsleep 300 &\nchild=$!\necho $child > \"$0.child\"\nwhile true; do sleep 0.05; done")
        let driver = LocalProcessDriver(state: state, binaryPath: binary, logger: logger)
        let record = try await driver.start(spec(), ports: ["http": 1], restarts: 0)
        let childFile = binary + ".child"
        // The shell creates the file before it writes the pid: wait for a whole number.
        let readChild = { () -> Int32? in
            (try? String(contentsOfFile: childFile, encoding: .utf8))
                .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        #expect(await waitUntil { readChild() != nil })
        let child = try #require(readChild())
        await driver.stop(id: "worker-0", grace: .milliseconds(300))
        #expect(ProcStat.read(pid: record.pid) == nil || ProcStat.read(pid: record.pid)?.state == "Z")
        // The grandchild went with the group.
        #expect(await waitUntil { ProcStat.read(pid: child) == nil || ProcStat.read(pid: child)?.state == "Z" })
    }

    @Test func aNewDriverAdoptsLiveInstancesAndForgetsDeadOnes() async throws {
        let binary = try script("sleeper", "exec sleep 300")
        let first = LocalProcessDriver(state: state, binaryPath: binary, logger: logger)
        let record = try await first.start(spec(), ports: ["http": 7], restarts: 2)
        // A stale record whose process is gone (pid of an exited process, wrong start time).
        try state.writeRecord(
            InstanceRecord(
                id: "ghost-0", role: "ghost", configHash: "x", pid: record.pid, startTime: record.startTime + 1,
                ports: [:], logFile: "", startedAtEpoch: 0, restarts: 0))

        let second = LocalProcessDriver(state: state, binaryPath: binary, logger: logger)
        let adopted = await second.adoptRecorded()
        #expect(adopted.map(\.id) == ["worker-0"])
        #expect(adopted.first?.pid == record.pid)
        #expect(adopted.first?.restarts == 2)
        #expect(state.readRecords().map(\.id) == ["worker-0"])  // ghost forgotten

        // The adopter notices when it dies.
        kill(record.pid, SIGKILL)
        var iterator = second.events.makeAsyncIterator()
        let event = await iterator.next()
        #expect(event?.isExit(of: "worker-0") == true)
        await first.stopAll(grace: .seconds(1))
    }

    @Test func aMissingBinaryFailsClearly() async throws {
        let driver = LocalProcessDriver(state: state, binaryPath: dir + "/nope", logger: logger)
        await #expect(throws: RuntimeError.self) {
            _ = try await driver.start(spec(), ports: ["http": 1], restarts: 0)
        }
        #expect(await driver.records().isEmpty)
    }
}

extension LocalProcessDriver.Event {
    func isExit(of id: String) -> Bool {
        if case .exited(let i, _, _) = self { return i == id }
        return false
    }
}

@Suite struct ProcStatTests {
    @Test func parsesCommandNamesWithSpacesAndParentheses() {
        let line = "1234 (my (weird) cmd) S 1 1234 1234 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10"
        let stat = ProcStat.parse(line)
        #expect(stat?.state == "S")
        #expect(stat?.processGroup == 1234)
        #expect(stat?.startTime == 987654)
    }

    @Test func readsThisProcess() {
        let me = ProcStat.read(pid: getpid())
        #expect(me != nil)
        #expect(me?.state != "Z")
        #expect(ProcStat.read(pid: -5) == nil)
    }
}

@Suite struct PortAllocatorTests {
    @Test func allocatesFreePortsAndHonoursPreferenceAndAvoidance() throws {
        let a = try PortAllocator.allocate()
        #expect(a > 0)
        #expect(PortAllocator.isFree(a))
        #expect(try PortAllocator.allocate(preferred: a) == a)
        let b = try PortAllocator.allocate(preferred: a, avoiding: [a])
        #expect(b != a)
    }

    @Test func aBoundPortIsNotFree() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        listen(fd, 1)
        var out = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &out) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        let port = Int(UInt16(bigEndian: out.sin_port))
        #expect(!PortAllocator.isFree(port))
        #expect(try PortAllocator.allocate(preferred: port) != port)
    }
}
