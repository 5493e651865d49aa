import MCP

/// The annotations of every tool, from one rule applied to the catalogue schema rather than chosen row by row, so the rows
/// added later get honest hints for free.
///
/// - `GET` reads: read-only, not destructive, idempotent. A `GET` tool that can write a file on the server's machine
///   (an `outputPath` argument) is not read-only: it is destructive (`overwrite: true` replaces a file) and idempotent.
/// - `POST`s that only compute an answer (view, panel and widget data, exports, validation, rendering, previews; the last
///   path segment says which) read like a `GET`.
/// - `PUT` replaces what exists: destructive, idempotent. `DELETE` removes: destructive, idempotent.
/// - Other `POST`s add something (calling twice adds two): not idempotent; destructive when they may remove, stop or
///   replace things (``destructivePosts``).
/// - The tools that call no route act on this server's session. `iconect_configure` re-points all traffic and drops the
///   current sign-in, and the sign-in tools send credentials to the configured server: none is read-only or idempotent,
///   all are open-world. `iconect_generate_auth_url` replaces the kept PKCE verifier (not read-only, not idempotent, local);
///   `iconect_logout` clears tokens (idempotent); `iconect_get_auth_status` only reads local state.
extension ToolSchema {
    /// The last path segments of `POST` routes that read and compute, changing nothing on the server.
    static let readingActions: Set<Substring> = ["data", "export", "validate", "render", "preview"]

    /// `POST` tools that may destroy or replace data, each for a reason the catalogue gives.
    static let destructivePosts: Set<String> = [
        "iconect_bulk_update_records",  // action delete, or update/move over many records
        "iconect_create_delete_job",  // deletes records
        "iconect_create_custom_job",  // move and transform jobs
        "iconect_create_job_from_template",  // a template may be a delete job
        "iconect_control_job",  // cancel
        "iconect_move_folder",  // re-parents a folder and its contents
        "iconect_apply_theme",  // replaces the current theme
        "iconect_import_theme",  // overwrite: true replaces a theme
        "iconect_change_password", "iconect_reset_user_password",  // replace a credential
    ]

    /// Whether the tool can write a file on the server's machine (`outputPath`).
    public var writesLocalFiles: Bool { parameter("outputPath") != nil }

    /// The tool's annotations under the rule above, with a title made from its name.
    public var annotations: Tool.Annotations {
        switch method {
        case "GET"? where writesLocalFiles:
            return hints(readOnly: false, destructive: true, idempotent: true)
        case "GET"?:
            return hints(readOnly: true, destructive: false, idempotent: true)
        case "PUT"?, "DELETE"?:
            return hints(readOnly: false, destructive: true, idempotent: true)
        case "POST"?:
            if let last = path?.split(separator: "/").last, Self.readingActions.contains(last) {
                return hints(readOnly: true, destructive: false, idempotent: true)
            }
            return hints(readOnly: false, destructive: Self.destructivePosts.contains(name), idempotent: false)
        default:
            return localAnnotations
        }
    }

    /// The tools with no route: `iconect_configure` and the auth tools.
    private var localAnnotations: Tool.Annotations {
        switch name {
        case "iconect_get_auth_status":
            return hints(readOnly: true, destructive: false, idempotent: true, openWorld: false)
        case "iconect_generate_auth_url":
            return hints(readOnly: false, destructive: false, idempotent: false, openWorld: false)
        case "iconect_logout":
            return hints(readOnly: false, destructive: false, idempotent: true)
        case "iconect_configure":
            return hints(readOnly: false, destructive: true, idempotent: false)
        default:
            // The sign-in tools: credentials go to the configured server, and each call makes a new grant.
            return hints(readOnly: false, destructive: false, idempotent: false)
        }
    }

    private func hints(readOnly: Bool, destructive: Bool, idempotent: Bool, openWorld: Bool = true) -> Tool.Annotations {
        Tool.Annotations(title: title, readOnlyHint: readOnly, destructiveHint: destructive, idempotentHint: idempotent,
                         openWorldHint: openWorld)
    }

    /// "Get project" from `iconect_get_project`.
    public var title: String {
        let words = name.dropFirst("iconect_".count).split(separator: "_").joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
