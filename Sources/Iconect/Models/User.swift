import Foundation

/// A user of the deployment: profile, status and roles.
public struct User: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var username: String?
    public var firstName: String?
    public var lastName: String?
    public var displayName: String?
    public var email: String?
    public var title: String?
    public var department: String?
    public var phone: String?
    public var timezone: String?
    public var locale: String?
    public var avatar: String?
    public var status: UserStatus?
    public var roles: [String]?
    /// Permissions granted to the user directly (`records:read`), besides those of the roles.
    public var permissions: [String]?
    /// Every permission the user holds (roles and direct), when read with `includePermissions`.
    public var effectivePermissions: [String]?
    /// The user's preferences, when read with `includePreferences`.
    public var preferences: [String: JSONValue]?
    /// Set by a password reset that asks the user to choose a new password at the next sign-in.
    public var requirePasswordChange: Bool?
    public var lastLoginDate: Date?
    public var createdDate: Date?
    public var modifiedDate: Date?
}

/// Changes to a user (an administrator's); `nil` leaves a member as it is.
public struct UserChanges: Encodable, Sendable, Hashable {
    public var firstName: String?
    public var lastName: String?
    public var displayName: String?
    public var email: String?
    public var title: String?
    public var department: String?
    public var phone: String?
    public var timezone: String?
    public var locale: String?
    public var avatar: String?
    public var status: UserStatus?
    public var roles: [String]?
    public var permissions: [String]?

    public init(firstName: String? = nil, lastName: String? = nil, displayName: String? = nil, email: String? = nil,
                title: String? = nil, department: String? = nil, phone: String? = nil, timezone: String? = nil,
                locale: String? = nil, avatar: String? = nil, status: UserStatus? = nil, roles: [String]? = nil,
                permissions: [String]? = nil) {
        self.firstName = firstName
        self.lastName = lastName
        self.displayName = displayName
        self.email = email
        self.title = title
        self.department = department
        self.phone = phone
        self.timezone = timezone
        self.locale = locale
        self.avatar = avatar
        self.status = status
        self.roles = roles
        self.permissions = permissions
    }
}

/// Changes the signed-in user makes to their own profile; `nil` leaves a member as it is.
public struct ProfileChanges: Encodable, Sendable, Hashable {
    public var firstName: String?
    public var lastName: String?
    public var displayName: String?
    public var title: String?
    public var department: String?
    public var phone: String?
    public var timezone: String?
    public var locale: String?
    public var avatar: String?

    public init(firstName: String? = nil, lastName: String? = nil, displayName: String? = nil, title: String? = nil,
                department: String? = nil, phone: String? = nil, timezone: String? = nil, locale: String? = nil,
                avatar: String? = nil) {
        self.firstName = firstName
        self.lastName = lastName
        self.displayName = displayName
        self.title = title
        self.department = department
        self.phone = phone
        self.timezone = timezone
        self.locale = locale
        self.avatar = avatar
    }
}

/// The lifecycle of a user account.
public struct UserStatus: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let active = UserStatus(rawValue: "active")
    public static let inactive = UserStatus(rawValue: "inactive")
    public static let suspended = UserStatus(rawValue: "suspended")
    public static let pending = UserStatus(rawValue: "pending")
    public static let knownValues: [UserStatus] = [.active, .inactive, .suspended, .pending]
}
