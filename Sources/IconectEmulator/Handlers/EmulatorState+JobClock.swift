import Foundation

/// The job clock: each step queues the due `pending` jobs, starts `queued` jobs as their queues allow
/// (`maxConcurrentJobs`, `processingOrder`, `isActive`), and advances every `running` job by one batch of
/// ``EmulatorConfiguration/jobBatchSize`` items of real work on the emulator's data.
extension EmulatorState {
    /// Starts the driver when the configuration gives the clock an interval (else steps come from `advanceJobs`).
    func ensureJobDriver() {
        guard let interval = configuration.jobStepInterval else { return }
        jobClock.ensureDriver(interval: interval, tick: { [self] in tickJobs() }, isIdle: { [self] in !hasActiveJobs })
    }

    /// Whether a job still has steps to take (`pending`, `queued` or `running`).
    var hasActiveJobs: Bool {
        !(store("jobs")?.filter { ["pending", "queued", "running"].contains($0["status"]?.stringValue ?? "") }.isEmpty ?? true)
    }

    /// One step of the clock; answers whether any job is still active.
    @discardableResult
    func tickJobs() -> Bool {
        jobClock.step {
            guard let jobs = store("jobs") else { return false }
            let now = ISODate.now
            for job in jobs.filter({ $0["status"] == "pending" }) {
                if let start = job["scheduledStart"]?.stringValue.flatMap(ISODate.parse), start > now { continue }
                move(job, from: "pending", to: "queued", log: "Job queued")
            }
            startQueuedJobs(jobs.all())
            for job in jobs.filter({ $0["status"] == "running" }) {
                if let id = job["id"]?.stringValue { advance(id) }
            }
            return hasActiveJobs
        }
    }

    private func move(_ job: [String: JSON], from: String, to: String, log message: String) {
        guard let id = job["id"]?.stringValue else { return }
        _ = store("jobs")?.update(id) { job in
            guard job["status"]?.stringValue == from else { return }
            Self.setStatus(&job, to)
            if to == "running", job["startedDate"] == nil { job["startedDate"] = job["modifiedDate"] }
            jobRuns.update(id) { $0.log("info", message) }
        }
    }

    /// Starts queued jobs, per queue, up to its free slots and in its processing order; jobs outside any queue start at once.
    private func startQueuedJobs(_ all: [[String: JSON]]) {
        func queueId(_ job: [String: JSON]) -> String { job["configuration"]?["queueId"]?.stringValue ?? "" }
        var running: [String: Int] = [:]
        for job in all where job["status"] == "running" { running[queueId(job), default: 0] += 1 }
        let waiting = Dictionary(grouping: all.filter { $0["status"] == "queued" }, by: queueId)
        for (queue, jobs) in waiting.sorted(by: { $0.key < $1.key }) {
            var capacity = jobs.count
            var order = "fifo"
            if !queue.isEmpty, let definition = store("jobqueues")?.get(queue) {
                guard definition["isActive"] != .bool(false) else { continue }
                capacity = max(0, (definition["maxConcurrentJobs"]?.intValue ?? 1) - running[queue, default: 0])
                order = definition["processingOrder"]?.stringValue ?? "fifo"
            }
            for job in ordered(jobs, by: order).prefix(capacity) {
                move(job, from: "queued", to: "running", log: "Job started")
            }
        }
    }

    private func ordered(_ jobs: [[String: JSON]], by order: String) -> [[String: JSON]] {
        let ranks = ["low": 0, "normal": 1, "high": 2, "critical": 3]
        let keyed = jobs.map { job in
            (job: job, sequence: job["id"]?.stringValue.flatMap { jobRuns.run($0)?.sequence } ?? 0,
             rank: ranks[job["priority"]?.stringValue ?? "normal"] ?? 1,
             start: job["scheduledStart"]?.stringValue.flatMap(ISODate.parse) ?? .infinity)
        }
        return keyed.sorted { lhs, rhs in
            switch order {
            case "lifo": return lhs.sequence > rhs.sequence
            case "priority": return lhs.rank != rhs.rank ? lhs.rank > rhs.rank : lhs.sequence < rhs.sequence
            case "scheduled": return lhs.start != rhs.start ? lhs.start < rhs.start : lhs.sequence < rhs.sequence
            default: return lhs.sequence < rhs.sequence
            }
        }.map(\.job)
    }

    /// Advances a running job by one batch, under the job's lock, so a control action sees it before or after a batch.
    private func advance(_ id: String) {
        let batch = max(1, configuration.jobBatchSize)
        _ = store("jobs")?.update(id) { job in
            guard job["status"] == "running" else { return }
            jobRuns.update(id) { run in
                do throws(JobFailure) {
                    if run.work == nil {
                        let work = try loadWork(job)
                        run.work = work
                        run.log("info", "Processing \(work.total) items")
                    }
                    guard let work = run.work else { return }
                    let end = min(work.total, run.cursor + batch)
                    process(work, run.cursor..<end, job: job, run: &run)
                    run.cursor = end
                    if let maxErrors = job["configuration"]?["maxErrors"]?.intValue, run.failed > maxErrors {
                        throw JobFailure(code: "TOO_MANY_ERRORS", message: "\(run.failed) items failed, more than maxErrors (\(maxErrors))")
                    }
                    job["progress"] = Self.progress(total: work.total, processed: run.cursor, successful: run.successful,
                                                    failed: run.failed, skipped: run.skipped)
                    run.log("debug", "Processed \(run.cursor) of \(work.total) items")
                    if run.cursor == work.total {
                        Self.setStatus(&job, "completed")
                        job["completedDate"] = job["modifiedDate"]
                        run.log("info", "Job completed: \(run.successful) succeeded, \(run.failed) failed, \(run.skipped) skipped")
                    }
                } catch {
                    job["progress"] = Self.progress(total: run.work?.total ?? 0, processed: run.cursor, successful: run.successful,
                                                    failed: run.failed, skipped: run.skipped)
                    Self.setStatus(&job, "failed")
                    job["completedDate"] = job["modifiedDate"]
                    job["error"] = error.json
                    run.log("error", "Job failed: \(error.message)")
                }
            }
        }
    }

    /// The work of a job, read when it first runs: the import file's lines, the records a delete matches.
    private func loadWork(_ job: [String: JSON]) throws(JobFailure) -> JobWork {
        let configuration = job["configuration"]?.objectValue ?? [:]
        let projectId = job["projectId"]?.stringValue ?? ""
        switch job["type"]?.stringValue {
        case "import":
            let fileId = configuration["fileId"]?.stringValue ?? ""
            guard let file = store("files")?.get(fileId) else {
                throw JobFailure(code: "FILE_NOT_FOUND", message: "File '\(fileId)' no longer exists")
            }
            let format = try Self.importFormat(configuration, file: file)
            var bytes: [UInt8]
            do {
                bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: storage.filePath(fileId))))
                if file["metadata"]?["compressed"] == .bool(true) {
                    bytes = try GzipInflater.inflateAll(bytes, gzip: true, limit: 1 << 31)
                }
            } catch {
                throw JobFailure(code: "FILE_UNREADABLE", message: "File '\(fileId)' could not be read: \(error)")
            }
            let documentIdField = configuration["documentIdField"]?.stringValue ?? "documentId"
            return .importRecords(try ImportFile(text: String(decoding: bytes, as: UTF8.self), format: format,
                                                 documentIdField: documentIdField))
        case "delete":
            let permanent = configuration["permanent"] == .bool(true)
            if let ids = configuration["recordIds"]?.arrayValue {
                return .deleteRecords(ids: ids.compactMap(\.stringValue), permanent: permanent)
            }
            let conditions: [FilterCondition]
            do throws(APIError) {
                conditions = try ViewQuerySpec.conditions(filters: configuration["filter"], argument: "configuration.filter")
            } catch {
                throw JobFailure(code: "INVALID_FILTER", message: error.message)
            }
            let ids = records.rows(inProject: projectId).filter { row in
                (permanent || row.status != .deleted) && conditions.allSatisfy { $0.matches(row.probe($0.key)) }
            }.map(\.id)
            return .deleteRecords(ids: ids, permanent: permanent)
        default:
            return .simulated(total: configuration["totalItems"]?.intValue ?? 100)
        }
    }

    private func process(_ work: JobWork, _ range: Range<Int>, job: [String: JSON], run: inout JobRuntimeStore.Run) {
        let now = ISODate.nowSeconds
        let actor = job["createdBy"]?.stringValue ?? "system"
        switch work {
        case .importRecords(let file):
            let projectId = job["projectId"] ?? .null
            let folderId = job["configuration"]?["folderId"]
            for index in range {
                let lineNumber = file.firstLineNumber + index
                switch file.read(index) {
                case .blank:
                    run.skipped += 1
                case .invalid(let reason):
                    run.failed += 1
                    run.log("error", "Line \(lineNumber): \(reason)", line: lineNumber)
                case .record(var body):
                    body["projectId"] = projectId
                    if body["folderId"] == nil, let folderId { body["folderId"] = folderId }
                    for key in CollectionSpec.serverKeys { body[key] = nil }
                    do throws(APIError) {
                        try RecordRow.spec.validate(body, creating: true)
                    } catch {
                        run.failed += 1
                        run.log("error", "Line \(lineNumber): \(error.message)", line: lineNumber)
                        continue
                    }
                    records.put(RecordRow(id: ids.next("rec"), body: body, actor: actor, now: now))
                    run.successful += 1
                }
            }
        case .deleteRecords(let recordIds, let permanent):
            for id in recordIds[range] {
                let done: Bool
                if permanent {
                    done = records.remove(id) != nil
                } else {
                    done = records.update(id, { row in
                        row.status = .deleted
                        row.modifiedDate = max(now, row.modifiedDate)
                        row.modifiedBy = actor
                    }) != nil
                }
                if done {
                    run.successful += 1
                } else {
                    run.failed += 1
                    run.log("warn", "Record '\(id)' no longer exists")
                }
            }
        case .simulated:
            run.successful += range.count
        }
    }
}
