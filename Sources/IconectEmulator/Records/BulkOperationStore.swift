import Synchronization

/// A `POST /records/bulk` operation and its progress.
struct BulkOperation: Sendable {
    enum Status: String, Sendable {
        case pending, in_progress, completed, failed
    }

    let operationId: String
    let projectId: String
    let action: String
    let totalRecords: Int
    var processedRecords = 0
    var successfulRecords = 0
    var failedRecords = 0
    var errors: [RecordStore.RecordFailure] = []
    var status = Status.pending
    let createdDate: Int64
    var completedDate: Int64?

    func encoded() -> [UInt8] {
        var writer = JSONWriter(capacity: 256 + errors.count * 64)
        writer.beginObject()
        writer.key("operationId")
        writer.string(operationId)
        writer.key("projectId")
        writer.string(projectId)
        writer.key("action")
        writer.string(action)
        writer.key("totalRecords")
        writer.int(totalRecords)
        writer.key("processedRecords")
        writer.int(processedRecords)
        writer.key("successfulRecords")
        writer.int(successfulRecords)
        writer.key("failedRecords")
        writer.int(failedRecords)
        writer.key("errors")
        writer.beginArray()
        for failure in errors {
            writer.beginObject()
            writer.key("recordId")
            writer.string(failure.recordId)
            writer.key("error")
            writer.string(failure.error)
            if let code = failure.code {
                writer.key("code")
                writer.string(code)
            }
            writer.endObject()
        }
        writer.endArray()
        writer.key("status")
        writer.string(status.rawValue)
        writer.key("createdDate")
        writer.date(createdDate)
        if let completedDate {
            writer.key("completedDate")
            writer.date(completedDate)
        }
        writer.endObject()
        return writer.bytes
    }
}

/// The bulk operations, by id.
final class BulkOperationStore: Sendable {
    private let operations = Mutex<[String: BulkOperation]>([:])

    func put(_ operation: BulkOperation) {
        operations.withLock { $0[operation.operationId] = operation }
    }

    func get(_ id: String) -> BulkOperation? {
        operations.withLock { $0[id] }
    }

    func update(_ id: String, _ change: (inout BulkOperation) -> Void) {
        operations.withLock { operations in
            guard var operation = operations[id] else { return }
            change(&operation)
            operations[id] = operation
        }
    }

    func removeAll() {
        operations.withLock { $0.removeAll() }
    }

    /// How many operations exist.
    var count: Int {
        operations.withLock { $0.count }
    }
}
