import Foundation

/// What a server-side bulk operation does to each record.
public struct BulkAction: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let update = BulkAction(rawValue: "update")
    public static let delete = BulkAction(rawValue: "delete")
    public static let move = BulkAction(rawValue: "move")
    public static let tag = BulkAction(rawValue: "tag")
    public static let assign = BulkAction(rawValue: "assign")
    public static let knownValues: [BulkAction] = [.update, .delete, .move, .tag, .assign]
}

/// Where a bulk operation stands.
public struct BulkOperationStatus: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let pending = BulkOperationStatus(rawValue: "pending")
    public static let inProgress = BulkOperationStatus(rawValue: "in_progress")
    public static let completed = BulkOperationStatus(rawValue: "completed")
    public static let failed = BulkOperationStatus(rawValue: "failed")
    public static let knownValues: [BulkOperationStatus] = [.pending, .inProgress, .completed, .failed]

    /// Whether the operation has ended (completed or failed).
    public var isFinal: Bool { self == .completed || self == .failed }
}

/// A bulk operation's progress and per-record failures (`POST /records/bulk`, `GET /records/bulk/{id}`).
public struct BulkOperation: Codable, Sendable, Hashable, Identifiable {
    /// One record the operation could not process.
    public struct RecordError: Codable, Sendable, Hashable {
        public var recordId: String
        public var error: String
        /// A machine-readable reason when the server gives one (`RECORD_LOCKED`, `NOT_FOUND`, ...).
        public var code: String?

        public init(recordId: String, error: String, code: String? = nil) {
            self.recordId = recordId
            self.error = error
            self.code = code
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            recordId = try container.decode(String.self, forKey: .recordId)
            code = try? container.decodeIfPresent(String.self, forKey: .code)
            // `error` is a message, or an object with one.
            if let text = try? container.decode(String.self, forKey: .error) {
                error = text
            } else {
                let value = try container.decodeIfPresent(JSONValue.self, forKey: .error)
                error = value?["message"]?.stringValue ?? value?.description ?? "unknown error"
                code = code ?? value?["code"]?.stringValue
            }
        }
    }

    public var operationId: String
    public var totalRecords: Int
    public var processedRecords: Int
    public var successfulRecords: Int
    public var failedRecords: Int
    public var errors: [RecordError]
    public var status: BulkOperationStatus

    public var id: String { operationId }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        operationId = try container.decode(String.self, forKey: .operationId)
        totalRecords = try container.decodeIfPresent(Int.self, forKey: .totalRecords) ?? 0
        processedRecords = try container.decodeIfPresent(Int.self, forKey: .processedRecords) ?? 0
        successfulRecords = try container.decodeIfPresent(Int.self, forKey: .successfulRecords) ?? 0
        failedRecords = try container.decodeIfPresent(Int.self, forKey: .failedRecords) ?? 0
        errors = try container.decodeIfPresent([RecordError].self, forKey: .errors) ?? []
        status = try container.decodeIfPresent(BulkOperationStatus.self, forKey: .status) ?? .pending
    }
}

/// The body of `POST /records/bulk`.
struct BulkRequest: Encodable, Sendable {
    var projectId: String
    var action: BulkAction
    var recordIds: [String]
    var parameters: [String: JSONValue]?
}
