import HTTPTypes

/// Users: seeded from the configuration; `/users/me` is the token's subject. Roles come from ``Roles``; preferences and
/// activity live in the ``UserDirectory``. Passwords: `EmulatorState+Passwords.swift`.
extension EmulatorState {
    static var userRoutes: [Route] {
        [
            Route("GET", "/v1/users/me") { state, request in try state.currentUser(request) },
            Route("PUT", "/v1/users/me") { state, request in try state.updateCurrentUser(request) },
            Route("PUT", "/v1/users/me/preferences") { state, request in try state.updateCurrentUserPreferences(request) },
            Route("POST", "/v1/users/me/change-password") { state, request in try state.changePassword(request) },
            Route("GET", "/v1/users/{id}") { state, request in try state.getUser(request) },
            Route("PUT", "/v1/users/{id}") { state, request in try state.updateUser(request) },
            Route("PUT", "/v1/users/{userId}/preferences") { state, request in try state.updateUserPreferences(request) },
            Route("POST", "/v1/users/{userId}/reset-password") { state, request in try state.resetPassword(request) },
            Route("GET", "/v1/users/{userId}/permissions") { state, request in try state.userPermissions(request) },
            Route("PUT", "/v1/users/{userId}/roles") { state, request in try state.updateUserRoles(request) },
            Route("GET", "/v1/users/{userId}/activity") { state, request in try state.userActivity(request) },
        ]
    }

    /// The user objects seeded for the configured users: the first is an administrator.
    func seedUsers(stamp: JSON) {
        for (index, user) in configuration.users.enumerated() {
            store("users")?.put([
                "id": .string(ids.next("usr")), "username": .string(user.username), "displayName": .string(user.username),
                "email": .string("\(user.username)@example.com"), "status": "active", "department": "Litigation Support",
                "roles": index == 0 ? ["admin", "reviewer"] : ["reviewer"],
                "permissions": ["records:read", "records:write", "files:read", "files:write"],
                "createdDate": stamp, "modifiedDate": stamp,
            ])
        }
    }

    /// The user object of a user name, if there is one.
    func user(named username: String) -> [String: JSON]? {
        store("users")?.filter { $0["username"]?.stringValue == username }.first
    }

    func currentUserObject(_ request: APIRequest) throws(APIError) -> [String: JSON] {
        guard let user = user(named: request.actor) else { throw APIError.notFound("User", request.actor) }
        return user
    }

    /// A user as answered: with `effectivePermissions` and `preferences` when asked.
    private func present(_ user: [String: JSON], permissions: Bool, preferences: Bool) -> Reply {
        var object = user
        if permissions { object["effectivePermissions"] = .array(Roles.permissions(of: user).map { .string($0.permission) }) }
        if preferences, let id = user["id"]?.stringValue { object["preferences"] = .object(directory.preferences(of: id)) }
        return .json(.object(object))
    }

    func currentUser(_ request: APIRequest) throws(APIError) -> Reply {
        present(try currentUserObject(request), permissions: request.query.bool("includePermissions") == true,
                preferences: request.query.bool("includePreferences") == true)
    }

    func getUser(_ request: APIRequest) throws(APIError) -> Reply {
        present(try requireObject("users", request.param("id")), permissions: request.query.bool("includePermissions") == true,
                preferences: false)
    }

    /// `PUT /users/{id}`: roles must be known, direct permissions `resource:action`.
    func updateUser(_ request: APIRequest) throws(APIError) -> Reply {
        let body = try request.jsonObject()
        var errors = ValidationErrors()
        if let roles = body["roles"]?.arrayValue {
            let unknown = roles.compactMap(\.stringValue).filter { Roles.table[$0] == nil }
            if !unknown.isEmpty {
                errors.add("roles", "Unknown role \(unknown.joined(separator: ", ")); roles are: \(Roles.names.joined(separator: ", "))")
            }
        }
        if let permissions = body["permissions"]?.arrayValue, !permissions.allSatisfy({ Roles.isPermission($0.stringValue ?? "") }) {
            errors.add("permissions", "permissions must be resource:action strings (records:read)")
        }
        if let email = body["email"]?.stringValue, !email.contains("@") { errors.add("email", "email must be an e-mail address") }
        try errors.throwIfAny()
        return try updateObject("users", request)
    }

    /// `PUT /users/me`: the profile only; status, roles, permissions and e-mail are an administrator's (`PUT /users/{id}`).
    func updateCurrentUser(_ request: APIRequest) throws(APIError) -> Reply {
        let body = try request.jsonObject()
        for key in ["status", "roles", "permissions", "email", "username"] where body[key] != nil {
            throw APIError.validation(key, "\(key) cannot be changed through /users/me")
        }
        var forwarded = request
        forwarded.params["id"] = try currentUserObject(request)["id"]?.stringValue ?? ""
        return try updateUser(forwarded)
    }

    func updateUserRoles(_ request: APIRequest) throws(APIError) -> Reply {
        let body = try request.jsonObject()
        guard let roles = body["roles"], CollectionSpec.conforms(roles, to: .stringArray) else {
            throw APIError.validation("roles", "roles must be an array of strings")
        }
        var forwarded = request
        forwarded.params["id"] = request.param("userId")
        _ = try requireObject("users", forwarded.param("id"))
        return try updateUser(forwarded)
    }

    func updateUserPreferences(_ request: APIRequest) throws(APIError) -> Reply {
        try mergePreferences(request, into: try requireObject("users", request.param("userId")))
    }

    func updateCurrentUserPreferences(_ request: APIRequest) throws(APIError) -> Reply {
        try mergePreferences(request, into: try currentUserObject(request))
    }

    /// `{preferences: {...}}` merged into the stored ones; answers `{userId, preferences}`.
    private func mergePreferences(_ request: APIRequest, into user: [String: JSON]) throws(APIError) -> Reply {
        guard let changes = try request.jsonObject()["preferences"]?.objectValue else {
            throw APIError.validation("preferences", "preferences is required and must be an object")
        }
        let id = user["id"]?.stringValue ?? ""
        let merged = directory.mergePreferences(changes, into: id)
        recordActivity(userId: id, type: "action", "Preferences changed", details: ["keys": .array(changes.keys.sorted().map(JSON.string))])
        return .json(["userId": .string(id), "preferences": .object(merged)])
    }

    /// `GET /users/{userId}/permissions?resource=&action=`: `{userId, roles, permissions: [{resource, action, source}]}`.
    func userPermissions(_ request: APIRequest) throws(APIError) -> Reply {
        let user = try requireObject("users", request.param("userId"))
        let resource = request.query["resource"].flatMap { $0.isEmpty ? nil : $0 }
        let action = request.query["action"].flatMap { $0.isEmpty ? nil : $0 }
        let permissions: [JSON] = Roles.permissions(of: user).compactMap { entry in
            let parts = entry.permission.split(separator: ":").map(String.init)
            guard parts.count == 2, resource == nil || parts[0] == resource, action == nil || parts[1] == action else { return nil }
            return ["resource": .string(parts[0]), "action": .string(parts[1]), "source": .string(entry.source)]
        }
        return .json(["userId": user["id"] ?? .null, "roles": user["roles"] ?? [], "permissions": .array(permissions)])
    }
}
