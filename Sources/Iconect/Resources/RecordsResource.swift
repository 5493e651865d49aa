import Foundation
import HTTPTypes

/// Records: search, CRUD, relationships and server-side bulk operations: `client.records`.
///
/// ```swift
/// let page = try await client.records.search(RecordQuery(projectId: id).filter("docDate", .gte("2024-01-01")))
/// let operation = try await client.records.bulk(projectId: id, action: .tag, recordIds: page.data.map(\.id),
///                                               parameters: ["tags": ["hot"]])
/// ```
public struct RecordsResource: Sendable {
    /// The most record ids one bulk operation takes.
    public static let maxBulkRecords = 10_000

    let pipeline: RequestPipeline

    /// One page of matching records (`iconect_search_records`). Pass `cache: .useCache` to reuse an identical search made
    /// within the query freshness (1 minute by default); writes to the project's records drop it.
    public func search(_ query: RecordQuery, cache: CachePolicy? = nil) async throws -> Page<Record> {
        let route = Route.searchRecords
        var endpoint = Endpoint(route, query: try query.queryItems(operation: route.operation))
        endpoint.cachePolicy = cache
        return try await pipeline.send(endpoint)
    }

    /// Every matching record, page after page (`iconect_search_records`), 1,000 to a page unless the query says otherwise.
    ///
    /// ```swift
    /// for try await record in client.records.paginate(RecordQuery(projectId: id).fields(["title"])).items { ... }
    /// ```
    public func paginate(_ query: RecordQuery, prefetch: Int = 1) -> Paginator<Record> {
        Paginator(firstPage: query.page ?? 1, prefetch: prefetch) { number in
            try await self.search(query.page(number, size: query.pageSize ?? RecordQuery.maxPageSize))
        }
    }

    /// One record (`iconect_get_record`).
    public func get(id: String, includeFiles: Bool? = nil, includeRelationships: Bool? = nil, cache: CachePolicy? = nil)
        async throws -> Record
    {
        var query = QueryItems()
        query.add("includeFiles", includeFiles)
        query.add("includeRelationships", includeRelationships)
        return try await pipeline.get(.getRecord, id: id, query: query, cache: cache)
    }

    /// Creates a record (`iconect_create_record`).
    public func create(_ record: NewRecord) async throws -> Record {
        let operation = Route.createRecord.operation
        guard !record.documentId.isEmpty else { throw IconectError.invalidArgument("documentId", "must not be empty", operation: operation) }
        guard !record.projectId.isEmpty else { throw IconectError.invalidArgument("projectId", "must not be empty", operation: operation) }
        return try await pipeline.create(.createRecord, record)
    }

    /// Changes a record (`iconect_update_record`); `fields` are merged into the record's.
    public func update(id: String, _ changes: RecordChanges) async throws -> Record {
        try await pipeline.update(.updateRecord, id: id, changes)
    }

    /// Deletes a record (`iconect_delete_record`): marks it deleted, or removes it for good with `permanent`.
    public func delete(id: String, permanent: Bool? = nil) async throws {
        var query = QueryItems()
        query.add("permanent", permanent)
        try await pipeline.delete(.deleteRecord, id: id, query: query)
    }

    // MARK: - Relationships

    /// Links two records (`iconect_create_record_relationship`).
    public func createRelationship(_ relationship: NewRecordRelationship) async throws -> RecordRelationship {
        try await pipeline.create(.createRecordRelationship, relationship)
    }

    /// The relationships of a record, optionally of one type (`iconect_get_record_relationships`).
    public func relationships(of recordId: String, type: RelationshipType? = nil) async throws -> [RecordRelationship] {
        var query = QueryItems()
        query.add("type", type)
        let list: FlexibleList<RecordRelationship> = try await pipeline.get(
            .getRecordRelationships, id: recordId, name: "recordId", query: query)
        return list.items
    }

    /// Removes a relationship (`iconect_delete_record_relationship`).
    public func deleteRelationship(id: String) async throws {
        try await pipeline.delete(.deleteRecordRelationship, id: id)
    }

    // MARK: - Server-side bulk operations

    /// Starts a bulk operation (`iconect_bulk_update_records`) and returns at once; see ``waitForBulkOperation(id:pollInterval:maxPollInterval:)``.
    /// - Parameters:
    ///   - projectId: The project the records belong to.
    ///   - action: What to do to every record.
    ///   - recordIds: 1 to 10,000 ids.
    ///   - parameters: what the action needs: `["fields": [...]]` for update, `["folderId": ...]` for move,
    ///     `["tags": [...]]` for tag, `["assignedTo": ...]` for assign.
    public func submitBulk(projectId: String, action: BulkAction, recordIds: [String], parameters: [String: JSONValue]? = nil)
        async throws -> BulkOperation
    {
        try await submitBulk(projectId: projectId, action: action, recordIds: recordIds, parameters: parameters, idempotencyKey: nil)
    }

    /// Starts a bulk operation under `idempotencyKey` (a fresh one when nil): sent again with the same key, the server answers
    /// with the operation it already started.
    func submitBulk(projectId: String, action: BulkAction, recordIds: [String], parameters: [String: JSONValue]?,
                    idempotencyKey: String?) async throws -> BulkOperation
    {
        let operation = Route.bulkUpdateRecords.operation
        guard !projectId.isEmpty else { throw IconectError.invalidArgument("projectId", "must not be empty", operation: operation) }
        guard (1...Self.maxBulkRecords).contains(recordIds.count) else {
            throw IconectError.invalidArgument("recordIds", "must hold 1 to \(Self.maxBulkRecords) ids, got \(recordIds.count)",
                                               operation: operation)
        }
        guard !recordIds.contains(where: \.isEmpty) else {
            throw IconectError.invalidArgument("recordIds", "must not contain an empty id", operation: operation)
        }
        let body = BulkRequest(projectId: projectId, action: action, recordIds: recordIds, parameters: parameters)
        var endpoint = try Endpoint(.bulkUpdateRecords, json: body)
        if let idempotencyKey { endpoint.headers[.idempotencyKey] = idempotencyKey }
        return try await pipeline.send(endpoint)
    }

    /// A bulk operation's progress (`iconect_get_bulk_operation_status`).
    public func bulkOperation(id: String) async throws -> BulkOperation {
        try await pipeline.get(.getBulkOperationStatus, id: id, name: "operationId")
    }

    /// Polls a bulk operation until it completes or fails, backing off from `pollInterval` to `maxPollInterval`.
    /// Cancelling the calling task stops the polling (not the operation, which runs on the server).
    public func waitForBulkOperation(id: String, pollInterval: Duration = .milliseconds(20),
                                     maxPollInterval: Duration = .seconds(2)) async throws -> BulkOperation {
        var interval = pollInterval
        while true {
            let operation = try await bulkOperation(id: id)
            if operation.status.isFinal { return operation }
            do {
                try await Task.sleep(for: interval)
            } catch {
                throw IconectError(.cancelled, "stopped waiting for bulk operation \(id)",
                                   operation: Route.getBulkOperationStatus.operation)
            }
            interval = min(interval * 2, maxPollInterval)
        }
    }

    /// Starts a bulk operation and waits for it to end.
    public func bulk(projectId: String, action: BulkAction, recordIds: [String], parameters: [String: JSONValue]? = nil)
        async throws -> BulkOperation
    {
        let started = try await submitBulk(projectId: projectId, action: action, recordIds: recordIds, parameters: parameters)
        if started.status.isFinal { return started }
        return try await waitForBulkOperation(id: started.operationId)
    }
}

extension IconectClient {
    /// Records.
    public nonisolated var records: RecordsResource { RecordsResource(pipeline: pipeline) }
}
