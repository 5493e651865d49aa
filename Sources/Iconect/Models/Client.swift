import Foundation

/// A client of the hosting firm: the organisation whose matters live in its projects.
public struct Client: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var description: String?
    public var status: ClientStatus?
    public var settings: [String: JSONValue]?
    public var createdDate: Date?
    public var modifiedDate: Date?
}

/// The fields of a new client.
public struct NewClient: Encodable, Sendable, Hashable {
    public var name: String
    public var description: String?
    public var status: ClientStatus?
    public var settings: [String: JSONValue]?

    public init(name: String, description: String? = nil, status: ClientStatus? = nil, settings: [String: JSONValue]? = nil) {
        self.name = name
        self.description = description
        self.status = status
        self.settings = settings
    }
}

/// Changes to a client; `nil` leaves a field as it is.
public struct ClientChanges: Encodable, Sendable, Hashable {
    public var name: String?
    public var description: String?
    public var status: ClientStatus?
    public var settings: [String: JSONValue]?

    public init(name: String? = nil, description: String? = nil, status: ClientStatus? = nil, settings: [String: JSONValue]? = nil) {
        self.name = name
        self.description = description
        self.status = status
        self.settings = settings
    }
}
