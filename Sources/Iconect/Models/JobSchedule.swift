import Foundation

/// A job schedule: a cron expression in a time zone, and when it next fires.
public struct JobSchedule: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var description: String?
    public var jobTemplateId: String?
    /// Five fields, `minute hour day-of-month month day-of-week`, or `@daily` and the like.
    public var cronExpression: String
    /// An IANA time zone, `UTC` by default.
    public var timezone: String?
    public var configuration: [String: JSONValue]?
    public var isActive: Bool?
    /// The `projectId` of the configuration.
    public var projectId: String?
    /// When the schedule next fires; `nil` while it is inactive.
    public var nextRunAt: Date?
    public var createdDate: Date?
    public var modifiedDate: Date?
}

/// The fields of a new job schedule.
public struct NewJobSchedule: Encodable, Sendable, Hashable {
    public var name: String
    public var cronExpression: String
    public var configuration: [String: JSONValue]
    public var description: String?
    public var jobTemplateId: String?
    public var timezone: String?
    public var isActive: Bool?

    public init(name: String, cronExpression: String, configuration: [String: JSONValue], description: String? = nil,
                jobTemplateId: String? = nil, timezone: String? = nil, isActive: Bool? = nil) {
        self.name = name
        self.cronExpression = cronExpression
        self.configuration = configuration
        self.description = description
        self.jobTemplateId = jobTemplateId
        self.timezone = timezone
        self.isActive = isActive
    }
}

/// Changes to a job schedule; `nil` leaves a field as it is.
public struct JobScheduleChanges: Encodable, Sendable, Hashable {
    public var name: String?
    public var description: String?
    public var cronExpression: String?
    public var timezone: String?
    public var configuration: [String: JSONValue]?
    public var isActive: Bool?

    public init(name: String? = nil, description: String? = nil, cronExpression: String? = nil, timezone: String? = nil,
                configuration: [String: JSONValue]? = nil, isActive: Bool? = nil) {
        self.name = name
        self.description = description
        self.cronExpression = cronExpression
        self.timezone = timezone
        self.configuration = configuration
        self.isActive = isActive
    }
}
