import Foundation

/// A database server hosting iCONECT projects.
public struct DataServer: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var description: String?
    public var url: String?
    public var version: String?
    public var status: ServiceStatus?
    public var createdDate: Date?
    public var modifiedDate: Date?
}

/// The fields of a new data server.
public struct NewDataServer: Encodable, Sendable, Hashable {
    public var name: String
    public var description: String?
    public var url: String
    public var version: String?
    public var status: ServiceStatus?

    public init(name: String, url: String, description: String? = nil, version: String? = nil, status: ServiceStatus? = nil) {
        self.name = name
        self.url = url
        self.description = description
        self.version = version
        self.status = status
    }
}

/// Changes to a data server; `nil` leaves a field as it is.
public struct DataServerChanges: Encodable, Sendable, Hashable {
    public var name: String?
    public var description: String?
    public var url: String?
    public var version: String?
    public var status: ServiceStatus?

    public init(name: String? = nil, description: String? = nil, url: String? = nil, version: String? = nil, status: ServiceStatus? = nil) {
        self.name = name
        self.description = description
        self.url = url
        self.version = version
        self.status = status
    }
}
