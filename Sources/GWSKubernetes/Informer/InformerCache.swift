/// The informer's store behind an actor: the informer writes it, reconciles read it.
public actor InformerCache<Object: InformerObject> {
    private var store = InformerStore<Object>()
    /// Whether a first list has been stored.
    public private(set) var hasSynced = false

    public init() {}

    public func get(_ key: ObjectKey) -> Object? { store[key] }
    public var count: Int { store.count }
    public var keys: [ObjectKey] { Array(store.objects.keys) }
    public var resourceVersion: String { store.resourceVersion }

    func replace(with items: [Object], resourceVersion: String) -> [InformerDelta<Object>] {
        hasSynced = true
        return store.replace(with: items, resourceVersion: resourceVersion)
    }

    func apply(_ type: WatchEvent.EventType, _ object: Object) -> InformerDelta<Object>? {
        store.apply(type, object)
    }

    func bookmark(_ resourceVersion: String) { store.bookmark(resourceVersion) }
}
