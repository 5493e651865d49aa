/// What a user may do (`iconect_get_user_permissions`): the permissions of their roles and those granted directly.
public struct UserPermissions: Codable, Sendable, Hashable {
    /// One permission: an action on a resource, and where it comes from.
    public struct Permission: Codable, Sendable, Hashable {
        /// `records`, `folders`, `users`...
        public var resource: String
        /// `read`, `write`, `delete`, `admin`...
        public var action: String
        /// `role:<name>` or `direct`.
        public var source: String?
    }

    public var userId: String
    public var roles: [String]
    public var permissions: [Permission]

    /// Whether the user may do `action` on `resource`.
    public func allows(_ action: String, on resource: String) -> Bool {
        permissions.contains { $0.resource == resource && $0.action == action }
    }
}

/// A user's preferences after a change (`iconect_update_user_preferences`): the stored object, merged.
public struct UserPreferences: Codable, Sendable, Hashable {
    public var userId: String
    public var preferences: [String: JSONValue]
}
