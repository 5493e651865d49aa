import Foundation

/// Storage for native files, images and productions.
public struct FileStore: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var description: String?
    public var path: String?
    public var type: FileStoreType?
    public var status: ServiceStatus?
    /// Capacity in bytes.
    public var capacity: Int64?
    /// Bytes in use.
    public var usedSpace: Int64?
    public var settings: [String: JSONValue]?
    public var createdDate: Date?
    public var modifiedDate: Date?
}

/// The fields of a new file store.
public struct NewFileStore: Encodable, Sendable, Hashable {
    public var name: String
    public var description: String?
    public var path: String
    public var type: FileStoreType
    public var status: ServiceStatus?
    public var capacity: Int64?
    public var settings: [String: JSONValue]?

    public init(name: String, path: String, type: FileStoreType, description: String? = nil, status: ServiceStatus? = nil,
                capacity: Int64? = nil, settings: [String: JSONValue]? = nil) {
        self.name = name
        self.path = path
        self.type = type
        self.description = description
        self.status = status
        self.capacity = capacity
        self.settings = settings
    }
}

/// Changes to a file store; `nil` leaves a field as it is.
public struct FileStoreChanges: Encodable, Sendable, Hashable {
    public var name: String?
    public var description: String?
    public var path: String?
    public var type: FileStoreType?
    public var status: ServiceStatus?
    public var capacity: Int64?
    public var settings: [String: JSONValue]?

    public init(name: String? = nil, description: String? = nil, path: String? = nil, type: FileStoreType? = nil,
                status: ServiceStatus? = nil, capacity: Int64? = nil, settings: [String: JSONValue]? = nil) {
        self.name = name
        self.description = description
        self.path = path
        self.type = type
        self.status = status
        self.capacity = capacity
        self.settings = settings
    }
}
