import Foundation
import IconectEmulator
import IconectMCP
import MCP
import Testing

/// At least one read and one write tool of each review-workspace area, through a real MCP client.
@Suite("tools/call: fields, folders, views, panels, users, dashboards", .timeLimit(.minutes(5)))
struct ReviewToolsTests {
    static func id(_ object: [String: Value]) throws -> Value {
        .string(try #require(object["id"]?.stringValue))
    }

    /// Four records of two custodians in the seeded project.
    static func seedRecords(_ harness: MCPHarness) async throws {
        let projectId = Value.string(harness.emulator.seed.projectId)
        for (index, (custodian, pages)) in [("Chen", 3), ("Chen", 4), ("Alvarez", 10), ("Chen", 5)].enumerated() {
            _ = try await harness.success("iconect_create_record", [
                "documentId": .string("MCP-\(index)"), "projectId": projectId,
                "fields": ["custodian": .string(custodian), "pageCount": .int(pages), "title": "Re: budget, \"Q3\""],
            ])
        }
    }

    @Test("fields: create, list, validate a value, usage")
    func fields() async throws {
        try await MCPHarness.with { harness in
            let projectId = Value.string(harness.emulator.seed.projectId)
            let field = try await harness.success("iconect_create_field", [
                "name": "bates", "displayName": "Bates", "fieldType": "text", "dataType": "string", "projectId": projectId,
                "maxLength": 8, "validationRules": ["pattern": "[A-Z]+[0-9]+"],
            ])
            let list = try await harness.success("iconect_list_fields", ["projectId": projectId, "fieldType": "text"])
            #expect(list["total"] == 1)
            let check = try await harness.success("iconect_validate_field_value", ["fieldId": try Self.id(field), "value": "abc-000000001"])
            #expect(check["valid"] == false)
            #expect(Set(check["failedRules"]?.arrayValue?.compactMap { $0.objectValue?["rule"]?.stringValue } ?? []) == ["maxLength", "pattern"])
            let usage = try await harness.success("iconect_get_field_usage", ["fieldId": try Self.id(field)])
            #expect(usage["recordCount"] == 0)
            let unknown = try await harness.failure("iconect_create_field", [
                "name": "x", "displayName": "X", "fieldType": "hologram", "dataType": "string", "projectId": projectId,
            ])
            #expect(unknown["argument"] == "fieldType", "the schema's enum refuses it before any call")
        }
    }

    @Test("folders: create, tree, move (a cycle is an isError conflict), delete")
    func folders() async throws {
        try await MCPHarness.with { harness in
            let projectId = Value.string(harness.emulator.seed.projectId)
            let top = try await harness.success("iconect_create_folder", ["name": "Custodians", "projectId": projectId])
            let child = try await harness.success("iconect_create_folder", ["name": "Chen", "projectId": projectId, "parentId": try Self.id(top)])
            #expect(child["path"] == "/Custodians/Chen")
            let tree = try await harness.success("iconect_get_folder_tree", ["projectId": projectId])
            #expect(tree["folders"]?.arrayValue?.first?.objectValue?["children"]?.arrayValue?.count == 1)
            let cycle = try await harness.failure("iconect_move_folder", ["id": try Self.id(top), "newParentId": try Self.id(child)])
            #expect(cycle["status"] == 409)
            #expect(cycle["code"] == "conflict")
            let refused = try await harness.failure("iconect_delete_folder", ["id": try Self.id(top)])
            #expect(refused["status"] == 409)
            _ = try await harness.success("iconect_delete_folder", ["id": try Self.id(top), "recursive": true])
            #expect(harness.emulator.objects(in: "folders").isEmpty)
        }
    }

    @Test("views and panels: create with a query, data, csv export; a bad query names its member")
    func viewsAndPanels() async throws {
        try await MCPHarness.with { harness in
            try await Self.seedRecords(harness)
            let projectId = Value.string(harness.emulator.seed.projectId)
            let query: Value = ["grouping": ["custodian"], "aggregations": [
                ["function": "count", "alias": "documents"], ["field": "pageCount", "function": "sum", "alias": "pages"],
            ]]
            let view = try await harness.success("iconect_create_view", [
                "name": "by-custodian", "displayName": "By custodian", "type": "grid", "projectId": projectId,
                "baseQuery": query, "displayOptions": [:],
            ])
            let data = try await harness.success("iconect_get_view_data", ["id": try Self.id(view), "sorting": [["field": "pages", "order": "desc"]]])
            let rows = data["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
            #expect(rows.map { $0["custodian"] } == ["Chen", "Alvarez"])
            #expect(rows.map { $0["pages"] } == [12, 10])
            let csv = try await harness.success("iconect_export_view", ["id": try Self.id(view), "format": "csv"])
            #expect(csv["content"]?.stringValue == "custodian,documents,pages\r\nAlvarez,1,10\r\nChen,3,12\r\n")

            let bad = try await harness.failure("iconect_create_view", [
                "name": "bad", "displayName": "Bad", "type": "grid", "projectId": projectId,
                "baseQuery": ["aggregations": [["field": "pageCount"]]], "displayOptions": [:],
            ])
            #expect(bad["argument"] == "baseQuery.aggregations[0].function")
            #expect(harness.emulator.objects(in: "views").count == 1)

            let panel = try await harness.success("iconect_create_panel", [
                "name": "pages", "displayName": "Pages", "type": "chart", "projectId": projectId, "layout": [:],
                "configuration": ["viewId": try Self.id(view), "filters": ["custodian": "Chen"]],
            ])
            let panelData = try await harness.success("iconect_get_panel_data", ["id": try Self.id(panel)])
            #expect(panelData["data"] == [["custodian": "Chen", "documents": 3, "pages": 12]])
        }
    }

    @Test("users: me, preferences, activity; a password change answers no secret")
    func users() async throws {
        try await MCPHarness.with { harness in
            let me = try await harness.success("iconect_get_current_user", ["includePermissions": true])
            #expect(me["username"] == "demo")
            let preferences = try await harness.success("iconect_update_current_user_preferences", ["preferences": ["theme": "dark"]])
            #expect(preferences["preferences"] == ["theme": "dark"])
            let activity = try await harness.success("iconect_get_user_activity", ["userId": try Self.id(me), "activityType": "login"])
            #expect((activity["total"]?.intValue ?? 0) >= 1, "the server's own sign-in was recorded")
            let changed = try await harness.success("iconect_change_password", [
                "currentPassword": "demo-password", "newPassword": "Mcp-changed-pass-1", "confirmPassword": "Mcp-changed-pass-1",
            ])
            #expect(changed == ["changed": true])
            let mismatch = try await harness.failure("iconect_change_password", [
                "currentPassword": "Mcp-changed-pass-1", "newPassword": "Another-pass-22", "confirmPassword": "Another-pass-23",
            ])
            #expect(mismatch["argument"] == "confirmPassword")
            #expect(mismatch["message"]?.stringValue?.contains("Another-pass") == false)
        }
    }

    @Test("dashboards: create, add a widget, its data, share")
    func dashboards() async throws {
        try await MCPHarness.with { harness in
            try await Self.seedRecords(harness)
            let projectId = Value.string(harness.emulator.seed.projectId)
            let dashboard = try await harness.success("iconect_create_dashboard", ["name": "Ops", "layout": [:], "projectId": projectId])
            let widget = try await harness.success("iconect_add_widget", [
                "dashboardId": try Self.id(dashboard),
                "widget": ["type": "metric", "title": "Documents", "configuration": ["aggregations": [["function": "count", "alias": "n"]]]],
            ])
            let data = try await harness.success("iconect_get_widget_data", [
                "dashboardId": try Self.id(dashboard), "widgetId": try Self.id(widget), "filters": ["custodian": "Chen"],
            ])
            #expect(data["data"] == [["n": 3]])
            let share = try await harness.success("iconect_share_dashboard", [
                "id": try Self.id(dashboard), "shareType": "token", "expiresAt": "2099-01-01T00:00:00Z", "permissions": ["view"],
            ])
            #expect(share["token"]?.stringValue?.isEmpty == false)
            let missing = try await harness.failure("iconect_add_widget", ["dashboardId": try Self.id(dashboard), "widget": ["type": "chart"]])
            #expect(missing["argument"] == "widget.title")
        }
    }
}
