/// What an informer keeps per object: at least its key and resourceVersion.
public protocol InformerObject: Sendable, Equatable {
    var key: ObjectKey { get }
    var resourceVersion: String { get }
}

extension KubeObject: InformerObject {}

/// A change the informer saw, as client-go's handlers get them.
public enum InformerDelta<Object: InformerObject>: Sendable, Equatable {
    case added(Object)
    case updated(old: Object, new: Object)
    /// `finalStateUnknown`: the object vanished while no watch was open and a
    /// relist found it gone (client-go's `DeletedFinalStateUnknown`); `object`
    /// is the last state the cache had.
    case deleted(Object, finalStateUnknown: Bool)

    public var key: ObjectKey {
        switch self {
        case .added(let object), .deleted(let object, _): object.key
        case .updated(_, let new): new.key
        }
    }
}

/// The informer's cache as a plain value: watch events and relists in,
/// deltas out. A relist is diffed against the cache so that nothing that
/// happened while no watch was open is lost: objects that appeared are
/// `added`, changed ones `updated`, and vanished ones `deleted` (synthesized).
public struct InformerStore<Object: InformerObject>: Sendable {
    public private(set) var objects: [ObjectKey: Object] = [:]
    /// Where a watch resumes: the last list's, event's or bookmark's version.
    public private(set) var resourceVersion: String = ""

    public init() {}

    public subscript(key: ObjectKey) -> Object? { objects[key] }
    public var count: Int { objects.count }

    /// Replaces the cache with a full list taken at `resourceVersion`.
    public mutating func replace(with items: [Object], resourceVersion: String) -> [InformerDelta<Object>] {
        var deltas: [InformerDelta<Object>] = []
        var fresh: [ObjectKey: Object] = [:]
        fresh.reserveCapacity(items.count)
        for item in items {
            fresh[item.key] = item
            if let old = objects[item.key] {
                if old.resourceVersion != item.resourceVersion { deltas.append(.updated(old: old, new: item)) }
            } else {
                deltas.append(.added(item))
            }
        }
        for (key, old) in objects where fresh[key] == nil {
            deltas.append(.deleted(old, finalStateUnknown: true))
        }
        objects = fresh
        self.resourceVersion = resourceVersion
        return deltas.sorted { $0.key < $1.key }
    }

    /// Applies one ADDED, MODIFIED or DELETED event.
    public mutating func apply(_ type: WatchEvent.EventType, _ object: Object) -> InformerDelta<Object>? {
        if !object.resourceVersion.isEmpty { resourceVersion = object.resourceVersion }
        switch type {
        case .added, .modified:
            let old = objects.updateValue(object, forKey: object.key)
            guard let old else { return .added(object) }
            return old.resourceVersion == object.resourceVersion ? nil : .updated(old: old, new: object)
        case .deleted:
            objects.removeValue(forKey: object.key)
            return .deleted(object, finalStateUnknown: false)
        case .bookmark, .error:
            return nil
        }
    }

    /// A BOOKMARK: the stream is current up to `resourceVersion`.
    public mutating func bookmark(_ resourceVersion: String) {
        if !resourceVersion.isEmpty { self.resourceVersion = resourceVersion }
    }
}
