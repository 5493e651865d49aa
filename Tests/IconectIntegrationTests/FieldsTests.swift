import Foundation
import Iconect
import IconectEmulator
import Testing

@Suite("Fields against the emulator", .timeLimit(.minutes(5)))
struct FieldsTests {
    static func privilege(_ projectId: String) -> NewField {
        NewField(name: "privilege", displayName: "Privilege", fieldType: .choice, dataType: .string, projectId: projectId,
                 choices: [FieldChoice("attorney-client"), FieldChoice("work-product"), FieldChoice("none", isDefault: true)])
    }

    @Test("create, list by type, get, update, paginate and delete, as stored", arguments: TransportKind.allCases)
    func crud(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let choice = try await client.fields.create(Self.privilege(projectId))
            #expect(choice.fieldType == .choice)
            #expect(choice.choices?.map(\.value) == ["attorney-client", "work-product", "none"])
            let text = try await client.fields.create(NewField(
                name: "notes", displayName: "Notes", fieldType: .text, dataType: .string, projectId: projectId, maxLength: 2000))
            let choices = try await client.fields.list(projectId: projectId, fieldType: .choice)
            #expect(choices.data.map(\.id) == [choice.id])
            #expect(try await client.fields.get(id: text.id).maxLength == 2000)
            let updated = try await client.fields.update(id: text.id, FieldChanges(displayName: "Reviewer notes", maxLength: 4000))
            #expect(updated.displayName == "Reviewer notes")
            let stored = emulator.objects(in: "fields").first { $0["id"]?.stringValue == text.id }
            #expect(stored?["maxLength"]?.intValue == 4000)
            #expect(stored?["name"]?.stringValue == "notes", "the name is fixed at creation")
            let all = try await client.fields.paginate(projectId: projectId, ListOptions(pageSize: 1)).collect()
            #expect(Set(all.map(\.id)) == [choice.id, text.id])
            try await client.fields.delete(id: text.id)
            #expect(emulator.objects(in: "fields").map { $0["id"]?.stringValue } == [choice.id])
        }
    }

    @Test("bad input is a typed error naming the problem, and nothing is stored", arguments: TransportKind.allCases)
    func badInput(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let unknown = try await expectIconectError {
                try await client.fields.create(NewField(name: "x", displayName: "X", fieldType: "hologram", dataType: .string,
                                                        projectId: projectId))
            }
            #expect(unknown.code == .validation)
            #expect(unknown.status == 400)
            #expect(unknown.fieldErrors["fieldType"] != nil)
            let pattern = try await expectIconectError {
                try await client.fields.create(NewField(name: "bates", displayName: "Bates", fieldType: .text, dataType: .string,
                                                        projectId: projectId, validationRules: ["pattern": "[A-Z"]))
            }
            #expect(pattern.fieldErrors["validationRules.pattern"] != nil)
            #expect(emulator.objects(in: "fields").isEmpty)

            _ = try await client.fields.create(Self.privilege(projectId))
            let twice = try await expectIconectError { try await client.fields.create(Self.privilege(projectId)) }
            #expect(twice.code == .conflict)
            #expect(emulator.objects(in: "fields").count == 1)

            let pageSize = try await expectIconectError {
                try await client.fields.list(projectId: projectId, ListOptions(pageSize: 500))
            }
            #expect(pageSize.fieldErrors["pageSize"] != nil)
            let length = try await expectIconectError {
                try await client.fields.create(NewField(name: "y", displayName: "Y", fieldType: .text, dataType: .string,
                                                        projectId: projectId, maxLength: 0))
            }
            #expect(length.fieldErrors["maxLength"] != nil)
            #expect(emulator.stats().count("GET", "/v1/fields") == 0, "refused before anything was sent")
        }
    }

    @Test("validateValue names every broken rule", arguments: TransportKind.allCases)
    func validateValue(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let bates = try await client.fields.create(NewField(
                name: "bates", displayName: "Bates", fieldType: .text, dataType: .string, projectId: projectId, isRequired: true,
                maxLength: 10, validationRules: ["pattern": "[A-Z]+[0-9]+"]))
            let wrong = try await client.fields.validateValue(fieldId: bates.id, value: "abc-00000000001")
            #expect(!wrong.valid)
            #expect(Set(wrong.failedRules.map(\.rule)) == ["maxLength", "pattern"])
            #expect(try await client.fields.validateValue(fieldId: bates.id, value: "ABC0001").valid)
            #expect(try await client.fields.validateValue(fieldId: bates.id, value: nil).failedRules.map(\.rule) == ["required"])

            let choice = try await client.fields.create(Self.privilege(projectId))
            #expect(try await client.fields.validateValue(fieldId: choice.id, value: "other").failedRules.map(\.rule) == ["choices"])
            #expect(try await client.fields.validateValue(fieldId: choice.id, value: "none").valid)

            let pages = try await client.fields.create(NewField(
                name: "pages", displayName: "Pages", fieldType: .number, dataType: .integer, projectId: projectId,
                validationRules: ["min": 1, "max": 500]))
            #expect(try await client.fields.validateValue(fieldId: pages.id, value: 0).failedRules.map(\.rule) == ["min"])
            #expect(try await client.fields.validateValue(fieldId: pages.id, value: 501).failedRules.map(\.rule) == ["max"])
            #expect(try await client.fields.validateValue(fieldId: pages.id, value: 2.5).failedRules.map(\.rule) == ["type"])
            #expect(try await client.fields.validateValue(fieldId: pages.id, value: 12).valid)
            #expect(emulator.stats().count("POST", "/v1/fields/{fieldId}/validate") == 9)
        }
    }

    @Test("usage counts the records and views; a used field needs force, a system field never goes", arguments: TransportKind.allCases)
    func usageAndDelete(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 40), transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let fields = try await client.fields.paginate(projectId: projectId).collect()
            let custodian = try #require(fields.first { $0.name == "custodian" })
            let usage = try await client.fields.usage(fieldId: custodian.id)
            #expect(usage.recordCount == 40)
            #expect(usage.totalRecords == 40)
            #expect(usage.views.map(\.name).contains("documents-by-custodian"))

            let refused = try await expectIconectError { try await client.fields.delete(id: custodian.id) }
            #expect(refused.code == .conflict)
            #expect(try await client.fields.get(id: custodian.id).id == custodian.id, "nothing was deleted")
            try await client.fields.delete(id: custodian.id, force: true)
            #expect(try await expectIconectError { try await client.fields.get(id: custodian.id) }.code == .notFound)

            let system = try #require(fields.first { $0.isSystemField == true })
            #expect(try await expectIconectError { try await client.fields.delete(id: system.id, force: true) }.code == .conflict)
            let privilege = try #require(fields.first { $0.name == "privilege" })
            #expect(try await client.fields.usage(fieldId: privilege.id).recordCount == 0)
        }
    }

    @Test("duplicate copies a definition into another project; the same name twice is a conflict", arguments: TransportKind.allCases)
    func duplicate(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let seed = emulator.seed
            let source = try await client.fields.create(Self.privilege(seed.projectId))
            let other = try await client.projects.create(NewProject(name: "Matter 2", clientId: seed.clientId, dataServerId: seed.dataServerId))
            let copy = try await client.fields.duplicate(sourceFieldId: source.id, targetProjectId: other.id, newDisplayName: "Privilege (2)")
            #expect(copy.id != source.id)
            #expect(copy.projectId == other.id)
            #expect(copy.name == "privilege")
            #expect(copy.choices == source.choices)
            #expect(try await client.fields.list(projectId: other.id).data.map(\.id) == [copy.id])
            let again = try await expectIconectError { try await client.fields.duplicate(sourceFieldId: source.id, targetProjectId: other.id) }
            #expect(again.code == .conflict)
            let renamed = try await client.fields.duplicate(sourceFieldId: source.id, targetProjectId: other.id, newName: "privilege2")
            #expect(renamed.name == "privilege2")
        }
    }
}
