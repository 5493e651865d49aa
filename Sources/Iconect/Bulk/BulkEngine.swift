import Foundation

/// Runs one server-side bulk job: splits the ids into operations of at most ``BulkOptions/batchSize``, keeps
/// ``BulkOptions/concurrency`` of them running, polls each to its end, resubmits records that failed transiently, and
/// accounts for every id, exactly once, in the ``BulkReport``.
///
/// Exactly once: each submission has its own `Idempotency-Key`, kept for as long as its answer is unknown. When the answer
/// is lost (the connection dropped after the server acted, a timeout, a 5xx), the engine submits again with the same key,
/// so the server answers with the operation it already started instead of starting another, and polls that operation;
/// only an answer decides a record's outcome. Records whose fate stays unknown after ``BulkOptions/confirmationAttempts``
/// are reported as ``BulkReport/unknown``, never as failed, so resubmitting the failed ids never applies a change twice.
struct BulkEngine: Sendable {
    let records: RecordsResource
    let options: BulkOptions
    let action: BulkAction
    let projectId: String
    let parameters: [String: JSONValue]?

    /// What one batch came to.
    fileprivate struct Outcome: Sendable {
        var succeeded: [String] = []
        var failed: [BulkReport.Failure] = []
        var unknown: [String] = []
        var pendingOperationIds: [String] = []
        var notSubmitted: [String] = []
        var batches: [BulkReport.Batch] = []
        var cancelled = false
    }

    /// Per-record failure codes that mean "try again later".
    static let transientCodes: Set<String> = [
        "RECORD_LOCKED", "LOCKED", "CONFLICT", "TIMEOUT", "RATE_LIMITED", "SERVICE_UNAVAILABLE", "TEMPORARILY_UNAVAILABLE", "BUSY",
    ]

    static func isTransient(_ failure: BulkOperation.RecordError) -> Bool {
        if let code = failure.code?.uppercased() { return transientCodes.contains(code) }
        let message = failure.error.lowercased()
        return message.contains("locked") || message.contains("try again") || message.contains("temporarily")
    }

    func run(_ ids: [String], progress: AsyncStream<BulkProgress>.Continuation?) async -> BulkReport {
        defer { progress?.finish() }
        // Each id once: submitting a duplicate would process (and count) a record twice.
        var seen = Set<String>()
        let unique = ids.filter { seen.insert($0).inserted }
        let tally = ProgressTally(total: unique.count, continuation: progress)
        tally.publishCurrent()
        let batches = stride(from: 0, to: unique.count, by: options.batchSize).map {
            Array(unique[$0..<min($0 + options.batchSize, unique.count)])
        }

        var total = Outcome()
        await withTaskGroup(of: Outcome.self) { group in
            var next = batches.makeIterator()
            func startNext() -> Bool {
                guard let batch = next.next() else { return false }
                group.addTask { await runBatch(batch, tally: tally) }
                return true
            }
            for _ in 0..<options.concurrency where !startNext() { break }
            while let outcome = await group.next() {
                total.merge(outcome)
                if Task.isCancelled {
                    // Stop submitting: whatever was not started is reported as such.
                    while let batch = next.next() { total.notSubmitted += batch }
                } else {
                    _ = startNext()
                }
            }
        }

        // Report records in the caller's order.
        let position = Dictionary(uniqueKeysWithValues: unique.enumerated().map { ($1, $0) })
        func ordered(_ ids: [String]) -> [String] { ids.sorted { position[$0, default: 0] < position[$1, default: 0] } }
        return BulkReport(
            action: action, succeeded: ordered(total.succeeded),
            failed: total.failed.sorted { position[$0.recordId, default: 0] < position[$1.recordId, default: 0] },
            unknown: ordered(total.unknown), pendingOperationIds: total.pendingOperationIds,
            notSubmitted: ordered(total.notSubmitted), batches: total.batches,
            wasCancelled: total.cancelled || Task.isCancelled, duration: tally.elapsed)
    }

    /// Runs one batch to its end, resubmitting transient per-record failures.
    private func runBatch(_ ids: [String], tally: ProgressTally) async -> Outcome {
        var outcome = Outcome()
        var remaining = ids
        var attempt = 1
        while true {
            guard !Task.isCancelled else {
                outcome.notSubmitted += remaining
                outcome.cancelled = true
                return outcome
            }
            let started = ContinuousClock.now
            let final: BulkOperation
            switch await submitAndWait(remaining) {
            case .ended(let operation):
                final = operation
            case .refused(let failure):
                outcome.failed += remaining.map { BulkReport.Failure(recordId: $0, error: failure, attempts: attempt) }
                tally.add(done: remaining.count, failed: remaining.count)
                return outcome
            case .unknown(let operationId, let cancelled):
                outcome.unknown += remaining
                if let operationId { outcome.pendingOperationIds.append(operationId) }
                outcome.cancelled = outcome.cancelled || cancelled
                return outcome
            }
            outcome.batches.append(BulkReport.Batch(operationId: final.operationId, recordCount: remaining.count,
                                                    duration: .now - started))

            if final.status == .failed, final.errors.isEmpty {
                // The operation failed as a whole without saying which records it changed: their fate is unknown.
                outcome.unknown += remaining
                tally.add(done: remaining.count, failed: 0)
                return outcome
            }
            var retry: [String] = []
            var failedNow = 0
            let errors = Dictionary(final.errors.map { ($0.recordId, $0) }, uniquingKeysWith: { first, _ in first })
            for id in remaining {
                guard let failure = errors[id] else {
                    outcome.succeeded.append(id)
                    continue
                }
                if Self.isTransient(failure), attempt < options.recordAttempts {
                    retry.append(id)
                } else {
                    outcome.failed.append(BulkReport.Failure(recordId: id, error: Self.iconectError(failure), attempts: attempt))
                    failedNow += 1
                }
            }
            tally.add(done: remaining.count - retry.count, failed: failedNow)
            guard !retry.isEmpty else { return outcome }

            remaining = retry
            do {
                var generator = SystemRandomNumberGenerator()
                try await Task.sleep(for: records.pipeline.configuration.retryPolicy.backoff(afterAttempt: attempt, using: &generator))
            } catch {
                outcome.notSubmitted += remaining
                outcome.cancelled = true
                return outcome
            }
            attempt += 1
        }
    }

    /// What submitting one batch came to.
    private enum Submission {
        /// The operation ran to its end.
        case ended(BulkOperation)
        /// The server refused the submission: nothing was applied.
        case refused(IconectError)
        /// No answer decided it: the operation (when its id is known) may have run.
        case unknown(operationId: String?, cancelled: Bool)
    }

    /// Submits `ids` as one operation under one `Idempotency-Key`, resubmitting with that key while the answer is lost,
    /// then polls the operation to its end, polling again while a poll's answer is lost.
    private func submitAndWait(_ ids: [String]) async -> Submission {
        let key = UUID().uuidString
        var submitted: BulkOperation?
        var rounds = 0
        var wait = options.pollInterval
        while true {
            do {
                if let operation = submitted {
                    let current = try await records.bulkOperation(id: operation.operationId)
                    if current.status.isFinal { return .ended(current) }
                    rounds = 0  // an answer: the operation is alive
                } else {
                    let operation = try await records.submitBulk(projectId: projectId, action: action, recordIds: ids,
                                                                 parameters: parameters, idempotencyKey: key)
                    if operation.status.isFinal { return .ended(operation) }
                    submitted = operation
                    wait = options.pollInterval
                    continue
                }
            } catch {
                let failure = Self.iconectError(error)
                if Self.isCancellation(error) || failure.code == .shutdown {
                    return .unknown(operationId: submitted?.operationId, cancelled: Self.isCancellation(error))
                }
                if submitted == nil, Self.isRefusal(failure) { return .refused(failure) }
                rounds += 1
                guard rounds < options.confirmationAttempts else {
                    return .unknown(operationId: submitted?.operationId, cancelled: false)
                }
            }
            do {
                try await Task.sleep(for: wait)
            } catch {
                return .unknown(operationId: submitted?.operationId, cancelled: true)
            }
            wait = min(wait * 2, options.maxPollInterval)
        }
    }

    /// Whether an answer to a submission says that the server refused it (so applied nothing): a 4xx other than a timeout
    /// or throttling. A lost connection, a timeout, a 5xx or an unreadable answer decide nothing.
    static func isRefusal(_ failure: IconectError) -> Bool {
        guard let status = failure.status else { return failure.code == .validation }  // refused before it was sent
        return (400..<500).contains(status) && status != 408 && status != 429
    }

    static func isCancellation(_ error: any Error) -> Bool {
        error is CancellationError || (error as? IconectError)?.code == .cancelled
    }

    static func iconectError(_ error: any Error) -> IconectError {
        if let error = error as? IconectError { return error }
        return IconectError(.transport, "\(error)", operation: Route.bulkUpdateRecords.operation)
    }

    /// The error of one record the server could not process.
    static func iconectError(_ failure: BulkOperation.RecordError) -> IconectError {
        let code: IconectError.Code
        let serverCode = failure.code?.uppercased()
        if serverCode == "NOT_FOUND" || failure.error.lowercased().contains("not found") {
            code = .notFound
        } else if let serverCode, transientCodes.contains(serverCode) {
            code = .conflict
        } else {
            code = .validation
        }
        return IconectError(code, failure.error, serverCode: failure.code, operation: Route.bulkUpdateRecords.operation)
    }
}

extension BulkEngine.Outcome {
    fileprivate mutating func merge(_ other: Self) {
        succeeded += other.succeeded
        failed += other.failed
        unknown += other.unknown
        pendingOperationIds += other.pendingOperationIds
        notSubmitted += other.notSubmitted
        batches += other.batches
        cancelled = cancelled || other.cancelled
    }
}
