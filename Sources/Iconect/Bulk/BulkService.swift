import Foundation

/// Long-running work over many records: `client.bulk`.
///
/// Server-side bulk operations (update, delete, move, tag, assign) are split into operations of at most
/// ``BulkOptions/batchSize`` records, run with bounded concurrency and polled to their end; records that failed
/// transiently are resubmitted, and the ``BulkReport`` accounts for every id. For work with no bulk endpoint,
/// ``run(_:concurrency:ratePerSecond:stopOnFirstError:progress:_:)`` fans a closure out over items with a rate limit.
///
/// ```swift
/// let report = try await client.bulk.tagRecords(ids, in: projectId, tags: ["privileged"])
/// print(report.summary)                       // "tag: 99998 succeeded, 2 failed"
/// for failure in report.failed { print(failure.recordId, failure.error.message) }
/// ```
///
/// Every id is accounted for exactly once, even when answers are lost on the way: a submission whose answer is lost is
/// resent with the same `Idempotency-Key` until the server's answer arrives, so no change is applied twice, and a record
/// is reported failed only when the server said so. Cancelling the calling task stops submitting; the report then says
/// what completed, what is unknown (submitted, with its operation possibly still running) and what was never submitted.
/// The methods throw only for invalid arguments (and ``IconectError/Code/shutdown`` once the client is shut down).
public struct BulkService: Sendable {
    let pipeline: RequestPipeline

    /// Applies `changes` to every record of `ids`.
    public func updateRecords(_ ids: [String], in projectId: String, changes: RecordChanges, options: BulkOptions = BulkOptions(),
                              progress: AsyncStream<BulkProgress>.Continuation? = nil) async throws -> BulkReport {
        let parameters = try JSONValue(encoding: changes).objectValue ?? [:]
        return try await perform(.update, ids, in: projectId, parameters: parameters, options: options, progress: progress)
    }

    /// Deletes every record of `ids`.
    public func deleteRecords(_ ids: [String], in projectId: String, options: BulkOptions = BulkOptions(),
                              progress: AsyncStream<BulkProgress>.Continuation? = nil) async throws -> BulkReport {
        try await perform(.delete, ids, in: projectId, parameters: nil, options: options, progress: progress)
    }

    /// Moves every record of `ids` into the folder `folderId`.
    public func moveRecords(_ ids: [String], in projectId: String, toFolder folderId: String, options: BulkOptions = BulkOptions(),
                            progress: AsyncStream<BulkProgress>.Continuation? = nil) async throws -> BulkReport {
        guard !folderId.isEmpty else { throw IconectError.invalidArgument("folderId", "must not be empty") }
        return try await perform(.move, ids, in: projectId, parameters: ["folderId": .string(folderId)], options: options,
                                 progress: progress)
    }

    /// Adds `tags` to every record of `ids`.
    public func tagRecords(_ ids: [String], in projectId: String, tags: [String], options: BulkOptions = BulkOptions(),
                           progress: AsyncStream<BulkProgress>.Continuation? = nil) async throws -> BulkReport {
        guard !tags.isEmpty else { throw IconectError.invalidArgument("tags", "must hold at least one tag") }
        return try await perform(.tag, ids, in: projectId, parameters: ["tags": .array(tags.map(JSONValue.string))], options: options,
                                 progress: progress)
    }

    /// Assigns every record of `ids` to the user `assignee`.
    public func assignRecords(_ ids: [String], in projectId: String, to assignee: String, options: BulkOptions = BulkOptions(),
                              progress: AsyncStream<BulkProgress>.Continuation? = nil) async throws -> BulkReport {
        guard !assignee.isEmpty else { throw IconectError.invalidArgument("assignedTo", "must not be empty") }
        return try await perform(.assign, ids, in: projectId, parameters: ["assignedTo": .string(assignee)], options: options,
                                 progress: progress)
    }

    /// Runs any bulk `action` with its `parameters` over `ids`.
    public func perform(_ action: BulkAction, _ ids: [String], in projectId: String, parameters: [String: JSONValue]?,
                        options: BulkOptions = BulkOptions(), progress: AsyncStream<BulkProgress>.Continuation? = nil)
        async throws -> BulkReport
    {
        let operation = Route.bulkUpdateRecords.operation
        do {
            try options.validate(operation: operation)
            guard !projectId.isEmpty else { throw IconectError.invalidArgument("projectId", "must not be empty", operation: operation) }
            if ids.contains(where: \.isEmpty) {
                throw IconectError.invalidArgument("recordIds", "must not contain an empty id", operation: operation)
            }
        } catch {
            progress?.finish()
            throw error
        }
        let engine = BulkEngine(records: RecordsResource(pipeline: pipeline), options: options, action: action, projectId: projectId,
                                parameters: parameters)
        do {
            return try await pipeline.gate.admit(operation: operation) { await engine.run(ids, progress: progress) }
        } catch {
            progress?.finish()
            throw error
        }
    }
}

extension IconectClient {
    /// Bulk and batch work: server-side bulk operations and client-side fan-out.
    public nonisolated var bulk: BulkService { BulkService(pipeline: pipeline) }
}
