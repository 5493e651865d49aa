import Foundation

/// Runs one server-side bulk job: splits the ids into operations of at most ``BulkOptions/batchSize``, keeps
/// ``BulkOptions/concurrency`` of them running, polls each to its end, resubmits records that failed transiently, and
/// accounts for every id in the ``BulkReport``.
///
/// Submissions go through the request pipeline, so a retried `POST` carries the same `Idempotency-Key` and the server
/// never starts the same operation twice.
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
        var unconfirmed: [String] = []
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
            unconfirmed: ordered(total.unconfirmed), pendingOperationIds: total.pendingOperationIds,
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
            let submitted: BulkOperation
            do {
                submitted = try await records.submitBulk(projectId: projectId, action: action, recordIds: remaining, parameters: parameters)
            } catch {
                if Self.isCancellation(error) {
                    // The request may have reached the server: its fate is unknown, not "not submitted".
                    outcome.unconfirmed += remaining
                    outcome.cancelled = true
                } else {
                    let failure = Self.iconectError(error)
                    outcome.failed += remaining.map { BulkReport.Failure(recordId: $0, error: failure, attempts: attempt) }
                    tally.add(done: remaining.count, failed: remaining.count)
                }
                return outcome
            }

            let final: BulkOperation
            do {
                final = submitted.status.isFinal ? submitted : try await waitForEnd(submitted.operationId)
            } catch {
                outcome.unconfirmed += remaining
                outcome.pendingOperationIds.append(submitted.operationId)
                outcome.cancelled = outcome.cancelled || Self.isCancellation(error)
                return outcome
            }
            outcome.batches.append(BulkReport.Batch(operationId: final.operationId, recordCount: remaining.count,
                                                    duration: .now - started))

            var retry: [String] = []
            var failedNow = 0
            if final.status == .failed, final.errors.isEmpty {
                let error = IconectError(.server, "bulk operation \(final.operationId) failed", operation: Route.bulkUpdateRecords.operation)
                outcome.failed += remaining.map { BulkReport.Failure(recordId: $0, error: error, attempts: attempt) }
                failedNow = remaining.count
            } else {
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
            }
            tally.add(done: remaining.count - retry.count, failed: failedNow)
            guard !retry.isEmpty else { return outcome }

            remaining = retry
            let policy = records.pipeline.configuration.retryPolicy
            do {
                try await Task.sleep(for: policy.delay(afterAttempt: attempt, retryAfter: nil) ?? .zero)
            } catch {
                outcome.notSubmitted += remaining
                outcome.cancelled = true
                return outcome
            }
            attempt += 1
        }
    }

    private func waitForEnd(_ operationId: String) async throws -> BulkOperation {
        try await records.waitForBulkOperation(id: operationId, pollInterval: options.pollInterval,
                                               maxPollInterval: options.maxPollInterval)
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
        unconfirmed += other.unconfirmed
        pendingOperationIds += other.pendingOperationIds
        notSubmitted += other.notSubmitted
        batches += other.batches
        cancelled = cancelled || other.cancelled
    }
}
