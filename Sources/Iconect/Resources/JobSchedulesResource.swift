/// Job schedules: `client.jobs.schedules`.
public struct JobSchedulesResource: Sendable {
    let pipeline: RequestPipeline

    /// One page of job schedules (`iconect_list_job_schedules`).
    public func list(projectId: String? = nil, isActive: Bool? = nil, _ options: ListOptions = ListOptions(),
                     cache: CachePolicy? = nil) async throws -> Page<JobSchedule> {
        try await pipeline.list(.listJobSchedules, options, extra: Self.filters(projectId, isActive), cache: cache)
    }

    /// Every job schedule, page after page (`iconect_list_job_schedules`).
    public func paginate(projectId: String? = nil, isActive: Bool? = nil, _ options: ListOptions = ListOptions(),
                         prefetch: Int = 1) -> Paginator<JobSchedule> {
        pipeline.paginate(.listJobSchedules, options, extra: Self.filters(projectId, isActive), prefetch: prefetch)
    }

    private static func filters(_ projectId: String?, _ isActive: Bool?) -> QueryItems {
        var query = QueryItems()
        query.add("projectId", projectId)
        query.add("isActive", isActive)
        return query
    }

    /// Creates a job schedule (`iconect_create_job_schedule`); the answer carries its `nextRunAt`.
    /// - Throws: ``IconectError/Code/validation`` naming `cronExpression` or `timezone` when the server refuses one.
    public func create(_ schedule: NewJobSchedule) async throws -> JobSchedule {
        try await pipeline.create(.createJobSchedule, schedule)
    }

    /// Changes a job schedule (`iconect_update_job_schedule`).
    public func update(id: String, _ changes: JobScheduleChanges) async throws -> JobSchedule {
        try await pipeline.update(.updateJobSchedule, id: id, changes)
    }

    /// Removes a job schedule (`iconect_delete_job_schedule`).
    public func delete(id: String) async throws {
        try await pipeline.delete(.deleteJobSchedule, id: id)
    }
}
