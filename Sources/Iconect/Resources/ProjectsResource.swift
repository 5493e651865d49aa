/// Projects: `client.projects`.
///
/// ```swift
/// let active = try await client.projects.list(ListOptions(filter: Filter().where("status", equals: "active")))
/// ```
public struct ProjectsResource: Sendable {
    let pipeline: RequestPipeline

    /// One page of projects (`iconect_list_projects`).
    public func list(_ options: ListOptions = ListOptions(), cache: CachePolicy? = nil) async throws -> Page<Project> {
        try await pipeline.list(.listProjects, options, cache: cache)
    }

    /// Every project, page after page (`iconect_list_projects`).
    public func paginate(_ options: ListOptions = ListOptions(), prefetch: Int = 1) -> Paginator<Project> {
        pipeline.paginate(.listProjects, options, prefetch: prefetch)
    }

    /// One project (`iconect_get_project`).
    public func get(id: String, cache: CachePolicy? = nil) async throws -> Project {
        try await pipeline.get(.getProject, id: id, cache: cache)
    }

    /// Creates a project (`iconect_create_project`).
    public func create(_ project: NewProject) async throws -> Project {
        try await pipeline.create(.createProject, project)
    }

    /// Changes a project (`iconect_update_project`).
    public func update(id: String, _ changes: ProjectChanges) async throws -> Project {
        try await pipeline.update(.updateProject, id: id, changes)
    }

    /// Sets a project's status to `inactive`, keeping its data (an `iconect_update_project`).
    public func deactivate(id: String) async throws -> Project {
        try await update(id: id, ProjectChanges(status: .inactive))
    }

    /// Removes a project (`iconect_delete_project`).
    public func delete(id: String) async throws {
        try await pipeline.delete(.deleteProject, id: id)
    }
}

extension IconectClient {
    /// Projects.
    public nonisolated var projects: ProjectsResource { ProjectsResource(pipeline: pipeline) }
}
