import Synchronization

/// What a progress display shows: the tasks in flight (a file being sent, a batch of records), the whole job's tally, and
/// lines to print once (a file finished). Updated by any number of tasks; read by ``ProgressRenderer``.
final class ProgressBoard: Sendable {
    /// One task in flight.
    struct Task: Sendable, Hashable {
        var name: String
        var done: Int64
        var total: Int64?
        var perSecond: Double
        var remaining: Duration?
    }

    /// The whole job.
    struct Overall: Sendable, Hashable {
        var done: Int64
        /// Nil when the size of the job is not known (ids read from a pipe).
        var total: Int64?
        var perSecond: Double
        var remaining: Duration?
        /// Tasks that ended well.
        var finishedTasks: Int
        var taskCount: Int?
    }

    private struct Entry {
        var task: Task
        /// What the task had done before this run (a resumed upload), not counted in the rate.
        var resumed: Int64?
    }

    private struct State {
        var entries: [Int: Entry] = [:]
        var finishedDone: Int64 = 0
        var finishedResumed: Int64 = 0
        var finishedTasks = 0
        var total: Int64?
        var taskCount: Int?
        /// Whether `total` is the sum of the tasks' totals, learnt as they report them.
        var sumsTaskTotals = false
        var messages: [String] = []

        /// Changes task `id`'s total, and the job's when it sums them.
        mutating func setTotal(_ total: Int64?, of id: Int) {
            guard var entry = entries[id], let total, total != entry.task.total else { return }
            if sumsTaskTotals { self.total = (self.total ?? 0) + total - (entry.task.total ?? 0) }
            entry.task.total = total
            entries[id] = entry
        }
    }

    private let state: Mutex<State>
    private let started = ContinuousClock.now

    /// A board for a job of `total` units in `taskCount` tasks (either may be unknown).
    init(total: Int64?, taskCount: Int?) {
        state = Mutex(State(total: total, taskCount: taskCount))
    }

    /// A board for `taskCount` tasks whose sizes are learnt as they run (server jobs): the whole job's size is the sum of
    /// the sizes its tasks have reported.
    init(summingTaskTotalsOf taskCount: Int?) {
        state = Mutex(State(total: nil, taskCount: taskCount, sumsTaskTotals: true))
    }

    /// Shows task `id` as started.
    func start(_ id: Int, name: String, total: Int64?) {
        state.withLock { state in
            state.entries[id] = Entry(task: Task(name: name, done: 0, total: nil, perSecond: 0, remaining: nil))
            state.setTotal(total, of: id)
        }
    }

    /// Updates task `id`.
    func update(_ id: Int, done: Int64, total: Int64?, perSecond: Double, remaining: Duration?) {
        state.withLock { state in
            guard var entry = state.entries[id] else { return }
            entry.resumed = entry.resumed ?? done
            entry.task.done = done
            entry.task.perSecond = perSecond
            entry.task.remaining = remaining
            state.entries[id] = entry
            state.setTotal(total, of: id)
        }
    }

    /// Ends task `id`, counting `done` units for it (and the task as done when it `succeeded`), and queues `message` to be
    /// printed once.
    func finish(_ id: Int, done: Int64? = nil, succeeded: Bool = true, message: String?) {
        state.withLock { state in
            let entry = state.entries.removeValue(forKey: id)
            state.finishedDone += done ?? entry?.task.done ?? 0
            state.finishedResumed += entry?.resumed ?? 0
            if succeeded { state.finishedTasks += 1 }
            if let message { state.messages.append(message) }
        }
    }

    /// Queues a line to be printed once, above the bars.
    func message(_ text: String) {
        state.withLock { $0.messages.append(text) }
    }

    /// The tasks in flight (in the order they started), the tally, and the lines queued since the last call.
    func drain() -> (tasks: [Task], overall: Overall, messages: [String]) {
        let elapsed = (ContinuousClock.now - started).seconds
        return state.withLock { state in
            let entries = state.entries.sorted { $0.key < $1.key }.map(\.value)
            let done = state.finishedDone + entries.reduce(0) { $0 + $1.task.done }
            let resumed = state.finishedResumed + entries.reduce(0) { $0 + ($1.resumed ?? 0) }
            let perSecond = elapsed > 0 ? Double(done - resumed) / elapsed : 0
            let remaining = state.total.flatMap { total -> Duration? in
                guard perSecond > 0 else { return done >= total ? .zero : nil }
                return .seconds(max(0, Double(total - done) / perSecond))
            }
            let overall = Overall(done: done, total: state.total, perSecond: perSecond, remaining: remaining,
                                  finishedTasks: state.finishedTasks, taskCount: state.taskCount)
            defer { state.messages.removeAll() }
            return (entries.map(\.task), overall, state.messages)
        }
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
