import Foundation
import IconectEmulator
import IconectMCP
import MCP
import Testing

@Suite("tools/call of jobs, templates and themes", .timeLimit(.minutes(10)))
struct WorkflowToolTests {
    @Test("jobs: templates listed, a custom job created, paused, read back; a bad cron is named")
    func jobTools() async throws {
        try await MCPHarness.with { harness in
            let projectId = Value.string(harness.emulator.seed.projectId)
            let templates = try await harness.success("iconect_list_job_templates", ["isSystem": true, "pageSize": 10])
            #expect(templates["total"] == 4)
            let queue = try await harness.success("iconect_create_job_queue", ["name": "Q", "projectId": projectId, "maxConcurrentJobs": 1])
            let queueId = try #require(queue["id"])
            _ = try await harness.success("iconect_update_job_queue", ["id": queueId, "isActive": false])
            let job = try await harness.success("iconect_create_custom_job", [
                "name": "nightly export", "type": "export", "projectId": projectId, "priority": "high",
                "scheduledStart": "2020-01-01T00:00:00Z", "configuration": ["totalItems": 10, "queueId": queueId],
            ])
            #expect(job["status"] == "pending")
            #expect(job["type"] == "export")
            let id = try #require(job["id"])
            let conflict = try await harness.failure("iconect_control_job", ["id": id, "action": "resume"])
            #expect(conflict["code"] == "conflict")
            #expect(conflict["serverCode"] == "INVALID_JOB_STATE")
            let paused = try await harness.success("iconect_control_job", ["id": id, "action": "cancel", "reason": "not tonight"])
            #expect(paused["status"] == "cancelled")
            let read = try await harness.success("iconect_get_job", ["id": id, "includeLogs": true])
            #expect(read["logs"]?.arrayValue?.last?.objectValue?["message"] == "Job cancel: not tonight → cancelled")
            let logs = try await harness.success("iconect_get_job_logs", ["id": id, "level": "warn"])
            #expect(logs["total"] == 1)
            let listed = try await harness.success("iconect_list_jobs", ["status": "cancelled", "sortBy": "name"])
            #expect(listed["total"] == 1)
            let schedule = try await harness.failure("iconect_create_job_schedule", [
                "name": "nightly", "cronExpression": "0 2 * *", "configuration": ["projectId": projectId],
            ])
            #expect(schedule["fields"]?.objectValue?["cronExpression"] != nil)
            let badDate = try await harness.failure("iconect_update_job", ["id": id, "scheduledStart": "tomorrow"])
            #expect(badDate["argument"] == "scheduledStart")
        }
    }

    @Test("templates: created, variables read, rendered as html with escaped values")
    func templateTools() async throws {
        try await MCPHarness.with { harness in
            let template = try await harness.success("iconect_create_template", [
                "name": "notice", "displayName": "Notice", "type": "notification",
                "content": ["body": "Hi {{name}}", "html": "<p>Hi {{name}}</p>"],
            ])
            let id = try #require(template["id"])
            let variables = try await harness.success("iconect_get_template_variables", ["id": id])
            #expect(variables["data"]?.arrayValue?.first?.objectValue?["name"] == "name")
            let rendered = try await harness.success("iconect_render_template", ["id": id, "variables": ["name": "<b>Bo</b>"],
                                                                                "outputFormat": "html"])
            #expect(rendered["content"] == "<p>Hi &lt;b&gt;Bo&lt;/b&gt;</p>")
            let validation = try await harness.success("iconect_validate_template", ["id": id, "variables": [:]])
            #expect(validation["missing"] == ["name"])
        }
    }

    @Test("themes: listed, created, applied to a project, current, exported as css and imported back")
    func themeTools() async throws {
        try await MCPHarness.with { harness in
            let themes = try await harness.success("iconect_list_themes", ["isSystem": true])
            #expect(themes["total"] == 2)
            let theme = try await harness.success("iconect_create_theme", [
                "name": "Ocean", "type": "light", "colors": ["primary": "#0055aa", "background": "#fff", "text": "#111"],
            ])
            let id = try #require(theme["id"])
            let projectId = Value.string(harness.emulator.seed.projectId)
            let applied = try await harness.success("iconect_apply_theme", ["themeId": id, "scope": "project", "targetId": projectId])
            #expect(applied["source"] == "project")
            let current = try await harness.success("iconect_get_current_theme", ["scope": "project", "targetId": projectId])
            #expect(current["themeId"] == id)
            let css = try await harness.success("iconect_export_theme", ["id": id, "format": "css"])
            let content = try #require(css["content"])
            let imported = try await harness.success("iconect_import_theme", ["name": "Ocean copy", "format": "css", "data": content])
            #expect(imported["colors"] == theme["colors"])
            let invalid = try await harness.success("iconect_validate_theme", ["themeData": ["name": "x", "type": "light", "colors": [:]]])
            #expect(invalid["valid"] == false)
        }
    }
}
