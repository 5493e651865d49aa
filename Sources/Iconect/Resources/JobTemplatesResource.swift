/// Job templates, and jobs made from them: `client.jobs.templates`.
public struct JobTemplatesResource: Sendable {
    let pipeline: RequestPipeline

    /// One page of job templates (`iconect_list_job_templates`).
    public func list(projectId: String? = nil, type: JobType? = nil, isSystem: Bool? = nil, _ options: ListOptions = ListOptions(),
                     cache: CachePolicy? = nil) async throws -> Page<JobTemplate> {
        try await pipeline.list(.listJobTemplates, options, extra: Self.filters(projectId, type, isSystem), cache: cache)
    }

    /// Every job template, page after page (`iconect_list_job_templates`).
    public func paginate(projectId: String? = nil, type: JobType? = nil, isSystem: Bool? = nil, _ options: ListOptions = ListOptions(),
                         prefetch: Int = 1) -> Paginator<JobTemplate> {
        pipeline.paginate(.listJobTemplates, options, extra: Self.filters(projectId, type, isSystem), prefetch: prefetch)
    }

    private static func filters(_ projectId: String?, _ type: JobType?, _ isSystem: Bool?) -> QueryItems {
        var query = QueryItems()
        query.add("projectId", projectId)
        query.add("type", type)
        query.add("isSystem", isSystem)
        return query
    }

    /// One job template (`iconect_get_job_template`).
    public func get(id: String, cache: CachePolicy? = nil) async throws -> JobTemplate {
        try await pipeline.get(.getJobTemplate, id: id, cache: cache)
    }

    /// Creates a job from a template (`iconect_create_job_from_template`).
    /// - Throws: ``IconectError/Code/validation`` naming `parameters.<name>` for a required parameter not given.
    public func createJob(_ job: JobFromTemplate) async throws -> Job {
        try await pipeline.create(.createJobFromTemplate, job)
    }
}
