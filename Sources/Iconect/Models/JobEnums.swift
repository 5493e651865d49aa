/// What a job does.
public struct JobType: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let `import` = JobType(rawValue: "import")
    public static let export = JobType(rawValue: "export")
    public static let delete = JobType(rawValue: "delete")
    public static let move = JobType(rawValue: "move")
    public static let transform = JobType(rawValue: "transform")
    public static let backup = JobType(rawValue: "backup")
    public static let sync = JobType(rawValue: "sync")
    public static let custom = JobType(rawValue: "custom")
    public static let knownValues: [JobType] = [.import, .export, .delete, .move, .transform, .backup, .sync, .custom]
}

/// Where a job stands: `pending → queued → running → completed | failed | cancelled`, and `paused`.
public struct JobStatus: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let pending = JobStatus(rawValue: "pending")
    public static let queued = JobStatus(rawValue: "queued")
    public static let running = JobStatus(rawValue: "running")
    public static let paused = JobStatus(rawValue: "paused")
    public static let completed = JobStatus(rawValue: "completed")
    public static let failed = JobStatus(rawValue: "failed")
    public static let cancelled = JobStatus(rawValue: "cancelled")
    public static let knownValues: [JobStatus] = [.pending, .queued, .running, .paused, .completed, .failed, .cancelled]

    /// Whether the job has ended (completed, failed or cancelled).
    public var isFinal: Bool { self == .completed || self == .failed || self == .cancelled }
}

/// What `iconect_control_job` asks of a job. Each applies to some states only; any other is a ``IconectError/Code/conflict``.
public struct JobControlAction: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    /// A pending job is queued now (even before its `scheduledStart`).
    public static let start = JobControlAction(rawValue: "start")
    /// A queued or running job stops advancing.
    public static let pause = JobControlAction(rawValue: "pause")
    /// A paused job is queued again and continues where it stopped.
    public static let resume = JobControlAction(rawValue: "resume")
    /// A job that has not ended ends as cancelled.
    public static let cancel = JobControlAction(rawValue: "cancel")
    /// A job that has ended runs again from the start.
    public static let restart = JobControlAction(rawValue: "restart")
    public static let knownValues: [JobControlAction] = [.start, .pause, .resume, .cancel, .restart]
}

/// The severity of a job log entry.
public struct JobLogLevel: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let debug = JobLogLevel(rawValue: "debug")
    public static let info = JobLogLevel(rawValue: "info")
    public static let warn = JobLogLevel(rawValue: "warn")
    public static let error = JobLogLevel(rawValue: "error")
    public static let knownValues: [JobLogLevel] = [.debug, .info, .warn, .error]
}

/// How a job queue picks the next of its queued jobs.
public struct JobProcessingOrder: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let fifo = JobProcessingOrder(rawValue: "fifo")
    public static let lifo = JobProcessingOrder(rawValue: "lifo")
    /// Critical first, then high, normal, low; first come first within a priority.
    public static let priority = JobProcessingOrder(rawValue: "priority")
    /// Earliest `scheduledStart` first.
    public static let scheduled = JobProcessingOrder(rawValue: "scheduled")
    public static let knownValues: [JobProcessingOrder] = [.fifo, .lifo, .priority, .scheduled]
}

/// The priority of a job queue.
public struct QueuePriority: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let low = QueuePriority(rawValue: "low")
    public static let normal = QueuePriority(rawValue: "normal")
    public static let high = QueuePriority(rawValue: "high")
    public static let knownValues: [QueuePriority] = [.low, .normal, .high]
}
