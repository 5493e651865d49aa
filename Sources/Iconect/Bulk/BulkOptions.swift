/// How ``BulkService`` splits and paces server-side bulk work.
public struct BulkOptions: Sendable, Hashable {
    /// The largest batch the server accepts in one operation.
    public static let maximumBatchSize = 10_000

    /// Records per bulk operation, from 1 to ``maximumBatchSize``; default 1,000.
    public var batchSize: Int
    /// Operations running at once; default 4.
    public var concurrency: Int
    /// How many times a record is submitted when the server reports a transient per-record failure (such as
    /// `RECORD_LOCKED`), counting the first; default 3. Other per-record failures are reported at once.
    public var recordAttempts: Int
    /// The first wait between polls of a running operation; doubles up to ``maxPollInterval``.
    public var pollInterval: Duration
    /// The longest wait between polls.
    public var maxPollInterval: Duration
    /// How many times in a row the engine asks again when an answer is lost (a submission resent with its
    /// `Idempotency-Key`, or a poll), waiting like polls between them, before it reports the records as
    /// ``BulkReport/unknown``; default 20. Each ask already includes the request pipeline's own retries.
    public var confirmationAttempts: Int

    public init(batchSize: Int = 1_000, concurrency: Int = 4, recordAttempts: Int = 3, pollInterval: Duration = .milliseconds(10),
                maxPollInterval: Duration = .seconds(1), confirmationAttempts: Int = 20) {
        self.batchSize = batchSize
        self.concurrency = concurrency
        self.recordAttempts = recordAttempts
        self.pollInterval = pollInterval
        self.maxPollInterval = maxPollInterval
        self.confirmationAttempts = confirmationAttempts
    }

    func validate(operation: String) throws {
        guard (1...Self.maximumBatchSize).contains(batchSize) else {
            throw IconectError.invalidArgument("batchSize", "must be from 1 to \(Self.maximumBatchSize), got \(batchSize)", operation: operation)
        }
        guard concurrency >= 1 else {
            throw IconectError.invalidArgument("concurrency", "must be at least 1, got \(concurrency)", operation: operation)
        }
        guard recordAttempts >= 1 else {
            throw IconectError.invalidArgument("recordAttempts", "must be at least 1, got \(recordAttempts)", operation: operation)
        }
        guard confirmationAttempts >= 1 else {
            throw IconectError.invalidArgument("confirmationAttempts", "must be at least 1, got \(confirmationAttempts)", operation: operation)
        }
        guard pollInterval > .zero, maxPollInterval >= pollInterval else {
            throw IconectError.invalidArgument("pollInterval", "must be positive and at most maxPollInterval", operation: operation)
        }
    }
}
