import Foundation

/// Users, roles, preferences and passwords: `client.users`.
///
/// ```swift
/// let me = try await client.users.me(includePermissions: true)
/// try await client.users.updateRoles(userId: reviewer.id, roles: ["reviewer", "manager"])
/// try await client.users.changePassword(current: old, new: fresh, confirmation: fresh)   // later grants use the new one
/// ```
public struct UsersResource: Sendable {
    let pipeline: RequestPipeline

    /// One page of users (`iconect_list_users`), by status, role or department, or matching `searchQuery` (names, user
    /// name and e-mail, sent as `q`).
    public func list(status: UserStatus? = nil, role: String? = nil, department: String? = nil, searchQuery: String? = nil,
                     _ options: ListOptions = ListOptions(), cache: CachePolicy? = nil) async throws -> Page<User> {
        try await pipeline.list(.listUsers, options, extra: Self.filters(status, role, department, searchQuery), cache: cache)
    }

    /// Every user `list` selects, page after page (`iconect_list_users`).
    public func paginate(status: UserStatus? = nil, role: String? = nil, department: String? = nil, searchQuery: String? = nil,
                         _ options: ListOptions = ListOptions(), prefetch: Int = 1) -> Paginator<User> {
        pipeline.paginate(.listUsers, options, extra: Self.filters(status, role, department, searchQuery), prefetch: prefetch)
    }

    private static func filters(_ status: UserStatus?, _ role: String?, _ department: String?, _ searchQuery: String?) -> QueryItems {
        var query = QueryItems()
        query.add("status", status)
        query.add("role", role)
        query.add("department", department)
        query.add("q", searchQuery)
        return query
    }

    /// One user (`iconect_get_user`); with `includePermissions`, every permission they hold in ``User/effectivePermissions``.
    public func get(id: String, includePermissions: Bool? = nil, cache: CachePolicy? = nil) async throws -> User {
        var query = QueryItems()
        query.add("includePermissions", includePermissions)
        return try await pipeline.get(.getUser, id: id, query: query, cache: cache)
    }

    /// The signed-in user (`iconect_get_current_user`).
    public func me(includePermissions: Bool? = nil, includePreferences: Bool? = nil, cache: CachePolicy? = nil) async throws -> User {
        var query = QueryItems()
        query.add("includePermissions", includePermissions)
        query.add("includePreferences", includePreferences)
        var endpoint = Endpoint(.getCurrentUser, query: query)
        endpoint.cachePolicy = cache
        return try await pipeline.send(endpoint)
    }

    /// Changes a user (`iconect_update_user`); unknown roles are refused.
    public func update(id: String, _ changes: UserChanges) async throws -> User {
        try await pipeline.update(.updateUser, id: id, changes)
    }

    /// Changes the signed-in user's profile (`iconect_update_current_user`).
    public func updateMe(_ changes: ProfileChanges) async throws -> User {
        try await pipeline.send(try Endpoint(.updateCurrentUser, json: changes))
    }

    /// Merges `preferences` into a user's (`iconect_update_user_preferences`): named keys are replaced, others kept, and a
    /// `null` removes a key.
    public func updatePreferences(userId: String, _ preferences: [String: JSONValue]) async throws -> UserPreferences {
        try await pipeline.update(.updateUserPreferences, id: userId, name: "userId", PreferencesRequest(preferences: preferences))
    }

    /// Merges `preferences` into the signed-in user's (`iconect_update_current_user_preferences`).
    public func updateMyPreferences(_ preferences: [String: JSONValue]) async throws -> UserPreferences {
        try await pipeline.send(try Endpoint(.updateCurrentUserPreferences, json: PreferencesRequest(preferences: preferences)))
    }

    /// Changes the signed-in user's password (`iconect_change_password`). The server checks `current` and its password
    /// policy, naming the argument it refuses; afterwards the new password signs in and the old one does not, and this
    /// client's own password grant uses the new one.
    /// - Throws: ``IconectError/Code/validation`` naming `confirmPassword` before anything is sent when it differs from `new`.
    public func changePassword(current: Secret, new: Secret, confirmation: Secret) async throws {
        let operation = Route.changePassword.operation
        guard !current.isEmpty else { throw IconectError.invalidArgument("currentPassword", "must not be empty", operation: operation) }
        guard !new.isEmpty else { throw IconectError.invalidArgument("newPassword", "must not be empty", operation: operation) }
        guard new == confirmation else {
            throw IconectError.invalidArgument("confirmPassword", "does not match newPassword", operation: operation)
        }
        let body = ChangePasswordRequest(currentPassword: current.reveal(), newPassword: new.reveal(), confirmPassword: confirmation.reveal())
        try await pipeline.send(try Endpoint(.changePassword, json: body))
        await pipeline.tokens.passwordChanged(to: new)
    }

    /// Sets another user's password (`iconect_reset_user_password`), optionally requiring them to change it at the next
    /// sign-in. Needs the `users:admin` permission.
    public func resetPassword(userId: String, newPassword: Secret, requirePasswordChange: Bool? = nil) async throws {
        guard !newPassword.isEmpty else {
            throw IconectError.invalidArgument("newPassword", "must not be empty", operation: Route.resetUserPassword.operation)
        }
        let body = ResetPasswordRequest(newPassword: newPassword.reveal(), requirePasswordChange: requirePasswordChange)
        try await pipeline.send(try Endpoint(.resetUserPassword, path: ["userId": userId], json: body))
    }

    /// What a user may do (`iconect_get_user_permissions`), derived from their roles and direct grants, optionally only
    /// for one `resource` and/or `action`.
    public func permissions(userId: String, resource: String? = nil, action: String? = nil, cache: CachePolicy? = nil)
        async throws -> UserPermissions
    {
        var query = QueryItems()
        query.add("resource", resource)
        query.add("action", action)
        return try await pipeline.get(.getUserPermissions, id: userId, name: "userId", query: query, cache: cache)
    }

    /// Replaces a user's roles (`iconect_update_user_roles`); an unknown role is refused, naming it.
    public func updateRoles(userId: String, roles: [String]) async throws -> User {
        try await pipeline.update(.updateUserRoles, id: userId, name: "userId", RolesRequest(roles: roles))
    }

    /// One page of a user's activity, newest first (`iconect_get_user_activity`): sign-ins and sign-outs recorded by the
    /// identity provider, actions, and refused sign-ins (`error`). Bypasses the cache unless `cache` asks for it.
    public func activity(userId: String, startDate: Date? = nil, endDate: Date? = nil, type: ActivityType? = nil,
                         page: Int? = nil, pageSize: Int? = nil, cache: CachePolicy? = nil) async throws -> Page<UserActivity> {
        let operation = Route.getUserActivity.operation
        if let startDate, let endDate, endDate < startDate {
            throw IconectError.invalidArgument("endDate", "must not be before startDate", operation: operation)
        }
        var query = QueryItems()
        query.add("startDate", startDate.map(IconectDate.format))
        query.add("endDate", endDate.map(IconectDate.format))
        query.add("type", type)
        try ListOptions.addPaging(page: page, pageSize: pageSize, maxPageSize: 100, operation: operation, to: &query)
        return try await pipeline.get(.getUserActivity, id: userId, name: "userId", query: query, cache: cache ?? .bypass)
    }

    /// Every activity entry of a user, page after page (`iconect_get_user_activity`).
    public func paginateActivity(userId: String, startDate: Date? = nil, endDate: Date? = nil, type: ActivityType? = nil,
                                 pageSize: Int? = nil, prefetch: Int = 1) -> Paginator<UserActivity> {
        Paginator(firstPage: 1, prefetch: prefetch) { number in
            try await activity(userId: userId, startDate: startDate, endDate: endDate, type: type, page: number,
                               pageSize: pageSize ?? 100)
        }
    }
}

extension IconectClient {
    /// Users.
    public nonisolated var users: UsersResource { UsersResource(pipeline: pipeline) }
}
