import HTTPTypes

/// Jobs: creation by kind and the `pending → queued → running → completed|failed|cancelled` (and `paused`) life cycle.
extension EmulatorState {
    static let jobTypes = ["import", "export", "delete", "move", "transform", "backup", "sync", "custom"]

    func createJob(type fixedType: String?, _ request: APIRequest) throws(APIError) -> Reply {
        let body = try request.jsonObject()
        var errors = ValidationErrors()
        for key in ["name", "projectId", "configuration"] where body[key] == nil {
            errors.add(key, "\(key) is required")
        }
        let type = fixedType ?? body["type"]?.stringValue ?? ""
        if fixedType == nil, !["export", "move", "transform", "backup", "sync", "custom"].contains(type) {
            errors.add("type", "type must be one of: export, move, transform, backup, sync, custom")
        }
        try errors.throwIfAny()
        let spec = CollectionSpec.jobs
        try spec.validate(body, creating: false)
        try checkReferences(CollectionSpec.views, ["projectId": body["projectId"] ?? .null])
        var fields = body
        fields["type"] = .string(type)
        fields["status"] = "pending"
        fields["priority"] = body["priority"] ?? "normal"
        fields["progress"] = Self.progress(total: 0, processed: 0)
        fields["createdBy"] = .string(request.actor)
        fields["logs"] = .array([Self.logEntry("info", "Job created")])
        let object = newObject(spec, body: fields, actor: request.actor)
        store("jobs")?.put(object)
        return .json(.object(object), status: .created)
    }

    static func progress(total: Int, processed: Int) -> JSON {
        [
            "totalItems": .number(Double(total)), "processedItems": .number(Double(processed)),
            "successfulItems": .number(Double(processed)), "failedItems": 0, "skippedItems": 0,
            "percentage": .number(total == 0 ? (processed == 0 ? 0 : 100) : Double(processed * 100 / total)),
        ]
    }

    static func logEntry(_ level: String, _ message: String) -> JSON {
        ["timestamp": .string(ISODate.string(ISODate.nowSeconds)), "level": .string(level), "message": .string(message)]
    }

    /// `POST /jobs/{id}/control {action: start|pause|resume|cancel|restart}`; a started job completes shortly after.
    func controlJob(_ request: APIRequest) throws(APIError) -> Reply {
        let id = request.param("id")
        let body = try request.jsonObject()
        let action = body["action"]?.stringValue ?? ""
        let transitions: [String: (from: Set<String>, to: String)] = [
            "start": (["pending", "queued"], "running"),
            "pause": (["running", "queued"], "paused"),
            "resume": (["paused"], "running"),
            "cancel": (["pending", "queued", "running", "paused"], "cancelled"),
            "restart": (["completed", "failed", "cancelled"], "running"),
        ]
        guard let transition = transitions[action] else {
            throw APIError.validation("action", "action must be one of: start, pause, resume, cancel, restart")
        }
        let store = try requireStore("jobs")
        let updated = try store.update(id) { (job: inout [String: JSON]) throws(APIError) in
            let current = job["status"]?.stringValue ?? "pending"
            guard transition.from.contains(current) else {
                throw APIError.conflict("A \(current) job cannot \(action)")
            }
            job["status"] = .string(transition.to)
            job["modifiedDate"] = .string(ISODate.string(ISODate.nowSeconds))
            var logs = job["logs"]?.arrayValue ?? []
            logs.append(Self.logEntry("info", "Job \(action)" + (body["reason"]?.stringValue.map { ": \($0)" } ?? "")))
            job["logs"] = .array(logs)
        }
        guard let updated else { throw APIError.notFound("Job", id) }
        if transition.to == "running" {
            Task {
                try? await Task.sleep(for: .milliseconds(100))
                _ = store.update(id) { job in
                    guard job["status"] == "running" else { return }
                    job["status"] = "completed"
                    job["progress"] = Self.progress(total: 1, processed: 1)
                    job["modifiedDate"] = .string(ISODate.string(ISODate.nowSeconds))
                    job["logs"] = .array((job["logs"]?.arrayValue ?? []) + [Self.logEntry("info", "Job completed")])
                }
            }
        }
        return .json(.object(updated))
    }

    /// `GET /jobs/{id}/logs?level=&page=&pageSize=` (page size up to 1000).
    func jobLogs(_ request: APIRequest) throws(APIError) -> Reply {
        let job = try requireObject("jobs", request.param("id"))
        let paging = try Paging(request.query, maxPageSize: 1000)
        let level = request.query["level"]
        let logs = (job["logs"]?.arrayValue ?? []).filter { level == nil || $0["level"]?.stringValue == level }
        let window = paging.range(total: logs.count)
        return .json(paging.envelope(total: logs.count) { writer in
            for entry in logs[window] { writer.value(entry) }
        })
    }
}
