import Foundation

/// One entry of a user's activity: a sign-in, a sign-out, an action, or an error (a refused sign-in).
public struct UserActivity: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var userId: String?
    public var type: ActivityType?
    public var timestamp: Date?
    public var description: String?
    public var details: [String: JSONValue]?
}

/// The kind of a ``UserActivity``.
public struct ActivityType: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let login = ActivityType(rawValue: "login")
    public static let logout = ActivityType(rawValue: "logout")
    public static let action = ActivityType(rawValue: "action")
    public static let error = ActivityType(rawValue: "error")
    public static let knownValues: [ActivityType] = [.login, .logout, .action, .error]
}
