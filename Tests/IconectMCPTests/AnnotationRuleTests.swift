import IconectMCP
import MCP
import Testing

/// The annotation rule of issue 10, stated here on its own and checked against all 148 catalogue schemas (not only the
/// tools served today), read from the parsed catalogue rather than from the Swift schemas the rule is computed from.
@Suite("Annotations follow one rule over the whole catalogue", .timeLimit(.minutes(10)))
struct AnnotationRuleTests {
    /// What the rule gives a tool.
    struct Expected: Equatable, CustomStringConvertible {
        var readOnly: Bool
        var destructive: Bool
        var idempotent: Bool
        var openWorld: Bool

        var description: String { "readOnly \(readOnly), destructive \(destructive), idempotent \(idempotent), openWorld \(openWorld)" }
    }

    /// `POST`s that compute an answer: their last path segment.
    static let readingPostSegments: Set<String> = ["data", "export", "validate", "render", "preview"]
    /// `POST`s that may delete, stop or replace: bulk delete, job cancel, a delete job, and the other replacing actions.
    static let destructivePosts: Set<String> = [
        "iconect_bulk_update_records", "iconect_create_delete_job", "iconect_create_custom_job",
        "iconect_create_job_from_template", "iconect_control_job", "iconect_move_folder", "iconect_apply_theme",
        "iconect_import_theme", "iconect_change_password", "iconect_reset_user_password",
    ]

    static func expected(_ operation: CatalogueSnapshot.Operation, addedParameters: [String]) -> Expected {
        switch (operation.method, operation.name) {
        case ("GET"?, _) where addedParameters.contains("outputPath"):
            // Reads from the API but may write (and with overwrite replace) a file here.
            return Expected(readOnly: false, destructive: true, idempotent: true, openWorld: true)
        case ("GET"?, _):
            return Expected(readOnly: true, destructive: false, idempotent: true, openWorld: true)
        case ("PUT"?, _), ("DELETE"?, _):
            return Expected(readOnly: false, destructive: true, idempotent: true, openWorld: true)
        case ("POST"?, let name):
            if let last = operation.path?.split(separator: "/").last, readingPostSegments.contains(String(last)) {
                return Expected(readOnly: true, destructive: false, idempotent: true, openWorld: true)
            }
            return Expected(readOnly: false, destructive: destructivePosts.contains(name), idempotent: false, openWorld: true)
        case (nil, "iconect_get_auth_status"):
            return Expected(readOnly: true, destructive: false, idempotent: true, openWorld: false)
        case (nil, "iconect_generate_auth_url"):
            return Expected(readOnly: false, destructive: false, idempotent: false, openWorld: false)
        case (nil, "iconect_logout"):
            return Expected(readOnly: false, destructive: false, idempotent: true, openWorld: true)
        case (nil, "iconect_configure"):
            // Re-points all traffic and drops the sign-in: never read-only or idempotent, open-world.
            return Expected(readOnly: false, destructive: true, idempotent: false, openWorld: true)
        default:
            // The sign-ins send credentials to the configured server.
            return Expected(readOnly: false, destructive: false, idempotent: false, openWorld: true)
        }
    }

    @Test("every catalogue schema's annotations, with a title")
    func everySchema() throws {
        let catalogue = try CatalogueSnapshot.load()
        #expect(catalogue.operations.count == 148)
        for operation in catalogue.operations {
            let schema = try #require(ToolSchema.named(operation.name))
            let added = catalogue.overrides[operation.name]?.added ?? []
            let hints = schema.annotations
            let actual = Expected(readOnly: hints.readOnlyHint == true, destructive: hints.destructiveHint == true,
                                  idempotent: hints.idempotentHint == true, openWorld: hints.openWorldHint == true)
            #expect(actual == Self.expected(operation, addedParameters: added), "\(operation.name)")
            #expect(hints.readOnlyHint != nil && hints.destructiveHint != nil && hints.idempotentHint != nil
                    && hints.openWorldHint != nil, "\(operation.name) leaves a hint out")
            #expect(hints.title?.isEmpty == false, "\(operation.name) has no title")
        }
        #expect(ToolSchema.named("iconect_get_project")?.annotations.title == "Get project")
    }

    @Test("the issue's named cases")
    func namedCases() throws {
        func hints(_ name: String) throws -> Tool.Annotations { try #require(ToolSchema.named(name)).annotations }
        for name in ["iconect_bulk_update_records", "iconect_control_job", "iconect_delete_folder", "iconect_delete_record"] {
            #expect(try hints(name).destructiveHint == true, "\(name)")
        }
        for name in ["iconect_configure", "iconect_auth_password"] {
            #expect(try hints(name).readOnlyHint == false && hints(name).idempotentHint == false
                    && hints(name).openWorldHint == true, "\(name)")
        }
        #expect(try hints("iconect_update_record").idempotentHint == true)
        #expect(try hints("iconect_get_view_data").readOnlyHint == true)
        // With outputPath it writes a file; a read-only server serves it without outputPath, and then it only reads.
        let download = try #require(ToolSchema.named("iconect_download_file"))
        #expect(download.annotations.readOnlyHint == false)
        let narrowed = try #require(download.readingOnly)
        #expect(narrowed.annotations.readOnlyHint == true)
        #expect(narrowed.parameter("outputPath") == nil && narrowed.parameter("overwrite") == nil)
        #expect(try #require(ToolSchema.named("iconect_delete_project")).readingOnly == nil)
    }

    @Test("tools/list carries the rule's annotations and titles for every served tool")
    func servedDefinitions() async throws {
        try await MCPHarness.with { harness in
            let (tools, _) = try await harness.client.listTools()
            for tool in tools {
                let schema = try #require(ToolSchema.named(tool.name))
                #expect(tool.annotations == schema.annotations, "\(tool.name)")
                #expect(tool.title == schema.title, "\(tool.name)")
            }
        }
    }
}
