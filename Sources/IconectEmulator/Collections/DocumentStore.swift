import Synchronization

/// The objects of one generic collection, by id, in insertion order.
final class DocumentStore: Sendable {
    private struct State {
        var objects: [String: [String: JSON]] = [:]
        var order: [String] = []
    }

    let spec: CollectionSpec
    private let state = Mutex(State())

    init(spec: CollectionSpec) {
        self.spec = spec
    }

    func get(_ id: String) -> [String: JSON]? {
        state.withLock { $0.objects[id] }
    }

    func contains(_ id: String) -> Bool {
        state.withLock { $0.objects[id] != nil }
    }

    /// Inserts or replaces an object (its `id` member is the key).
    func put(_ object: [String: JSON]) {
        guard let id = object["id"]?.stringValue else { return }
        state.withLock { state in
            if state.objects.updateValue(object, forKey: id) == nil { state.order.append(id) }
        }
    }

    /// Changes an object in place; nil when it does not exist. The closure may throw to abort without changes.
    func update<E: Error>(_ id: String, _ change: (inout [String: JSON]) throws(E) -> Void) throws(E) -> [String: JSON]? {
        try state.withLock { (state: inout State) throws(E) -> [String: JSON]? in
            guard var object = state.objects[id] else { return nil }
            try change(&object)
            state.objects[id] = object
            return object
        }
    }

    @discardableResult
    func remove(_ id: String) -> [String: JSON]? {
        state.withLock { state in
            guard let removed = state.objects.removeValue(forKey: id) else { return nil }
            if let index = state.order.firstIndex(of: id) { state.order.remove(at: index) }
            return removed
        }
    }

    /// Every object, in insertion order.
    func all() -> [[String: JSON]] {
        state.withLock { state in state.order.compactMap { state.objects[$0] } }
    }

    /// The objects that pass `include`, in insertion order.
    func filter(_ include: ([String: JSON]) -> Bool) -> [[String: JSON]] {
        state.withLock { state in state.order.compactMap { id in state.objects[id].flatMap { include($0) ? $0 : nil } } }
    }

    var count: Int {
        state.withLock { $0.objects.count }
    }

    func removeAll() {
        state.withLock { $0 = State() }
    }
}
