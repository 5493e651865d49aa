import MCP

/// The annotations of every tool, from one rule applied to the catalogue rather than chosen row by row.
///
/// - `GET` and the `POST`s that only compute an answer (view, panel and widget data, exports, validation, rendering,
///   previews) read: read-only, idempotent.
/// - `PUT` replaces what exists: destructive, idempotent. `DELETE` removes: destructive, idempotent.
/// - Other `POST`s add something (calling twice adds two): not idempotent; destructive when they remove or stop
///   things (bulk operations, which may delete; delete jobs; job control, which may cancel; folder moves).
/// - The tools that call no route change this server's session: configuration and sign-in point the client at a server
///   and send credentials (neither read-only nor idempotent, open-world); the rest read or clear local state.
extension ToolSchema {
    /// The last path segments of `POST` routes that read and compute, changing nothing on the server.
    static let readingActions: Set<Substring> = ["data", "export", "validate", "render", "preview"]

    /// `POST` tools that may destroy data.
    static let destructivePosts: Set<String> = [
        "iconect_bulk_update_records", "iconect_create_delete_job", "iconect_control_job", "iconect_move_folder",
    ]

    /// The tool's annotations under the rule above, with a title made from its name.
    public var annotations: Tool.Annotations {
        let title = self.title
        switch method {
        case "GET"?:
            return Tool.Annotations(title: title, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true)
        case "PUT"?, "DELETE"?:
            return Tool.Annotations(title: title, readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true)
        case "POST"?:
            if let last = path?.split(separator: "/").last, Self.readingActions.contains(last) {
                return Tool.Annotations(title: title, readOnlyHint: true, destructiveHint: false, idempotentHint: true,
                                        openWorldHint: true)
            }
            return Tool.Annotations(title: title, readOnlyHint: false, destructiveHint: Self.destructivePosts.contains(name),
                                    idempotentHint: false, openWorldHint: true)
        default:
            return localAnnotations(title: title)
        }
    }

    /// The tools with no route: `iconect_configure` and the auth tools.
    private func localAnnotations(title: String) -> Tool.Annotations {
        switch name {
        case "iconect_get_auth_status", "iconect_generate_auth_url":
            return Tool.Annotations(title: title, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)
        case "iconect_logout":
            return Tool.Annotations(title: title, readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true)
        default:
            // iconect_configure re-points all traffic; the sign-in tools send credentials to the configured server.
            return Tool.Annotations(title: title, readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true)
        }
    }

    /// "Get project" from `iconect_get_project`.
    public var title: String {
        let words = name.dropFirst("iconect_".count).split(separator: "_").joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
