/// Job queues: `client.jobs.queues`. A job runs in a queue when its `configuration.queueId` names it.
public struct JobQueuesResource: Sendable {
    let pipeline: RequestPipeline

    /// One page of job queues (`iconect_list_job_queues`).
    public func list(projectId: String? = nil, isActive: Bool? = nil, _ options: ListOptions = ListOptions(),
                     cache: CachePolicy? = nil) async throws -> Page<JobQueue> {
        try await pipeline.list(.listJobQueues, options, extra: Self.filters(projectId, isActive), cache: cache)
    }

    /// Every job queue, page after page (`iconect_list_job_queues`).
    public func paginate(projectId: String? = nil, isActive: Bool? = nil, _ options: ListOptions = ListOptions(),
                         prefetch: Int = 1) -> Paginator<JobQueue> {
        pipeline.paginate(.listJobQueues, options, extra: Self.filters(projectId, isActive), prefetch: prefetch)
    }

    private static func filters(_ projectId: String?, _ isActive: Bool?) -> QueryItems {
        var query = QueryItems()
        query.add("projectId", projectId)
        query.add("isActive", isActive)
        return query
    }

    /// One job queue (`iconect_get_job_queue`).
    public func get(id: String, cache: CachePolicy? = nil) async throws -> JobQueue {
        try await pipeline.get(.getJobQueue, id: id, cache: cache)
    }

    /// Creates a job queue (`iconect_create_job_queue`).
    public func create(_ queue: NewJobQueue) async throws -> JobQueue {
        try await pipeline.create(.createJobQueue, queue)
    }

    /// Changes a job queue (`iconect_update_job_queue`); a larger `maxConcurrentJobs` starts waiting jobs.
    public func update(id: String, _ changes: JobQueueChanges) async throws -> JobQueue {
        try await pipeline.update(.updateJobQueue, id: id, changes)
    }

    /// Removes a job queue (`iconect_delete_job_queue`); its jobs then run without a limit.
    public func delete(id: String) async throws {
        try await pipeline.delete(.deleteJobQueue, id: id)
    }
}
