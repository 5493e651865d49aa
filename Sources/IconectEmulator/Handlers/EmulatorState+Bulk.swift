import HTTPTypes
/// `POST /records/bulk` and its asynchronous processing.
extension EmulatorState {
    static let bulkActions = ["update", "delete", "move", "tag", "assign"]
    static let bulkBatchSize = 2_000

    func startBulkOperation(_ request: APIRequest) throws(APIError) -> Reply {
        let body = try request.jsonObject()
        var errors = ValidationErrors()
        let projectId = body["projectId"]?.stringValue ?? ""
        if projectId.isEmpty { errors.add("projectId", "projectId is required") }
        let action = body["action"]?.stringValue ?? ""
        if action.isEmpty {
            errors.add("action", "action is required")
        } else if !Self.bulkActions.contains(action) {
            errors.add("action", "action must be one of: \(Self.bulkActions.joined(separator: ", "))")
        }
        var recordIds: [String] = []
        if let values = body["recordIds"]?.arrayValue {
            recordIds = values.compactMap(\.stringValue)
            if recordIds.count != values.count { errors.add("recordIds", "recordIds must be strings") }
            if values.isEmpty || values.count > 10_000 { errors.add("recordIds", "recordIds must hold 1 to 10000 ids") }
        } else {
            errors.add("recordIds", "recordIds is required")
        }
        let parameters = body["parameters"]?.objectValue ?? [:]
        if let raw = body["parameters"], !raw.isNull, raw.objectValue == nil { errors.add("parameters", "parameters must be an object") }
        let change = bulkChange(action: action, parameters: parameters, actor: request.actor, errors: &errors)
        try errors.throwIfAny()
        guard store("projects")?.contains(projectId) ?? false else {
            throw APIError.validation("projectId", "Project '\(projectId)' does not exist")
        }
        let operation = BulkOperation(operationId: ids.next("bulk"), projectId: projectId, action: action,
                                      totalRecords: recordIds.count, createdDate: ISODate.nowSeconds)
        bulk.put(operation)
        if let change {
            Task { await self.runBulk(operation.operationId, projectId: projectId, ids: recordIds, change: change) }
        }
        return .json(operation.encoded(), status: .accepted)
    }

    func getBulkOperation(_ request: APIRequest) throws(APIError) -> Reply {
        let id = request.param("operationId")
        guard let operation = bulk.get(id) else { throw APIError.notFound("Bulk operation", id) }
        return .json(operation.encoded())
    }

    private func runBulk(_ operationId: String, projectId: String, ids: [String], change: @escaping @Sendable (inout RecordRow) -> Void) async {
        bulk.update(operationId) { $0.status = .in_progress }
        let lockRate = configuration.bulkLockRate
        let operationHash = operationId.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        var random = SeededRandom(seed: configuration.randomSeed ^ operationHash)
        var start = 0
        while start < ids.count {
            let end = min(ids.count, start + Self.bulkBatchSize)
            let failures = records.mutate(ids[start..<end], projectId: projectId,
                                          isLocked: { _ in lockRate > 0 && random.unit() < lockRate }, change)
            let processed = end - start
            bulk.update(operationId) { operation in
                operation.processedRecords += processed
                operation.failedRecords += failures.count
                operation.successfulRecords += processed - failures.count
                operation.errors.append(contentsOf: failures)
            }
            start = end
            await Task.yield()
        }
        bulk.update(operationId) { operation in
            operation.status = .completed
            operation.completedDate = ISODate.nowSeconds
        }
    }

    /// The per-record change of an action, validating its parameters.
    private func bulkChange(action: String, parameters: [String: JSON], actor: String, errors: inout ValidationErrors)
        -> (@Sendable (inout RecordRow) -> Void)? {
        let now = ISODate.nowSeconds
        @Sendable func touch(_ row: inout RecordRow) {
            row.modifiedDate = max(now, row.modifiedDate)
            row.modifiedBy = actor
        }
        switch action {
        case "update":
            var changes: [String: JSON] = [:]
            if let fields = parameters["fields"] {
                if fields.objectValue == nil { errors.add("parameters.fields", "parameters.fields must be an object") }
                changes["fields"] = fields
            }
            for key in ["status", "priority", "reviewStatus", "assignedTo", "folderId", "tags", "metadata"] {
                if let value = parameters[key] { changes[key] = value }
            }
            if changes.isEmpty { errors.add("parameters", "update needs parameters.fields or a property to set") }
            do {
                try RecordRow.spec.validate(changes, creating: false)
            } catch {
                for (name, messages) in (error.details?["fields"]?.objectValue ?? [:]) {
                    for message in messages.arrayValue ?? [] { errors.add("parameters." + name, message.stringValue ?? "") }
                }
            }
            let frozen = changes
            return { row in
                row.apply(frozen, replaceFields: false)
                touch(&row)
            }
        case "delete":
            return { row in
                row.status = .deleted
                touch(&row)
            }
        case "move":
            guard let folderId = parameters["folderId"]?.stringValue else {
                errors.add("parameters.folderId", "move needs parameters.folderId")
                return nil
            }
            return { row in
                row.folderId = folderId
                touch(&row)
            }
        case "tag":
            guard let values = parameters["tags"]?.arrayValue, !values.isEmpty else {
                errors.add("parameters.tags", "tag needs parameters.tags")
                return nil
            }
            let tags = values.compactMap(\.stringValue)
            let remove = parameters["mode"]?.stringValue == "remove"
            return { row in
                var current = row.tags ?? []
                if remove {
                    current.removeAll { tags.contains($0) }
                } else {
                    for tag in tags where !current.contains(tag) { current.append(tag) }
                }
                row.tags = current
                touch(&row)
            }
        case "assign":
            guard let assignee = parameters["assignedTo"], assignee.stringValue != nil || assignee.isNull else {
                errors.add("parameters.assignedTo", "assign needs parameters.assignedTo")
                return nil
            }
            let value = assignee.stringValue
            return { row in
                row.assignedTo = value
                touch(&row)
            }
        default:
            return nil
        }
    }
}
