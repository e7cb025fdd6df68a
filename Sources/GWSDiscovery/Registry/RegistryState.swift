/// The embedded registry's data and every rule that changes it, with no I/O and no clock of its own
/// (callers pass `now`, a ``DiscoveryClock`` reading), so it can be tested exhaustively.
/// ``ConsulRegistry`` wraps it in an actor.
///
/// Like Consul it keeps one raft-like ``index`` that grows with every change; each service name and each
/// key remembers the index of its last change, which blocking queries compare against.
struct RegistryState: Sendable {
    /// The node every service is registered on.
    let nodeName: String
    let nodeID: String
    let nodeAddress: String
    let datacenter: String

    /// The index the state started at: what data that never changed reports.
    let firstIndex: UInt64
    /// The last index handed out.
    private(set) var index: UInt64 = 1
    private(set) var services: [String: RegistryService] = [:]
    private(set) var checks: [String: RegistryCheck] = [:]
    /// Per service name: the index of the last change to its instances or their checks (kept after the
    /// last instance leaves, so indexes never go backwards).
    private(set) var serviceIndexes: [String: UInt64] = [:]
    /// The index of the last registration or deregistration.
    private(set) var catalogIndex: UInt64 = 1
    var kv: [String: RegistryKVEntry] = [:]
    /// Per deleted key: the index of its deletion.
    var kvTombstones: [String: UInt64] = [:]
    /// Live sessions by id.
    var sessions: [String: RegistrySession] = [:]
    /// The index of the last session creation or invalidation.
    var sessionsIndex: UInt64 = 1
    /// Per key: until when its lock-delay refuses acquisitions (set when a session holding it is invalidated).
    var lockDelays: [String: Duration] = [:]
    private var lastGeneration: UInt64 = 0

    /// Consul's default check timeout.
    static let defaultTimeout: Duration = .seconds(10)

    /// `firstIndex`: the index the state starts at (see ``ConsulRegistry/init``).
    init(
        nodeName: String, nodeID: String, nodeAddress: String = "127.0.0.1", datacenter: String, firstIndex: UInt64 = 1
    ) {
        self.nodeName = nodeName
        self.nodeID = nodeID
        self.nodeAddress = nodeAddress
        self.datacenter = datacenter
        self.firstIndex = max(1, firstIndex)
        self.index = self.firstIndex
        self.catalogIndex = self.index
        self.sessionsIndex = self.index
    }

    /// Hands out the next index.
    mutating func nextIndex() -> UInt64 {
        index += 1
        return index
    }

    private mutating func touch(service name: String, at index: UInt64) {
        serviceIndexes[name] = index
    }

    // MARK: Services

    /// Adds or replaces a service instance and its checks.
    ///
    /// New checks start `critical` unless the definition gives a `Status`; a re-registered check of the
    /// same id and kind keeps its status, so periodic re-registration does not flap. A maintenance check
    /// survives re-registration. Returns the checks the runner must now evaluate.
    @discardableResult
    mutating func register(_ input: ConsulServiceRegistration, now: Duration) throws -> [ScheduledCheck] {
        var registration = input
        guard !registration.name.isEmpty else { throw ConsulRegistryError.badRequest("Missing service name") }
        if registration.id.isEmpty { registration.id = registration.name }
        let serviceID = registration.id
        let definitions = try registration.checks.enumerated().map { offset, definition in
            try Self.validate(definition, offset: offset, of: registration)
        }
        let ids = definitions.map(\.id)
        guard Set(ids).count == ids.count else {
            throw ConsulRegistryError.badRequest("Invalid check: duplicate CheckID")
        }

        let previous = services[serviceID]
        if let previous, previous.registration == registration { return [] }
        let index = nextIndex()
        if let previous, previous.registration.name != registration.name {
            touch(service: previous.registration.name, at: index)
        }
        let maintenanceID = Self.maintenanceCheckID(serviceID)
        var oldChecks: [String: RegistryCheck] = [:]
        for id in previous?.checkIDs ?? [] where id != maintenanceID {
            oldChecks[id] = checks.removeValue(forKey: id)
        }
        var checkIDs: [String] = []
        var scheduled: [ScheduledCheck] = []
        for (offset, var check) in definitions.enumerated() {
            if let other = checks[check.id], other.serviceID != serviceID {
                services[other.serviceID]?.checkIDs.removeAll { $0 == check.id }
                touch(service: other.serviceName, at: index)
            }
            if registration.checks[offset].status == nil, let old = oldChecks[check.id], old.kind == check.kind {
                check.status = old.status
                check.output = old.output
                check.criticalSince = old.criticalSince
                check.createIndex = old.createIndex
            } else {
                check.createIndex = index
                check.criticalSince = check.status == .critical ? now : nil
            }
            if case .ttl(let ttl) = check.kind { check.ttlDeadline = now + ttl }
            check.modifyIndex = index
            lastGeneration += 1
            check.generation = lastGeneration
            checks[check.id] = check
            checkIDs.append(check.id)
            scheduled.append(check.schedule)
        }
        if previous?.checkIDs.contains(maintenanceID) == true {
            checkIDs.append(maintenanceID)
            checks[maintenanceID]?.serviceName = registration.name
        }
        services[serviceID] = RegistryService(
            registration: registration, createIndex: previous?.createIndex ?? index, modifyIndex: index,
            checkIDs: checkIDs)
        touch(service: registration.name, at: index)
        catalogIndex = index
        return scheduled.filter { $0.kind.isRunnable }
    }

    /// Turns one check definition into a registry check (not yet indexed), or says why it is invalid.
    static func validate(
        _ definition: ConsulCheckDefinition, offset: Int, of registration: ConsulServiceRegistration
    ) throws -> RegistryCheck {
        func duration(_ text: String?, _ field: String) throws -> Duration? {
            guard let text, !text.isEmpty else { return nil }
            guard let value = ConsulDuration.parse(text) else {
                throw ConsulRegistryError.badRequest("Invalid check: invalid \(field) duration \"\(text)\"")
            }
            return value
        }
        let interval = try duration(definition.interval, "Interval")
        let timeout = try duration(definition.timeout, "Timeout")
        let ttl = try duration(definition.ttl, "TTL")
        let deregisterAfter = try duration(definition.deregisterCriticalServiceAfter, "DeregisterCriticalServiceAfter")

        let kind: RegistryCheckKind
        if let url = definition.http, !url.isEmpty {
            kind = .http(url: url, method: definition.method ?? "GET", header: definition.header ?? [:])
        } else if let address = definition.tcp, !address.isEmpty {
            kind = .tcp(address: address)
        } else if let ttl {
            guard ttl > .zero else { throw ConsulRegistryError.badRequest("Invalid check: TTL must be > 0 for TTL checks") }
            kind = .ttl(ttl)
        } else {
            throw ConsulRegistryError.badRequest(
                "Invalid check: must be one of HTTP, TCP or TTL (other check types are not supported here)")
        }
        if case .ttl = kind {} else {
            guard let interval, interval > .zero else {
                throw ConsulRegistryError.badRequest("Invalid check: Interval must be > 0 for HTTP or TCP checks")
            }
        }

        var id = definition.checkID ?? ""
        if id.isEmpty {
            id = "service:\(registration.id)"
            if registration.checks.count > 1 { id += ":\(offset + 1)" }
        }
        var name = definition.name ?? ""
        if name.isEmpty { name = "Service '\(registration.name)' check" }
        let status = definition.status ?? .critical
        return RegistryCheck(
            id: id, name: name, serviceID: registration.id, serviceName: registration.name, kind: kind,
            interval: interval ?? .seconds(10), timeout: timeout.flatMap { $0 > .zero ? $0 : nil } ?? defaultTimeout,
            deregisterAfter: deregisterAfter, status: status, output: "", notes: definition.notes ?? "",
            createIndex: 0, modifyIndex: 0, criticalSince: nil, ttlDeadline: nil, generation: 0)
    }

    /// Removes a service instance and its checks; `false` when there is no such instance.
    @discardableResult
    mutating func deregister(serviceID: String) -> Bool {
        guard let service = services.removeValue(forKey: serviceID) else { return false }
        for id in service.checkIDs { checks.removeValue(forKey: id) }
        let index = nextIndex()
        touch(service: service.registration.name, at: index)
        catalogIndex = index
        return true
    }

    /// The id of a service's maintenance check.
    static func maintenanceCheckID(_ serviceID: String) -> String { "_service_maintenance:\(serviceID)" }

    /// Puts a service into maintenance (a critical `_service_maintenance:<id>` check, so it leaves every
    /// passing answer) or takes it out. Doing what is already done changes nothing.
    mutating func setMaintenance(serviceID: String, enabled: Bool, reason: String?) throws {
        guard let service = services[serviceID] else {
            throw ConsulRegistryError.notFound("Unknown service ID \"\(serviceID)\"")
        }
        let id = Self.maintenanceCheckID(serviceID)
        let present = checks[id] != nil
        guard enabled != present else { return }
        let index = nextIndex()
        if enabled {
            let notes = reason.flatMap { $0.isEmpty ? nil : $0 }
                ?? "Maintenance mode is enabled for this service, but no reason was provided. This is a default message."
            checks[id] = RegistryCheck(
                id: id, name: "Service Maintenance Mode", serviceID: serviceID,
                serviceName: service.registration.name, kind: .maintenance, interval: .zero,
                timeout: Self.defaultTimeout, deregisterAfter: nil, status: .critical, output: "", notes: notes,
                createIndex: index, modifyIndex: index, criticalSince: nil, ttlDeadline: nil, generation: 0)
            services[serviceID]?.checkIDs.append(id)
        } else {
            checks.removeValue(forKey: id)
            services[serviceID]?.checkIDs.removeAll { $0 == id }
        }
        touch(service: service.registration.name, at: index)
    }

    // MARK: Checks

    /// Sets a check's status and output. Only a status change moves the index (as Consul defers
    /// output-only writes), so blocking queries wake only for real changes.
    private mutating func apply(
        _ status: ConsulCheckStatus, output: String, toCheck id: String, now: Duration
    ) {
        guard var check = checks[id] else { return }
        check.output = output
        if check.status != status {
            let index = nextIndex()
            check.status = status
            check.modifyIndex = index
            check.criticalSince = status == .critical ? now : nil
            touch(service: check.serviceName, at: index)
        }
        checks[id] = check
    }

    /// Updates a TTL check from the service (`/v1/agent/check/pass|warn|fail|update`): sets its status
    /// and restarts its TTL.
    mutating func updateTTLCheck(
        id: String, status: ConsulCheckStatus, output: String?, now: Duration
    ) throws {
        guard let check = checks[id] else { throw ConsulRegistryError.notFound("Unknown check ID \"\(id)\"") }
        guard case .ttl(let ttl) = check.kind else {
            throw ConsulRegistryError.failed("CheckID \"\(id)\" does not have associated TTL")
        }
        apply(status, output: output ?? "", toCheck: id, now: now)
        checks[id]?.ttlDeadline = now + ttl
    }

    /// Records the result of one HTTP or TCP check run, then deregisters the service if the check has
    /// been critical longer than its `DeregisterCriticalServiceAfter`. Returns `false` when the runner
    /// should stop evaluating this check (it is gone, replaced, or its service was just deregistered).
    mutating func recordResult(
        checkID: String, generation: UInt64, status: ConsulCheckStatus, output: String, now: Duration
    ) -> Bool {
        guard let check = checks[checkID], check.generation == generation else { return false }
        apply(status, output: output, toCheck: checkID, now: now)
        return !reapIfCriticalTooLong(checkID: checkID, now: now)
    }

    /// Expires a TTL check that was not updated in time and reaps its service when due. Returns when to
    /// look again, or `nil` when the runner should stop (check gone, replaced, or service deregistered).
    mutating func advanceTTL(
        checkID: String, generation: UInt64, now: Duration
    ) -> Duration? {
        guard let check = checks[checkID], check.generation == generation, case .ttl(let ttl) = check.kind else {
            return nil
        }
        if let deadline = check.ttlDeadline, deadline <= now {
            apply(.critical, output: "TTL expired", toCheck: checkID, now: now)
            checks[checkID]?.ttlDeadline = nil
        }
        if reapIfCriticalTooLong(checkID: checkID, now: now) { return nil }
        guard let current = checks[checkID] else { return nil }
        var wake = current.ttlDeadline ?? now + ttl
        if let since = current.criticalSince, let after = current.deregisterAfter {
            wake = min(wake, since + after)
        }
        return wake
    }

    /// Deregisters the check's service when the check has been critical for its `DeregisterCriticalServiceAfter`.
    private mutating func reapIfCriticalTooLong(checkID: String, now: Duration) -> Bool {
        guard let check = checks[checkID], let after = check.deregisterAfter, let since = check.criticalSince,
            now - since >= after
        else { return false }
        return deregister(serviceID: check.serviceID)
    }

    /// Every check the runner evaluates, for a runner that starts after registrations.
    var runnableChecks: [ScheduledCheck] {
        checks.values.filter { $0.kind.isRunnable }.map(\.schedule).sorted { $0.id < $1.id }
    }

    /// Whether this definition of the check still exists.
    func isCurrent(checkID: String, generation: UInt64) -> Bool {
        checks[checkID]?.generation == generation
    }
}
