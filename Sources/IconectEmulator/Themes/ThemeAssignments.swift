import Synchronization

/// Which theme is applied where: globally, per user, per project.
final class ThemeAssignments: Sendable {
    struct Assignment: Sendable {
        let themeId: String
        let appliedDate: Int64
    }

    private let assignments = Mutex<[String: Assignment]>([:])

    static func key(scope: String, targetId: String?) -> String {
        scope == "global" ? "global" : scope + ":" + (targetId ?? "")
    }

    func set(_ key: String, _ assignment: Assignment) {
        assignments.withLock { $0[key] = assignment }
    }

    func get(_ key: String) -> Assignment? {
        assignments.withLock { $0[key] }
    }

    /// Forgets every place a deleted theme was applied (those places fall back to the next scope).
    func remove(themeId: String) {
        assignments.withLock { $0 = $0.filter { $0.value.themeId != themeId } }
    }

    func removeAll() {
        assignments.withLock { $0.removeAll() }
    }
}
