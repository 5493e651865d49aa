import Synchronization

/// What the emulator keeps about users beside their objects: passwords (what the token endpoint accepts), preferences and
/// activity. Starts from the configured users; a password change or reset replaces what signs in.
final class UserDirectory: Sendable {
    private struct State {
        var passwords: [String: String] = [:]
        var preferences: [String: [String: JSON]] = [:]
        var activity: [String: [[String: JSON]]] = [:]
    }

    /// The most activity entries kept per user (the oldest go first).
    static let activityLimit = 10_000
    private let state = Mutex(State())

    init(users: [EmulatorUser]) {
        reset(users: users)
    }

    /// Forgets every change: the configured passwords again, no preferences, no activity.
    func reset(users: [EmulatorUser]) {
        var fresh = State()
        for user in users { fresh.passwords[user.username] = user.password }
        state.withLock { $0 = fresh }
    }

    /// Whether `password` is the user's current password.
    func verify(username: String, password: String) -> Bool {
        state.withLock { $0.passwords[username] } == password
    }

    func setPassword(_ password: String, for username: String) {
        state.withLock { $0.passwords[username] = password }
    }

    func preferences(of userId: String) -> [String: JSON] {
        state.withLock { $0.preferences[userId] ?? [:] }
    }

    /// Merges `changes` into the user's preferences (a `null` removes a key) and answers the result.
    func mergePreferences(_ changes: [String: JSON], into userId: String) -> [String: JSON] {
        state.withLock { state in
            var current = state.preferences[userId] ?? [:]
            for (key, value) in changes {
                if value.isNull { current[key] = nil } else { current[key] = value }
            }
            state.preferences[userId] = current
            return current
        }
    }

    /// Appends an activity entry (an object with `id`, `userId`, `type`, `timestamp`, `description`, `details`).
    func record(_ entry: [String: JSON], for userId: String) {
        state.withLock { state in
            var entries = state.activity[userId] ?? []
            entries.append(entry)
            if entries.count > Self.activityLimit { entries.removeFirst(entries.count - Self.activityLimit) }
            state.activity[userId] = entries
        }
    }

    /// The user's activity, oldest first.
    func activity(of userId: String) -> [[String: JSON]] {
        state.withLock { $0.activity[userId] ?? [] }
    }
}
