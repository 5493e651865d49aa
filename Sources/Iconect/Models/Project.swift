import Foundation

/// A review project (a matter): records, files, fields and folders live in one.
public struct Project: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var description: String?
    public var clientId: String?
    public var dataServerId: String?
    public var status: ProjectStatus?
    public var settings: [String: JSONValue]?
    public var createdDate: Date?
    public var modifiedDate: Date?
}

/// The fields of a new project.
public struct NewProject: Encodable, Sendable, Hashable {
    public var name: String
    public var description: String?
    public var clientId: String
    public var dataServerId: String
    public var status: ProjectStatus?
    public var settings: [String: JSONValue]?

    public init(name: String, clientId: String, dataServerId: String, description: String? = nil, status: ProjectStatus? = nil,
                settings: [String: JSONValue]? = nil) {
        self.name = name
        self.clientId = clientId
        self.dataServerId = dataServerId
        self.description = description
        self.status = status
        self.settings = settings
    }
}

/// Changes to a project; `nil` leaves a field as it is.
public struct ProjectChanges: Encodable, Sendable, Hashable {
    public var name: String?
    public var description: String?
    public var clientId: String?
    public var dataServerId: String?
    public var status: ProjectStatus?
    public var settings: [String: JSONValue]?

    public init(name: String? = nil, description: String? = nil, clientId: String? = nil, dataServerId: String? = nil,
                status: ProjectStatus? = nil, settings: [String: JSONValue]? = nil) {
        self.name = name
        self.description = description
        self.clientId = clientId
        self.dataServerId = dataServerId
        self.status = status
        self.settings = settings
    }
}

extension Project: JSONValueInitializable {
    init(json: JSONValue, at path: @autoclosure () -> [any CodingKey]) throws {
        let reader = try JSONObjectReader(json, at: path(), type: Project.self)
        id = try reader.requiredString("id")
        name = try reader.requiredString("name")
        description = try reader.string("description")
        clientId = try reader.string("clientId")
        dataServerId = try reader.string("dataServerId")
        status = try reader.enumeration("status")
        settings = try reader.object("settings")
        createdDate = try reader.date("createdDate")
        modifiedDate = try reader.date("modifiedDate")
    }
}
