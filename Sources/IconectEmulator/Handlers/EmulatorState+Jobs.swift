import HTTPTypes

/// Jobs: creation by kind, reads with progress, results and logs, and the control actions of the
/// `pending → queued → running → completed|failed|cancelled` (and `paused`) life cycle. The clock is in `+JobClock`.
extension EmulatorState {
    static let jobTypes = ["import", "export", "delete", "move", "transform", "backup", "sync", "custom"]
    static let customJobTypes = ["export", "move", "transform", "backup", "sync", "custom"]
    static let finalJobStates: Set<String> = ["completed", "failed", "cancelled"]

    static var jobRoutes: [Route] {
        [
            Route("GET", "/v1/jobs") { state, request in try state.listJobs(request) },
            Route("GET", "/v1/jobs/{id}") { state, request in try state.getJob(request) },
            Route("DELETE", "/v1/jobs/{id}") { state, request in try state.deleteJob(request) },
            Route("POST", "/v1/jobs/import") { state, request in try state.createJob(type: "import", request) },
            Route("POST", "/v1/jobs/delete") { state, request in try state.createJob(type: "delete", request) },
            Route("POST", "/v1/jobs/custom") { state, request in try state.createJob(type: nil, request) },
            Route("POST", "/v1/jobs/from-template") { state, request in try state.createJobFromTemplate(request) },
            Route("POST", "/v1/jobs/{id}/control") { state, request in try state.controlJob(request) },
            Route("GET", "/v1/jobs/{id}/logs") { state, request in try state.jobLogs(request) },
            Route("POST", "/v1/jobs/schedules") { state, request in try state.createJobSchedule(request) },
            Route("PUT", "/v1/jobs/schedules/{id}") { state, request in try state.updateJobSchedule(request) },
        ]
    }

    func createJob(type fixedType: String?, _ request: APIRequest) throws(APIError) -> Reply {
        var body = try request.jsonObject()
        for key in CollectionSpec.serverKeys { body[key] = nil }
        let type = fixedType ?? body["type"]?.stringValue ?? ""
        if fixedType == nil, !Self.customJobTypes.contains(type) {
            throw APIError.validation("type", "type must be one of: \(Self.customJobTypes.joined(separator: ", "))")
        }
        return try insertJob(type: type, body: body, actor: request.actor)
    }

    /// Validates a job body of `type` and stores the new `pending` job.
    func insertJob(type: String, body: [String: JSON], actor: String) throws(APIError) -> Reply {
        if let start = body["scheduledStart"]?.stringValue, ISODate.parse(start) == nil {
            throw APIError.validation("scheduledStart", "scheduledStart must be an ISO-8601 date")
        }
        let spec = try requireStore("jobs").spec
        try spec.validate(body, creating: true)
        try checkReferences(spec, body)
        try validateJobConfiguration(type: type, body["configuration"]?.objectValue ?? [:])
        var fields = body
        fields["type"] = .string(type)
        fields["status"] = "pending"
        fields["progress"] = Self.progress(total: 0, processed: 0, successful: 0, failed: 0, skipped: 0)
        fields["createdBy"] = .string(actor)
        let object = newObject(spec, body: fields, actor: actor)
        guard let id = object["id"]?.stringValue else { throw APIError.badRequest("The job has no id") }
        jobRuns.add(id, message: "Job created (\(type))")
        store("jobs")?.put(object)
        ensureJobDriver()
        return .json(.object(object), status: .created)
    }

    /// What each kind of job needs in its `configuration`, each failure naming `configuration.<key>`.
    private func validateJobConfiguration(type: String, _ configuration: [String: JSON]) throws(APIError) {
        var errors = ValidationErrors()
        if let maxErrors = configuration["maxErrors"], (maxErrors.intValue ?? -1) < 0 {
            errors.add("configuration.maxErrors", "configuration.maxErrors must be an integer of at least 0")
        }
        if let queueId = configuration["queueId"], !(queueId.stringValue.map { store("jobqueues")?.contains($0) ?? false } ?? false) {
            errors.add("configuration.queueId", "JobQueue '\(queueId.stringValue ?? queueId.compactText)' does not exist")
        }
        switch type {
        case "import":
            if let fileId = configuration["fileId"]?.stringValue, !fileId.isEmpty {
                if let file = store("files")?.get(fileId) {
                    do throws(JobFailure) {
                        _ = try Self.importFormat(configuration, file: file)
                    } catch {
                        errors.add("configuration.format", error.message)
                    }
                } else {
                    errors.add("configuration.fileId", "File '\(fileId)' does not exist")
                }
            } else {
                errors.add("configuration.fileId", "configuration.fileId (an uploaded NDJSON or CSV file) is required")
            }
        case "delete":
            if configuration["filter"]?.objectValue == nil, configuration["recordIds"]?.arrayValue == nil {
                errors.add("configuration.filter", "configuration.filter (an object) or configuration.recordIds (an array) is required")
            }
            do throws(APIError) {
                _ = try ViewQuerySpec.conditions(filters: configuration["filter"], argument: "configuration.filter")
            } catch {
                errors.add("configuration.filter", error.message)
            }
        default:
            if let total = configuration["totalItems"], (total.intValue ?? -1) < 0 {
                errors.add("configuration.totalItems", "configuration.totalItems must be an integer of at least 0")
            }
        }
        try errors.throwIfAny()
    }

    /// The format of an import: `configuration.format`, else the file's extension or media type.
    static func importFormat(_ configuration: [String: JSON], file: [String: JSON]) throws(JobFailure) -> ImportFile.Format {
        let formats = ImportFile.Format.allCases.map(\.rawValue).joined(separator: ", ")
        if let named = configuration["format"] {
            guard let format = named.stringValue.flatMap(ImportFile.Format.init) else {
                throw JobFailure(code: "INVALID_FORMAT", message: "configuration.format must be one of: \(formats)")
            }
            return format
        }
        let name = (file["name"]?.stringValue ?? "").lowercased()
        let mimeType = (file["mimeType"]?.stringValue ?? "").lowercased()
        if name.hasSuffix(".csv") || mimeType == "text/csv" { return .csv }
        if name.hasSuffix(".ndjson") || name.hasSuffix(".jsonl") || mimeType.contains("ndjson") { return .ndjson }
        throw JobFailure(code: "INVALID_FORMAT", message: "configuration.format (\(formats)) is required: the file's name does not tell")
    }

    static func progress(total: Int, processed: Int, successful: Int, failed: Int, skipped: Int) -> JSON {
        let percentage = total == 0 ? 0 : Double(processed * 100 / total)
        return [
            "totalItems": .number(Double(total)), "processedItems": .number(Double(processed)),
            "successfulItems": .number(Double(successful)), "failedItems": .number(Double(failed)),
            "skippedItems": .number(Double(skipped)), "percentage": .number(percentage),
        ]
    }

    /// `GET /jobs`: the generic list plus `dateRange.field/from/to`.
    func listJobs(_ request: APIRequest) throws(APIError) -> Reply {
        let from = request.query["dateRange.from"].flatMap { $0.isEmpty ? nil : $0 }
        let to = request.query["dateRange.to"].flatMap { $0.isEmpty ? nil : $0 }
        let lower = from.flatMap(ISODate.parse)
        let upper = to.flatMap(ISODate.parse)
        if from != nil, lower == nil { throw APIError.validation("dateRange.from", "dateRange.from must be an ISO-8601 date") }
        if to != nil, upper == nil { throw APIError.validation("dateRange.to", "dateRange.to must be an ISO-8601 date") }
        let field = request.query["dateRange.field"].flatMap { $0.isEmpty ? nil : $0 } ?? "createdDate"
        return try listObjects("jobs", request) { job in
            guard lower != nil || upper != nil else { return true }
            guard let instant = job[field]?.stringValue.flatMap(ISODate.parse) else { return false }
            return instant >= (lower ?? -.infinity) && instant <= (upper.map { to?.count == 10 ? $0 + 86_399.999 : $0 } ?? .infinity)
        }
    }

    /// `GET /jobs/{id}?includeProgress=&includeResults=&includeLogs=`: results and the latest 100 log lines on request.
    func getJob(_ request: APIRequest) throws(APIError) -> Reply {
        var job = try requireObject("jobs", request.param("id"))
        if request.query.bool("includeProgress") == false { job["progress"] = nil }
        let run = jobRuns.run(request.param("id"))
        if request.query.bool("includeResults") == true, let run, Self.finalJobStates.contains(job["status"]?.stringValue ?? "") {
            job["results"] = Self.results(of: run, type: job["type"]?.stringValue ?? "")
        }
        if request.query.bool("includeLogs") == true {
            job["logs"] = .array((run?.logs.suffix(100) ?? []).map(\.json))
        }
        return .json(.object(job))
    }

    static func results(of run: JobRuntimeStore.Run, type: String) -> JSON {
        switch type {
        case "import":
            return ["recordsCreated": .number(Double(run.successful)), "linesFailed": .number(Double(run.failed)),
                    "linesSkipped": .number(Double(run.skipped))]
        case "delete":
            return ["recordsDeleted": .number(Double(run.successful)), "recordsFailed": .number(Double(run.failed))]
        default:
            return ["itemsProcessed": .number(Double(run.successful))]
        }
    }

    /// `DELETE /jobs/{id}`: a running job must be cancelled or paused first.
    func deleteJob(_ request: APIRequest) throws(APIError) -> Reply {
        let id = request.param("id")
        let jobs = try requireStore("jobs")
        let status = try requireObject("jobs", id)["status"]?.stringValue ?? ""
        guard status != "running" else {
            throw APIError(status: .conflict, code: "INVALID_JOB_STATE", message: "A running job cannot be deleted; pause or cancel it first",
                           details: ["status": .string(status)])
        }
        guard jobs.remove(id) != nil else { throw APIError.notFound("Job", id) }
        jobRuns.remove(id)
        return .noContent
    }

    /// The states each control action applies to, and the state it leads to.
    static let jobTransitions: [String: (from: [String], to: String)] = [
        "start": (["pending"], "queued"),
        "pause": (["queued", "running"], "paused"),
        "resume": (["paused"], "queued"),
        "cancel": (["pending", "queued", "running", "paused"], "cancelled"),
        "restart": (["completed", "failed", "cancelled"], "queued"),
    ]

    /// `POST /jobs/{id}/control {action, reason?}`; an action the job's state does not allow is a 409 that changes nothing.
    func controlJob(_ request: APIRequest) throws(APIError) -> Reply {
        let id = request.param("id")
        let body = try request.jsonObject()
        let action = body["action"]?.stringValue ?? ""
        guard let transition = Self.jobTransitions[action] else {
            throw APIError.validation("action", "action must be one of: start, pause, resume, cancel, restart")
        }
        let reason = body["reason"]?.stringValue.map { ": \($0)" } ?? ""
        let updated = try requireStore("jobs").update(id) { (job: inout [String: JSON]) throws(APIError) in
            let current = job["status"]?.stringValue ?? "pending"
            guard transition.from.contains(current) else {
                throw APIError(status: .conflict, code: "INVALID_JOB_STATE",
                               message: "A \(current) job cannot \(action); \(action) applies to \(transition.from.joined(separator: ", ")) jobs",
                               details: ["status": .string(current), "action": .string(action),
                                         "allowedFrom": .array(transition.from.map(JSON.string))])
            }
            if action == "restart" {
                let sequence = jobRuns.nextSequence()
                jobRuns.update(id) { $0.rewind(sequence: sequence) }
                for key in ["error", "startedDate", "completedDate"] { job[key] = nil }
                job["progress"] = Self.progress(total: 0, processed: 0, successful: 0, failed: 0, skipped: 0)
            } else if action == "resume" {
                let sequence = jobRuns.nextSequence()
                jobRuns.update(id) { $0.sequence = sequence }
            }
            Self.setStatus(&job, transition.to)
            if transition.to == "cancelled" { job["completedDate"] = job["modifiedDate"] }
            jobRuns.update(id) { $0.log(action == "cancel" ? "warn" : "info", "Job \(action)\(reason) → \(transition.to)") }
        }
        guard let updated else { throw APIError.notFound("Job", id) }
        ensureJobDriver()
        return .json(.object(updated))
    }

    static func setStatus(_ job: inout [String: JSON], _ status: String) {
        job["status"] = .string(status)
        job["modifiedDate"] = .string(ISODate.string(ISODate.nowSeconds))
    }

    /// `GET /jobs/{id}/logs?level=&startTime=&endTime=&page=&pageSize=`: `level` is the lowest severity shown
    /// (`warn` shows warnings and errors); the times bound the entries' timestamps, inclusive.
    func jobLogs(_ request: APIRequest) throws(APIError) -> Reply {
        let id = request.param("id")
        _ = try requireObject("jobs", id)
        let paging = try Paging(request.query, maxPageSize: 1000)
        var errors = ValidationErrors()
        var minimum = 0
        if let level = request.query["level"], !level.isEmpty {
            if let index = JobRuntimeStore.LogEntry.levels.firstIndex(of: level) {
                minimum = index
            } else {
                errors.add("level", "level must be one of: \(JobRuntimeStore.LogEntry.levels.joined(separator: ", "))")
            }
        }
        var bounds: [Double] = [-.infinity, .infinity]
        for (index, name) in ["startTime", "endTime"].enumerated() {
            guard let text = request.query[name], !text.isEmpty else { continue }
            if let instant = ISODate.parse(text) { bounds[index] = instant } else { errors.add(name, "\(name) must be an ISO-8601 date") }
        }
        try errors.throwIfAny()
        let logs = (jobRuns.run(id)?.logs ?? []).filter {
            $0.severity >= minimum && $0.timestamp >= bounds[0] && $0.timestamp <= bounds[1]
        }
        let window = paging.range(total: logs.count)
        return .json(paging.envelope(total: logs.count, capacity: 256 + window.count * 120) { writer in
            for entry in logs[window] { writer.value(entry.json) }
        })
    }
}
