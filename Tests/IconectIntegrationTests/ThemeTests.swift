import Foundation
import Iconect
import IconectEmulator
import Testing

@Suite("Themes against the emulator", .timeLimit(.minutes(10)))
struct ThemeTests {
    static let ocean: [String: JSONValue] = ["primary": "#0055aa", "background": "#ffffff", "text": "rgb(17, 17, 17)"]

    @Test("CRUD, duplicate and lists; colours and required keys are checked by key; system themes stay", arguments: TransportKind.allCases)
    func crud(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { _, client in
            let system = try await client.themes.list(isSystem: true)
            #expect(system.data.map(\.name) == ["Light", "Dark"])
            let theme = try await client.themes.create(NewTheme(name: "Ocean", type: .light, colors: Self.ocean,
                                                                typography: ["fontFamily": "Inter"], spacing: ["unit": 8]))
            #expect(theme.isSystem == false)
            #expect(try await client.themes.get(id: theme.id) == theme)
            let copy = try await client.themes.duplicate(id: theme.id, newName: "Ocean 2")
            #expect(copy.colors == theme.colors)
            #expect(try await client.themes.list(type: .light).total == 3)
            #expect(try await client.themes.paginate(isSystem: false).collect().map(\.name) == ["Ocean", "Ocean 2"])

            let changed = try await client.themes.update(id: copy.id, ThemeChanges(colors: Self.ocean.merging(["primary": "navy"]) { $1 },
                                                                                 isActive: false))
            #expect(changed.colors["primary"] == "navy")
            let badColour = try await expectIconectError {
                try await client.themes.update(id: copy.id, ThemeChanges(colors: ["primary": "#12345", "background": "#fff", "text": "#000"]))
            }
            #expect(Array(badColour.fieldErrors.keys) == ["colors.primary"])
            let missing = try await expectIconectError {
                try await client.themes.create(NewTheme(name: "x", type: .dark, colors: ["primary": "blue"]))
            }
            #expect(Set(missing.fieldErrors.keys) == ["colors.background", "colors.text"])
            try await client.themes.delete(id: copy.id)
            #expect(try await expectIconectError { try await client.themes.get(id: copy.id) }.code == .notFound)
            let lightId = try #require(system.data.first?.id)
            #expect(try await expectIconectError { try await client.themes.delete(id: lightId) }.code == .conflict)
            #expect(try await expectIconectError { try await client.themes.update(id: lightId, ThemeChanges(name: "L")) }.code == .conflict)
        }
    }

    @Test("apply per scope; current falls back from project to user to global to the default", arguments: TransportKind.allCases)
    func applyAndCurrent(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let (light, dark) = try await { () async throws -> (Theme, Theme) in
                let system = try await client.themes.list(isSystem: true).data
                return (system[0], system[1])
            }()
            let ocean = try await client.themes.create(NewTheme(name: "Ocean", type: .custom, colors: Self.ocean))
            var current = try await client.themes.current(scope: .project, targetId: projectId)
            #expect(current.source == "default")
            #expect(current.themeId == light.id)

            let global = try await client.themes.apply(id: dark.id)
            #expect(global.scope == .global)
            #expect(try await client.themes.current(scope: .project, targetId: projectId).source == "global")
            _ = try await client.themes.apply(id: ocean.id, scope: .user)
            current = try await client.themes.current(scope: .project, targetId: projectId)
            #expect(current.source == "user")
            #expect(current.theme.name == "Ocean")
            _ = try await client.themes.apply(id: light.id, scope: .project, targetId: projectId)
            current = try await client.themes.current(scope: .project, targetId: projectId)
            #expect(current.source == "project")
            #expect(current.themeId == light.id)
            #expect(try await client.themes.current().themeId == dark.id)
            #expect(try await client.themes.current(scope: .user).themeId == ocean.id)
            #expect(try await client.themes.current(scope: .user, targetId: "someone-else").source == "global")

            try await client.themes.delete(id: ocean.id)
            #expect(try await client.themes.current(scope: .user).source == "global")
            let noTarget = try await expectIconectError { try await client.themes.apply(id: dark.id, scope: .project) }
            #expect(Array(noTarget.fieldErrors.keys) == ["targetId"])
            let badScope = try await expectIconectError { try await client.themes.current(scope: "team") }
            #expect(Array(badScope.fieldErrors.keys) == ["scope"])
        }
    }

    @Test("preview, validate, export json/css/scss and import back to the same theme", arguments: TransportKind.allCases)
    func previewValidateExportImport(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { _, client in
            let theme = try await client.themes.create(NewTheme(
                name: "Ocean", type: .dark, colors: Self.ocean, description: "for \"late\" nights",
                typography: ["fontFamily": "\"Inter\", sans-serif", "fontSize": 14, "weight": "700"], spacing: ["unit": 8],
                borderRadius: ["md": "6px"], shadows: ["card": "0 1px 3px rgba(0, 0, 0, 0.12)"]))
            let preview = try await client.themes.preview(id: theme.id, component: .button)
            #expect(preview.component == .button)
            #expect(preview.html.contains("<button"))
            #expect(preview.css.contains("--colors-primary: #0055aa;"))

            let verdict = try await client.themes.validate(["name": "x", "type": "light", "colors": ["primary": "#zzz", "text": "#000"]])
            #expect(!verdict.valid)
            #expect(Set(verdict.errors.map(\.key)) == ["colors.primary", "colors.background"])
            #expect(try await client.themes.validate(["name": "x", "type": "light", "colors": .object(Self.ocean)]).valid)

            func definition(_ theme: Theme) -> [String: JSONValue?] {
                ["description": theme.description.map(JSONValue.string), "type": theme.type.map { .string($0.rawValue) },
                 "colors": .object(theme.colors), "typography": theme.typography.map(JSONValue.object),
                 "spacing": theme.spacing.map(JSONValue.object), "borderRadius": theme.borderRadius.map(JSONValue.object),
                 "shadows": theme.shadows.map(JSONValue.object)]
            }
            for format in [ThemeFormat.json, .css, .scss] {
                let export = try await client.themes.export(id: theme.id, format: format)
                #expect(export.format == format)
                #expect(export.fileName == "ocean.\(format.rawValue)")
                let imported = try await client.themes.import(name: "Ocean \(format)", format: format, data: export.content)
                #expect(imported.id != theme.id)
                #expect(imported.name == "Ocean \(format)")
                #expect(definition(imported) == definition(theme), "\(format): \(export.content)")
            }
            let css = try await client.themes.export(id: theme.id, format: .css).content
            let conflict = try await expectIconectError { try await client.themes.import(name: "Ocean", format: .css, data: css) }
            #expect(conflict.code == .conflict)
            let edited = css.replacingOccurrences(of: "#0055aa", with: "#003366")
            let overwritten = try await client.themes.import(name: "Ocean", format: .css, data: edited, overwrite: true)
            #expect(overwritten.id == theme.id)
            #expect(overwritten.colors["primary"] == "#003366")
            #expect(try await client.themes.get(id: theme.id).colors["primary"] == "#003366")
            let broken = try await expectIconectError {
                try await client.themes.import(name: "Broken", format: .css, data: ":root { --colors-primary: nope; }")
            }
            #expect(Set(broken.fieldErrors.keys) == ["data.colors.primary", "data.colors.background", "data.colors.text"])
        }
    }
}
