import Foundation

/// A job queue: jobs whose `configuration.queueId` names it run at most ``maxConcurrentJobs`` at a time, picked in its
/// ``processingOrder``; the others stay `queued`. An inactive queue starts none.
public struct JobQueue: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var description: String?
    public var projectId: String?
    public var maxConcurrentJobs: Int?
    public var priority: QueuePriority?
    public var isActive: Bool?
    public var processingOrder: JobProcessingOrder?
    public var retryPolicy: [String: JSONValue]?
    public var createdDate: Date?
    public var modifiedDate: Date?
}

/// The fields of a new job queue.
public struct NewJobQueue: Encodable, Sendable, Hashable {
    public var name: String
    public var projectId: String
    public var description: String?
    public var maxConcurrentJobs: Int?
    public var priority: QueuePriority?
    public var processingOrder: JobProcessingOrder?
    public var retryPolicy: [String: JSONValue]?

    public init(name: String, projectId: String, description: String? = nil, maxConcurrentJobs: Int? = nil,
                priority: QueuePriority? = nil, processingOrder: JobProcessingOrder? = nil, retryPolicy: [String: JSONValue]? = nil) {
        self.name = name
        self.projectId = projectId
        self.description = description
        self.maxConcurrentJobs = maxConcurrentJobs
        self.priority = priority
        self.processingOrder = processingOrder
        self.retryPolicy = retryPolicy
    }
}

/// Changes to a job queue; `nil` leaves a field as it is.
public struct JobQueueChanges: Encodable, Sendable, Hashable {
    public var name: String?
    public var description: String?
    public var maxConcurrentJobs: Int?
    public var priority: QueuePriority?
    public var isActive: Bool?
    public var processingOrder: JobProcessingOrder?
    public var retryPolicy: [String: JSONValue]?

    public init(name: String? = nil, description: String? = nil, maxConcurrentJobs: Int? = nil, priority: QueuePriority? = nil,
                isActive: Bool? = nil, processingOrder: JobProcessingOrder? = nil, retryPolicy: [String: JSONValue]? = nil) {
        self.name = name
        self.description = description
        self.maxConcurrentJobs = maxConcurrentJobs
        self.priority = priority
        self.isActive = isActive
        self.processingOrder = processingOrder
        self.retryPolicy = retryPolicy
    }
}
