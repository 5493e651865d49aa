import Synchronization

/// What the emulator keeps about each job beside its JSON object: the work it does, how far it got, and its log.
final class JobRuntimeStore: Sendable {
    /// One line of a job's log.
    struct LogEntry: Sendable {
        static let levels = ["debug", "info", "warn", "error"]

        /// The entry's number in its job's log, from 1.
        let id: Int
        let timestamp: Double
        let level: String
        let message: String
        var line: Int?

        var severity: Int { Self.levels.firstIndex(of: level) ?? 0 }

        var json: JSON {
            var object: [String: JSON] = [
                "id": .number(Double(id)), "timestamp": .string(ISODate.millisecondString(timestamp)), "level": .string(level), "message": .string(message),
            ]
            if let line { object["line"] = .number(Double(line)) }
            return .object(object)
        }
    }

    /// A job's work and counters; `work` is loaded when the job first runs.
    struct Run: Sendable {
        /// Orders jobs by when they were queued (fifo, lifo).
        var sequence: Int
        var work: JobWork?
        var cursor = 0
        var successful = 0
        var failed = 0
        var skipped = 0
        var logs: [LogEntry] = []

        mutating func log(_ level: String, _ message: String, line: Int? = nil) {
            logs.append(LogEntry(id: logs.count + 1, timestamp: ISODate.now, level: level, message: message, line: line))
        }

        /// Forgets the progress (restart), keeping the log.
        mutating func rewind(sequence: Int) {
            self = Run(sequence: sequence, logs: logs)
        }
    }

    private struct State {
        var runs: [String: Run] = [:]
        var nextSequence = 0
    }

    private let state = Mutex(State())

    /// Registers a new job with its first log line.
    func add(_ id: String, message: String) {
        state.withLock { state in
            state.nextSequence += 1
            var run = Run(sequence: state.nextSequence)
            run.log("info", message)
            state.runs[id] = run
        }
    }

    /// A fresh sequence number (a job queued again goes behind the others).
    func nextSequence() -> Int {
        state.withLock { state in
            state.nextSequence += 1
            return state.nextSequence
        }
    }

    /// Changes a job's run in place; nil when the job has none.
    func update<T: Sendable>(_ id: String, _ change: (inout Run) -> T) -> T? {
        state.withLock { state in
            guard var run = state.runs[id] else { return nil }
            defer { state.runs[id] = run }
            return change(&run)
        }
    }

    func run(_ id: String) -> Run? {
        state.withLock { $0.runs[id] }
    }

    func remove(_ id: String) {
        _ = state.withLock { $0.runs.removeValue(forKey: id) }
    }

    func removeAll() {
        state.withLock { $0 = State() }
    }
}
