import Iconect
import MCP

/// Users. Passwords go to the server only; results never carry them.
extension ToolTable {
    static let users: [MCPTool] = [
        MCPTool("iconect_list_users") { arguments, context in
            try await .encoding(context.client.users.list(
                status: arguments.value("status", as: UserStatus.self), role: arguments.string("role"),
                department: arguments.string("department"), searchQuery: arguments.string("searchQuery"), arguments.pagingOptions()))
        },
        MCPTool("iconect_get_user") { arguments, context in
            try await .encoding(context.client.users.get(id: arguments.requiredString("id"),
                                                         includePermissions: arguments.bool("includePermissions")))
        },
        MCPTool("iconect_get_current_user") { arguments, context in
            try await .encoding(context.client.users.me(includePermissions: arguments.bool("includePermissions"),
                                                        includePreferences: arguments.bool("includePreferences")))
        },
        MCPTool("iconect_update_user") { arguments, context in
            try await .encoding(context.client.users.update(id: arguments.requiredString("id"), UserChanges(
                firstName: arguments.string("firstName"), lastName: arguments.string("lastName"),
                displayName: arguments.string("displayName"), email: arguments.string("email"), title: arguments.string("title"),
                department: arguments.string("department"), phone: arguments.string("phone"), timezone: arguments.string("timezone"),
                locale: arguments.string("locale"), avatar: arguments.string("avatar"),
                status: arguments.value("status", as: UserStatus.self), roles: arguments.stringArray("roles"),
                permissions: arguments.stringArray("permissions"))))
        },
        MCPTool("iconect_update_current_user") { arguments, context in
            try await .encoding(context.client.users.updateMe(ProfileChanges(
                firstName: arguments.string("firstName"), lastName: arguments.string("lastName"),
                displayName: arguments.string("displayName"), title: arguments.string("title"),
                department: arguments.string("department"), phone: arguments.string("phone"), timezone: arguments.string("timezone"),
                locale: arguments.string("locale"), avatar: arguments.string("avatar"))))
        },
        MCPTool("iconect_update_user_preferences") { arguments, context in
            try await .encoding(context.client.users.updatePreferences(
                userId: arguments.requiredString("userId"), arguments.requiredObject("preferences")))
        },
        MCPTool("iconect_update_current_user_preferences") { arguments, context in
            try await .encoding(context.client.users.updateMyPreferences(arguments.requiredObject("preferences")))
        },
        MCPTool("iconect_change_password") { arguments, context in
            try await context.client.users.changePassword(
                current: Secret(arguments.requiredString("currentPassword")), new: Secret(arguments.requiredString("newPassword")),
                confirmation: Secret(arguments.requiredString("confirmPassword")))
            return .object(["changed": true])
        },
        MCPTool("iconect_reset_user_password") { arguments, context in
            let userId = try arguments.requiredString("userId")
            try await context.client.users.resetPassword(
                userId: userId, newPassword: Secret(arguments.requiredString("newPassword")),
                requirePasswordChange: arguments.bool("requirePasswordChange"))
            return .object(["reset": true, "userId": .string(userId)])
        },
        MCPTool("iconect_get_user_permissions") { arguments, context in
            try await .encoding(context.client.users.permissions(
                userId: arguments.requiredString("userId"), resource: arguments.string("resource"), action: arguments.string("action")))
        },
        MCPTool("iconect_update_user_roles") { arguments, context in
            try await .encoding(context.client.users.updateRoles(userId: arguments.requiredString("userId"),
                                                                 roles: arguments.requiredStringArray("roles")))
        },
        MCPTool("iconect_get_user_activity") { arguments, context in
            try await .encoding(context.client.users.activity(
                userId: arguments.requiredString("userId"), startDate: arguments.date("startDate"), endDate: arguments.date("endDate"),
                type: arguments.value("activityType", as: ActivityType.self), page: arguments.int("page"),
                pageSize: arguments.int("pageSize")))
        },
    ]
}
