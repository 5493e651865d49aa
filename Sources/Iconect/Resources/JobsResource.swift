import Foundation

/// Jobs (imports, deletes by query, exports and other long tasks the server runs), their queues, templates and
/// schedules: `client.jobs`.
///
/// ```swift
/// let file = try await client.files.upload(fileAt: url, options: FileUploadOptions(fileName: "vol001.ndjson", ...))
/// let job = try await client.jobs.createImport(NewJob(name: "Load VOL001", projectId: projectId,
///                                                     configuration: ["fileId": .string(file.id)]))
/// let done = try await client.jobs.waitForCompletion(id: job.id)
/// print(done.progress?.successfulItems ?? 0, "records created")
/// ```
public struct JobsResource: Sendable {
    /// The largest page of a job log.
    public static let maxLogPageSize = 1_000

    let pipeline: RequestPipeline

    /// Job queues.
    public var queues: JobQueuesResource { JobQueuesResource(pipeline: pipeline) }
    /// Job templates, and jobs made from them.
    public var templates: JobTemplatesResource { JobTemplatesResource(pipeline: pipeline) }
    /// Job schedules.
    public var schedules: JobSchedulesResource { JobSchedulesResource(pipeline: pipeline) }

    /// One page of jobs, narrowed by any of the filters (`iconect_list_jobs`).
    public func list(projectId: String? = nil, type: JobType? = nil, status: JobStatus? = nil, priority: Priority? = nil,
                     assignedTo: String? = nil, createdBy: String? = nil, dateRange: DateRange? = nil,
                     _ options: ListOptions = ListOptions(), cache: CachePolicy? = nil) async throws -> Page<Job> {
        try await pipeline.list(.listJobs, options, extra: Self.filters(projectId, type, status, priority, assignedTo, createdBy, dateRange),
                                cache: cache)
    }

    /// Every job matching the filters, page after page (`iconect_list_jobs`).
    public func paginate(projectId: String? = nil, type: JobType? = nil, status: JobStatus? = nil, priority: Priority? = nil,
                         assignedTo: String? = nil, createdBy: String? = nil, dateRange: DateRange? = nil,
                         _ options: ListOptions = ListOptions(), prefetch: Int = 1) -> Paginator<Job> {
        pipeline.paginate(.listJobs, options, extra: Self.filters(projectId, type, status, priority, assignedTo, createdBy, dateRange),
                          prefetch: prefetch)
    }

    private static func filters(_ projectId: String?, _ type: JobType?, _ status: JobStatus?, _ priority: Priority?,
                                _ assignedTo: String?, _ createdBy: String?, _ dateRange: DateRange?) -> QueryItems {
        var query = QueryItems()
        query.add("projectId", projectId)
        query.add("type", type)
        query.add("status", status)
        query.add("priority", priority)
        query.add("assignedTo", assignedTo)
        query.add("createdBy", createdBy)
        query.add("dateRange.field", dateRange?.field)
        query.add("dateRange.from", dateRange?.from)
        query.add("dateRange.to", dateRange?.to)
        return query
    }

    /// One job (`iconect_get_job`); `includeResults` adds what a finished job did, `includeLogs` its latest log entries.
    public func get(id: String, includeProgress: Bool? = nil, includeResults: Bool? = nil, includeLogs: Bool? = nil,
                    cache: CachePolicy? = nil) async throws -> Job {
        var query = QueryItems()
        query.add("includeProgress", includeProgress)
        query.add("includeResults", includeResults)
        query.add("includeLogs", includeLogs)
        return try await pipeline.get(.getJob, id: id, query: query, cache: cache)
    }

    /// Creates an import job (`iconect_create_import_job`): `configuration.fileId` names an uploaded NDJSON or CSV file
    /// of records (`format` when its name does not tell; `documentIdField`, `folderId`, `maxErrors`, `queueId` optional).
    public func createImport(_ job: NewJob) async throws -> Job {
        try await pipeline.create(.createImportJob, job)
    }

    /// Creates a delete job (`iconect_create_delete_job`): `configuration.filter` (a filter object) or `recordIds` says
    /// which records of the project go; `permanent: true` removes them instead of marking them deleted.
    public func createDelete(_ job: NewJob) async throws -> Job {
        try await pipeline.create(.createDeleteJob, job)
    }

    /// Creates a job of another kind (`iconect_create_custom_job`).
    public func createCustom(_ job: NewJob, type: JobType) async throws -> Job {
        var typed = job
        typed.type = type
        return try await pipeline.create(.createCustomJob, typed)
    }

    /// Changes a job (`iconect_update_job`).
    public func update(id: String, _ changes: JobChanges) async throws -> Job {
        try await pipeline.update(.updateJob, id: id, changes)
    }

    /// Starts, pauses, resumes, cancels or restarts a job (`iconect_control_job`).
    /// - Throws: ``IconectError/Code/conflict`` when the job's state does not allow the action; nothing changes then.
    public func control(id: String, action: JobControlAction, reason: String? = nil) async throws -> Job {
        try await pipeline.create(.controlJob, JobControlRequest(action: action, reason: reason), path: ["id": id])
    }

    /// Removes a job (`iconect_delete_job`); a running job must be paused or cancelled first.
    public func delete(id: String) async throws {
        try await pipeline.delete(.deleteJob, id: id)
    }

    /// One page of a job's log, oldest first (`iconect_get_job_logs`): `level` is the lowest severity shown (`.warn`
    /// shows warnings and errors), `startTime` and `endTime` bound the entries' times.
    public func logs(id: String, level: JobLogLevel? = nil, startTime: Date? = nil, endTime: Date? = nil, page: Int? = nil,
                     pageSize: Int? = nil) async throws -> Page<JobLogEntry> {
        let route = Route.getJobLogs
        var query = QueryItems()
        query.add("level", level)
        query.add("startTime", startTime.map(IconectDate.format))
        query.add("endTime", endTime.map(IconectDate.format))
        try ListOptions.addPaging(page: page, pageSize: pageSize, maxPageSize: Self.maxLogPageSize, operation: route.operation, to: &query)
        return try await pipeline.send(Endpoint(route, path: ["id": id], query: query))
    }

    /// Every entry of a job's log, page after page (`iconect_get_job_logs`).
    public func paginateLogs(id: String, level: JobLogLevel? = nil, startTime: Date? = nil, endTime: Date? = nil,
                             pageSize: Int = JobsResource.maxLogPageSize, prefetch: Int = 1) -> Paginator<JobLogEntry> {
        Paginator(prefetch: prefetch) { number in
            try await self.logs(id: id, level: level, startTime: startTime, endTime: endTime, page: number, pageSize: pageSize)
        }
    }
}

extension IconectClient {
    /// Jobs, job queues, job templates and job schedules.
    public nonisolated var jobs: JobsResource { JobsResource(pipeline: pipeline) }
}
