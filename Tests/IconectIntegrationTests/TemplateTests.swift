import Foundation
import Iconect
import IconectEmulator
import Testing

@Suite("Templates against the emulator", .timeLimit(.minutes(10)))
struct TemplateTests {
    static func holdNotice(_ client: IconectClient, _ projectId: String) async throws -> Template {
        try await client.templates.create(NewTemplate(
            name: "hold-notice", displayName: "Legal hold notice", type: .email,
            content: ["subject": "Hold: {{matter}}", "body": "Dear {{custodian}},\nkeep {{matter}} documents.",
                      "html": "<p>Dear <b>{{custodian}}</b>, keep {{ matter }} documents.</p>"],
            category: "legal", projectId: projectId, validation: ["required": ["deadline"]]))
    }

    @Test("CRUD, duplicate, lists by filter, content on request", arguments: TransportKind.allCases)
    func crud(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let template = try await Self.holdNotice(client, projectId)
            #expect(template.type == .email)
            #expect(template.isActive == true)
            #expect(template.content?["subject"] == "Hold: {{matter}}")
            #expect(try await client.templates.get(id: template.id) == template)
            #expect(try await client.templates.get(id: template.id, includeContent: false).content == nil)

            let copy = try await client.templates.duplicate(id: template.id, newName: "hold-notice-2", newDisplayName: "Copy")
            #expect(copy.id != template.id)
            #expect(copy.displayName == "Copy")
            #expect(copy.content == template.content)
            #expect(try await client.templates.list(type: .email, category: "legal").total == 2)
            #expect(try await client.templates.list(type: .report).total == 0)
            #expect(try await client.templates.paginate(projectId: projectId, isActive: true).collect().count == 2)

            let changed = try await client.templates.update(id: copy.id, TemplateChanges(displayName: "Renamed", isActive: false))
            #expect(changed.displayName == "Renamed")
            #expect(changed.isActive == false)
            try await client.templates.delete(id: copy.id)
            #expect(try await expectIconectError { try await client.templates.get(id: copy.id) }.code == .notFound)

            let invalid = try await expectIconectError {
                try await client.templates.create(NewTemplate(name: "x", displayName: "x", type: "letter", content: [:]))
            }
            #expect(invalid.fieldErrors["type"] != nil)
        }
    }

    @Test("variables, validate and render: txt as is, html escaped, email with subject; a missing value is named",
          arguments: TransportKind.allCases)
    func renderAndValidate(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let template = try await Self.holdNotice(client, emulator.seed.projectId)
            let variables = try await client.templates.variables(id: template.id)
            #expect(Set(variables.map(\.name)) == ["matter", "custodian"])
            #expect(variables.first { $0.name == "matter" }?.occurrences == 3)

            let partial = try await client.templates.validate(id: template.id, variables: ["custodian": "Ann", "court": "SDNY"])
            #expect(!partial.valid)
            #expect(Set(partial.missing) == ["matter", "deadline"])
            #expect(partial.unknown == ["court"])
            let values: [String: JSONValue] = ["custodian": "<Ann & Bo>", "matter": "Acme v. Globex", "deadline": "2024-06-01"]
            #expect(try await client.templates.validate(id: template.id, variables: values).valid)

            let text = try await client.templates.render(id: template.id, variables: values, outputFormat: .txt)
            #expect(text.content == "Dear <Ann & Bo>,\nkeep Acme v. Globex documents.")
            #expect(text.mimeType?.hasPrefix("text/plain") == true)
            let html = try await client.templates.render(id: template.id, variables: values, outputFormat: .html)
            #expect(html.content == "<p>Dear <b>&lt;Ann &amp; Bo&gt;</b>, keep Acme v. Globex documents.</p>")
            let email = try await client.templates.render(id: template.id, variables: values, outputFormat: .email)
            #expect(email.subject == "Hold: Acme v. Globex")
            #expect(email.html == html.content)
            #expect(email.content == text.content)

            let missing = try await expectIconectError {
                try await client.templates.render(id: template.id, variables: ["custodian": "Ann"], outputFormat: .txt)
            }
            #expect(missing.code == .validation)
            #expect(Set(missing.fieldErrors.keys) == ["variables.matter", "variables.deadline"])
            let pdf = try await expectIconectError { try await client.templates.render(id: template.id, variables: values, outputFormat: .pdf) }
            #expect(pdf.serverCode == "UNSUPPORTED_OUTPUT_FORMAT")
        }
    }

    @Test("template and theme reads are cached; a write to the area drops them", arguments: TransportKind.allCases)
    func cachedDefinitions(transport: TransportKind) async throws {
        try await withEmulator(configure: { $0.cache.isEnabled = true }, transport: transport) { emulator, client in
            let template = try await Self.holdNotice(client, emulator.seed.projectId)
            _ = try await client.templates.get(id: template.id)
            _ = try await client.templates.get(id: template.id)
            _ = try await client.themes.current()
            _ = try await client.themes.current()
            #expect(emulator.stats().count("GET", "/v1/templates/{id}", status: 200) == 1)
            #expect(emulator.stats().count("GET", "/v1/themes/current", status: 200) == 1)
            _ = try await client.templates.update(id: template.id, TemplateChanges(displayName: "Changed"))
            #expect(try await client.templates.get(id: template.id).displayName == "Changed")
            let dark = try #require(try await client.themes.list(type: .dark).data.first)
            _ = try await client.themes.apply(id: dark.id)
            #expect(try await client.themes.current().themeId == dark.id)
            #expect(emulator.stats().count("GET", "/v1/themes/current", status: 200) == 2)
        }
    }
}
