import Foundation

/// A job: an import, a delete by query, an export or another long task the server runs on its own, with its progress.
public struct Job: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var description: String?
    public var type: JobType?
    public var status: JobStatus
    public var priority: Priority?
    public var projectId: String?
    public var assignedTo: String?
    public var scheduledStart: Date?
    /// What the job works on: `fileId` and `format` for an import, `filter` or `recordIds` for a delete, `queueId` to run
    /// in a ``JobQueue``, `maxErrors` to fail once more items than that failed.
    public var configuration: [String: JSONValue]?
    public var metadata: [String: JSONValue]?
    public var progress: JobProgress?
    /// Why a failed job failed.
    public var error: Failure?
    /// What a finished job did (`recordsCreated`, `recordsDeleted`, ...), with `includeResults`.
    public var results: [String: JSONValue]?
    /// The latest log entries, with `includeLogs`.
    public var logs: [JobLogEntry]?
    /// The job template the job was created from.
    public var templateId: String?
    public var createdBy: String?
    public var startedDate: Date?
    public var completedDate: Date?
    public var createdDate: Date?
    public var modifiedDate: Date?

    /// Why a job failed as a whole.
    public struct Failure: Codable, Sendable, Hashable {
        /// `TOO_MANY_ERRORS`, `FILE_NOT_FOUND`, ...
        public var code: String?
        public var message: String?
    }
}

/// How far a job got: `processedItems` of `totalItems`, split into successes, failures and skipped items.
public struct JobProgress: Codable, Sendable, Hashable {
    public var totalItems: Int
    public var processedItems: Int
    public var successfulItems: Int
    public var failedItems: Int
    public var skippedItems: Int
    /// 0 to 100.
    public var percentage: Double

    public init(totalItems: Int = 0, processedItems: Int = 0, successfulItems: Int = 0, failedItems: Int = 0,
                skippedItems: Int = 0, percentage: Double = 0) {
        self.totalItems = totalItems
        self.processedItems = processedItems
        self.successfulItems = successfulItems
        self.failedItems = failedItems
        self.skippedItems = skippedItems
        self.percentage = percentage
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        totalItems = try container.decodeIfPresent(Int.self, forKey: .totalItems) ?? 0
        processedItems = try container.decodeIfPresent(Int.self, forKey: .processedItems) ?? 0
        successfulItems = try container.decodeIfPresent(Int.self, forKey: .successfulItems) ?? 0
        failedItems = try container.decodeIfPresent(Int.self, forKey: .failedItems) ?? 0
        skippedItems = try container.decodeIfPresent(Int.self, forKey: .skippedItems) ?? 0
        percentage = try container.decodeIfPresent(Double.self, forKey: .percentage) ?? 0
    }
}

/// One entry of a job's log (`iconect_get_job_logs`).
public struct JobLogEntry: Codable, Sendable, Hashable, Identifiable {
    /// The entry's number in the job's log, from 1.
    public var id: Int
    public var timestamp: Date?
    public var level: JobLogLevel
    public var message: String
    /// The line of the import file the entry is about.
    public var line: Int?
}

/// The fields of a new job (`iconect_create_import_job`, `iconect_create_delete_job`, `iconect_create_custom_job`).
///
/// ```swift
/// let job = try await client.jobs.createImport(NewJob(name: "Load VOL001", projectId: projectId,
///                                                     configuration: ["fileId": .string(file.id), "format": "ndjson"]))
/// ```
public struct NewJob: Encodable, Sendable, Hashable {
    public var name: String
    public var projectId: String
    public var configuration: [String: JSONValue]
    public var description: String?
    public var priority: Priority?
    public var scheduledStart: Date?
    public var assignedTo: String?
    public var metadata: [String: JSONValue]?
    /// Set by ``JobsResource/createCustom(_:type:)``.
    var type: JobType?

    public init(name: String, projectId: String, configuration: [String: JSONValue], description: String? = nil,
                priority: Priority? = nil, scheduledStart: Date? = nil, assignedTo: String? = nil,
                metadata: [String: JSONValue]? = nil) {
        self.name = name
        self.projectId = projectId
        self.configuration = configuration
        self.description = description
        self.priority = priority
        self.scheduledStart = scheduledStart
        self.assignedTo = assignedTo
        self.metadata = metadata
    }
}

/// Changes to a job; `nil` leaves a field as it is.
public struct JobChanges: Encodable, Sendable, Hashable {
    public var name: String?
    public var description: String?
    public var priority: Priority?
    public var scheduledStart: Date?
    public var assignedTo: String?
    public var configuration: [String: JSONValue]?
    public var metadata: [String: JSONValue]?

    public init(name: String? = nil, description: String? = nil, priority: Priority? = nil, scheduledStart: Date? = nil,
                assignedTo: String? = nil, configuration: [String: JSONValue]? = nil, metadata: [String: JSONValue]? = nil) {
        self.name = name
        self.description = description
        self.priority = priority
        self.scheduledStart = scheduledStart
        self.assignedTo = assignedTo
        self.configuration = configuration
        self.metadata = metadata
    }
}

/// The body of `POST /jobs/{id}/control`.
struct JobControlRequest: Encodable, Sendable {
    var action: JobControlAction
    var reason: String?
}
