import Foundation

/// A job template: a kind of job with default configuration and the parameters a job made from it must give.
public struct JobTemplate: Codable, Sendable, Hashable, Identifiable {
    /// One parameter a job made from the template takes.
    public struct Parameter: Codable, Sendable, Hashable {
        public var name: String
        public var type: String?
        public var required: Bool?
        public var description: String?
    }

    public var id: String
    public var name: String
    public var description: String?
    public var type: JobType?
    public var projectId: String?
    public var isSystem: Bool?
    public var parameters: [Parameter]?
    public var configuration: [String: JSONValue]?
    public var createdDate: Date?
    public var modifiedDate: Date?
}

/// A job to create from a template (`iconect_create_job_from_template`): the template's configuration with `parameters`
/// over it.
public struct JobFromTemplate: Encodable, Sendable, Hashable {
    public var templateId: String
    public var name: String
    public var projectId: String
    public var parameters: [String: JSONValue]
    public var priority: Priority?
    public var scheduledStart: Date?
    public var assignedTo: String?

    public init(templateId: String, name: String, projectId: String, parameters: [String: JSONValue], priority: Priority? = nil,
                scheduledStart: Date? = nil, assignedTo: String? = nil) {
        self.templateId = templateId
        self.name = name
        self.projectId = projectId
        self.parameters = parameters
        self.priority = priority
        self.scheduledStart = scheduledStart
        self.assignedTo = assignedTo
    }
}
