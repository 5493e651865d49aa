import HTTPTypes

/// Users: seeded from the configuration; `/users/me` is the token's subject.
extension EmulatorState {
    /// The user objects seeded for the configured users.
    func seedUsers(stamp: JSON) {
        for (index, user) in configuration.users.enumerated() {
            store("users")?.put([
                "id": .string(ids.next("usr")), "username": .string(user.username), "displayName": .string(user.username),
                "email": .string("\(user.username)@example.com"), "status": "active",
                "roles": index == 0 ? ["admin", "reviewer"] : ["reviewer"],
                "permissions": ["records:read", "records:write", "files:read", "files:write"],
                "preferences": .object([:]), "createdDate": stamp, "modifiedDate": stamp,
            ])
        }
    }

    private func currentUserObject(_ request: APIRequest) throws(APIError) -> [String: JSON] {
        let subject = request.actor
        guard let user = store("users")?.filter({ $0["username"]?.stringValue == subject }).first else {
            throw APIError.notFound("User", subject)
        }
        return user
    }

    func currentUser(_ request: APIRequest) throws(APIError) -> Reply {
        .json(.object(try currentUserObject(request)))
    }

    func updateCurrentUser(_ request: APIRequest) throws(APIError) -> Reply {
        var forwarded = request
        forwarded.params["id"] = try currentUserObject(request)["id"]?.stringValue ?? ""
        return try updateObject("users", forwarded)
    }

    func updateUserRoles(_ request: APIRequest) throws(APIError) -> Reply {
        let body = try request.jsonObject()
        guard let roles = body["roles"], CollectionSpec.conforms(roles, to: .stringArray) else {
            throw APIError.validation("roles", "roles must be an array of strings")
        }
        let id = request.param("userId")
        guard let updated = store("users")?.update(id, { $0["roles"] = roles }) else { throw APIError.notFound("User", id) }
        return .json(.object(updated))
    }
}
