import HTTPTypes

/// Passwords and activity: what the token endpoint accepts changes with them, and it records each sign-in.
extension EmulatorState {
    /// `POST /users/me/change-password {currentPassword, newPassword, confirmPassword}` → 204.
    func changePassword(_ request: APIRequest) throws(APIError) -> Reply {
        let body = try request.jsonObject()
        var errors = ValidationErrors()
        for key in ["currentPassword", "newPassword", "confirmPassword"] where (body[key]?.stringValue ?? "").isEmpty {
            errors.add(key, "\(key) is required")
        }
        try errors.throwIfAny()
        let (current, new) = (body["currentPassword"]?.stringValue ?? "", body["newPassword"]?.stringValue ?? "")
        guard body["confirmPassword"]?.stringValue == new else {
            throw APIError.validation("confirmPassword", "confirmPassword does not match newPassword")
        }
        let user = try currentUserObject(request)
        let id = user["id"]?.stringValue ?? ""
        guard directory.verify(username: request.actor, password: current) else {
            recordActivity(userId: id, type: "error", "Password change refused: the current password is wrong")
            throw APIError.validation("currentPassword", "currentPassword is wrong")
        }
        var problems = Roles.passwordProblems(new, username: request.actor)
        if new == current { problems.append("newPassword must differ from the current password") }
        if !problems.isEmpty { throw APIError.validation(["newPassword": problems], message: problems[0]) }
        directory.setPassword(new, for: request.actor)
        _ = store("users")?.update(id) { $0["requirePasswordChange"] = false }
        recordActivity(userId: id, type: "action", "Password changed")
        return .noContent
    }

    /// `POST /users/{userId}/reset-password {newPassword, requirePasswordChange?}` → 204; needs `users:admin`.
    func resetPassword(_ request: APIRequest) throws(APIError) -> Reply {
        let actor = try currentUserObject(request)
        guard Roles.permissions(of: actor).contains(where: { $0.permission == "users:admin" }) else {
            throw APIError(status: .forbidden, code: "FORBIDDEN", message: "Resetting a password needs the users:admin permission")
        }
        let target = try requireObject("users", request.param("userId"))
        let body = try request.jsonObject()
        guard let new = body["newPassword"]?.stringValue, !new.isEmpty else {
            throw APIError.validation("newPassword", "newPassword is required")
        }
        if let flag = body["requirePasswordChange"], !flag.isNull, flag.boolValue == nil {
            throw APIError.validation("requirePasswordChange", "requirePasswordChange must be a boolean")
        }
        let username = target["username"]?.stringValue ?? ""
        let problems = Roles.passwordProblems(new, username: username)
        if !problems.isEmpty { throw APIError.validation(["newPassword": problems], message: problems[0]) }
        guard !username.isEmpty else { throw APIError.conflict("User '\(request.param("userId"))' has no user name to sign in with") }
        directory.setPassword(new, for: username)
        let id = target["id"]?.stringValue ?? ""
        _ = store("users")?.update(id) { $0["requirePasswordChange"] = .bool(body["requirePasswordChange"]?.boolValue ?? false) }
        recordActivity(userId: id, type: "action", "Password reset by \(request.actor)")
        return .noContent
    }

    /// Records a password sign-in (or a refused one, as `error`) of a known user, and stamps `lastLoginDate`.
    func recordSignIn(_ username: String, succeeded: Bool) {
        guard let id = user(named: username)?["id"]?.stringValue else { return }
        if succeeded {
            _ = store("users")?.update(id) { $0["lastLoginDate"] = .string(ISODate.string(ISODate.nowSeconds)) }
            recordActivity(userId: id, type: "login", "Signed in")
        } else {
            recordActivity(userId: id, type: "error", "Sign-in refused: wrong password")
        }
    }

    /// Records a sign-out (a revoked refresh token) of a known user.
    func recordSignOut(_ username: String) {
        guard let id = user(named: username)?["id"]?.stringValue else { return }
        recordActivity(userId: id, type: "logout", "Signed out")
    }

    func recordActivity(userId: String, type: String, _ description: String, details: [String: JSON] = [:]) {
        directory.record([
            "id": .string(ids.next("act")), "userId": .string(userId), "type": .string(type),
            "timestamp": .string(ISODate.string(ISODate.nowSeconds)), "description": .string(description), "details": .object(details),
        ], for: userId)
    }

    /// `GET /users/{userId}/activity?startDate=&endDate=&type=&page=&pageSize=`, newest first.
    func userActivity(_ request: APIRequest) throws(APIError) -> Reply {
        let user = try requireObject("users", request.param("userId"))
        let paging = try Paging(request.query, maxPageSize: 100)
        var errors = ValidationErrors()
        var bounds: [String: Double] = [:]
        for key in ["startDate", "endDate"] {
            guard let text = request.query[key], !text.isEmpty else { continue }
            guard let instant = ISODate.parse(text) else {
                errors.add(key, "\(key) must be an ISO-8601 date")
                continue
            }
            bounds[key] = key == "endDate" && text.count == 10 ? instant + 86_399 : instant
        }
        let type = request.query["type"].flatMap { $0.isEmpty ? nil : $0 }
        if let type, !["login", "logout", "action", "error"].contains(type) {
            errors.add("type", "type must be one of: login, logout, action, error")
        }
        try errors.throwIfAny()
        let entries = directory.activity(of: user["id"]?.stringValue ?? "").reversed().filter { entry in
            let instant = entry["timestamp"]?.stringValue.flatMap(ISODate.parse) ?? 0
            if let start = bounds["startDate"], instant < start { return false }
            if let end = bounds["endDate"], instant > end { return false }
            return type == nil || entry["type"]?.stringValue == type
        }
        let window = paging.range(total: entries.count)
        return .json(paging.envelope(total: entries.count) { writer in
            for entry in entries[window] { writer.value(.object(entry)) }
        })
    }
}
