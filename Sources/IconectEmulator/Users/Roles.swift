/// The roles the emulator knows and the permissions (`resource:action`) each grants.
enum Roles {
    static let resources = [
        "projects", "records", "files", "fields", "folders", "views", "panels", "dashboards", "users", "jobs", "templates", "themes",
    ]
    static let reviewed = ["fields", "folders", "views", "panels", "dashboards"]

    static let table: [String: [String]] = [
        "admin": resources.flatMap { resource in ["read", "write", "delete", "admin"].map { "\(resource):\($0)" } },
        "manager": resources.filter { $0 != "users" }.flatMap { resource in ["read", "write", "delete"].map { "\(resource):\($0)" } }
            + ["users:read"],
        "reviewer": ["records:read", "records:write", "files:read"] + reviewed.map { "\($0):read" },
        "viewer": ["records:read", "files:read"] + reviewed.map { "\($0):read" },
    ]

    static var names: [String] { table.keys.sorted() }

    /// Whether a direct grant reads as `resource:action`.
    static func isPermission(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
    }

    /// Every permission of a user object, with where it comes from (`role:<name>` or `direct`), first source kept.
    static func permissions(of user: [String: JSON]) -> [(permission: String, source: String)] {
        var seen: Set<String> = []
        var result: [(String, String)] = []
        for role in (user["roles"]?.arrayValue ?? []).compactMap(\.stringValue) {
            for permission in table[role] ?? [] where seen.insert(permission).inserted { result.append((permission, "role:" + role)) }
        }
        for permission in (user["permissions"]?.arrayValue ?? []).compactMap(\.stringValue) where seen.insert(permission).inserted {
            result.append((permission, "direct"))
        }
        return result.sorted { $0.0 < $1.0 }
    }

    /// Why a password breaks the policy (empty when it does not): at least 12 characters, a letter and a digit, not the
    /// user name.
    static func passwordProblems(_ password: String, username: String) -> [String] {
        var problems: [String] = []
        if password.count < 12 { problems.append("newPassword must be at least 12 characters") }
        if !password.contains(where: \.isLetter) || !password.contains(where: \.isNumber) {
            problems.append("newPassword must contain a letter and a digit")
        }
        if !username.isEmpty, password.lowercased().contains(username.lowercased()) {
            problems.append("newPassword must not contain the user name")
        }
        return problems
    }
}
