import HTTPTypes

/// Themes: checked create and update, apply and current per scope (project → user → global → the default theme),
/// preview, validate, export (json, css, scss) and import (json, and the css or scss export read back).
extension EmulatorState {
    static var themeRoutes: [Route] {
        [
            Route("POST", "/v1/themes") { state, request in try state.createTheme(request) },
            Route("PUT", "/v1/themes/{id}") { state, request in try state.updateTheme(request) },
            Route("DELETE", "/v1/themes/{id}") { state, request in try state.deleteTheme(request) },
            Route("POST", "/v1/themes/{themeId}/apply") { state, request in try state.applyTheme(request) },
            Route("GET", "/v1/themes/current") { state, request in try state.currentTheme(request) },
            Route("POST", "/v1/themes/{themeId}/preview") { state, request in try state.previewTheme(request) },
            Route("POST", "/v1/themes/validate") { state, request in try state.validateTheme(request) },
            Route("POST", "/v1/themes/{id}/export") { state, request in try state.exportTheme(request) },
            Route("POST", "/v1/themes/import") { state, request in try state.importTheme(request) },
            Route("POST", "/v1/themes/{id}/duplicate") { state, request in try state.duplicateDefinition("themes", request) },
        ]
    }

    static let themeScopes = ["global", "user", "project"]
    static let themeComponents = ["button", "card", "table", "form", "dashboard"]

    /// The system themes every emulator starts with; the first is the default where nothing is applied.
    func seedThemes(stamp: JSON) {
        let light: JSON = ["primary": "#1f6feb", "secondary": "#6e7781", "background": "#ffffff", "surface": "#f6f8fa",
                           "text": "#1f2328", "error": "#cf222e"]
        let dark: JSON = ["primary": "#2f81f7", "secondary": "#8b949e", "background": "#0d1117", "surface": "#161b22",
                          "text": "#e6edf3", "error": "#f85149"]
        for (name, type, colors) in [("Light", "light", light), ("Dark", "dark", dark)] {
            store("themes")?.put([
                "id": .string(ids.next("thm")), "name": .string(name), "description": .string("iCONECT \(type) theme"),
                "type": .string(type), "colors": colors, "typography": ["fontFamily": "Inter, sans-serif", "fontSize": 14],
                "spacing": ["unit": 8], "borderRadius": ["md": "6px"], "shadows": ["card": "0 1px 3px rgba(0, 0, 0, 0.12)"],
                "isActive": true, "isSystem": true, "createdDate": stamp, "modifiedDate": stamp,
            ])
        }
    }

    func createTheme(_ request: APIRequest) throws(APIError) -> Reply {
        let store = try requireStore("themes")
        var body = try request.jsonObject()
        for key in CollectionSpec.serverKeys.union(["isSystem"]) { body[key] = nil }
        try store.spec.validate(body, creating: true)
        try ThemeRules.check(body)
        let object = newObject(store.spec, body: body, actor: request.actor)
        store.put(object)
        return .json(.object(object), status: .created)
    }

    /// `PUT /themes/{id}`: the changed theme must still be valid; system themes cannot change.
    func updateTheme(_ request: APIRequest) throws(APIError) -> Reply {
        let store = try requireStore("themes")
        let id = request.param("id")
        var body = try request.jsonObject()
        for key in CollectionSpec.serverKeys.union(store.spec.createOnly).union(["isSystem"]) { body[key] = nil }
        try store.spec.validate(body, creating: false)
        let updated = try store.update(id) { (theme: inout [String: JSON]) throws(APIError) in
            guard theme["isSystem"] != .bool(true) else { throw APIError.conflict("System theme '\(id)' cannot be changed; duplicate it") }
            var changed = theme
            for (key, value) in body where !(value == .null && ["name", "colors"].contains(key)) { changed[key] = value == .null ? nil : value }
            try ThemeRules.check(changed)
            changed["modifiedDate"] = .string(ISODate.string(ISODate.nowSeconds))
            theme = changed
        }
        guard let updated else { throw APIError.notFound("Theme", id) }
        return .json(.object(updated))
    }

    func deleteTheme(_ request: APIRequest) throws(APIError) -> Reply {
        let id = request.param("id")
        let theme = try requireObject("themes", id)
        guard theme["isSystem"] != .bool(true) else { throw APIError.conflict("System theme '\(id)' cannot be deleted") }
        try requireStore("themes").remove(id)
        themeAssignments.remove(themeId: id)
        return .noContent
    }

    /// `POST /themes/{themeId}/apply {scope?, targetId?}`: `user` defaults to the caller, `project` needs a project.
    func applyTheme(_ request: APIRequest) throws(APIError) -> Reply {
        let themeId = request.param("themeId")
        let theme = try requireObject("themes", themeId)
        let body = try request.jsonObject()
        let (scope, targetId) = try themeScope(scope: body["scope"]?.stringValue, targetId: body["targetId"]?.stringValue, request)
        guard theme["isActive"] != .bool(false) else { throw APIError.conflict("Theme '\(themeId)' is inactive; activate it first") }
        let now = ISODate.nowSeconds
        themeAssignments.set(ThemeAssignments.key(scope: scope, targetId: targetId), .init(themeId: themeId, appliedDate: now))
        return .json(Self.assignment(scope: scope, targetId: targetId, source: scope, theme: theme, appliedDate: now))
    }

    /// `GET /themes/current?scope=&targetId=`: the theme in force, and the scope it comes from.
    func currentTheme(_ request: APIRequest) throws(APIError) -> Reply {
        let (scope, targetId) = try themeScope(scope: request.query["scope"], targetId: request.query["targetId"], request)
        var chain: [(String, String?)] = [("global", nil)]
        if scope != "global" { chain.insert(("user", scope == "user" ? targetId : request.actor), at: 0) }
        if scope == "project" { chain.insert(("project", targetId), at: 0) }
        for (source, target) in chain {
            if let assignment = themeAssignments.get(ThemeAssignments.key(scope: source, targetId: target)),
               let theme = store("themes")?.get(assignment.themeId) {
                return .json(Self.assignment(scope: scope, targetId: targetId, source: source, theme: theme,
                                             appliedDate: assignment.appliedDate))
            }
        }
        guard let theme = store("themes")?.filter({ $0["isSystem"] == .bool(true) }).first ?? store("themes")?.all().first else {
            throw APIError.notFound("Theme", "current")
        }
        return .json(Self.assignment(scope: scope, targetId: targetId, source: "default", theme: theme, appliedDate: nil))
    }

    private func themeScope(scope: String?, targetId: String?, _ request: APIRequest) throws(APIError) -> (String, String?) {
        let scope = scope.flatMap { $0.isEmpty ? nil : $0 } ?? "global"
        let targetId = targetId.flatMap { $0.isEmpty ? nil : $0 }
        switch scope {
        case "global": return (scope, nil)
        case "user": return (scope, targetId ?? request.actor)
        case "project":
            guard let targetId else { throw APIError.validation("targetId", "targetId (a project id) is required for the project scope") }
            guard store("projects")?.contains(targetId) ?? false else {
                throw APIError.validation("targetId", "Project '\(targetId)' does not exist")
            }
            return (scope, targetId)
        default:
            throw APIError.validation("scope", "scope must be one of: \(Self.themeScopes.joined(separator: ", "))")
        }
    }

    private static func assignment(scope: String, targetId: String?, source: String, theme: [String: JSON], appliedDate: Int64?) -> JSON {
        var object: [String: JSON] = ["scope": .string(scope), "source": .string(source), "themeId": theme["id"] ?? .null,
                                      "theme": .object(theme)]
        if let targetId { object["targetId"] = .string(targetId) }
        if let appliedDate { object["appliedDate"] = .string(ISODate.string(appliedDate)) }
        return .object(object)
    }

    /// `POST /themes/{themeId}/preview {component?}`: the theme's stylesheet and a sample of the component using it.
    func previewTheme(_ request: APIRequest) throws(APIError) -> Reply {
        let themeId = request.param("themeId")
        let theme = try requireObject("themes", themeId)
        let component = try request.jsonObject()["component"]?.stringValue ?? "card"
        guard Self.themeComponents.contains(component) else {
            throw APIError.validation("component", "component must be one of: \(Self.themeComponents.joined(separator: ", "))")
        }
        let name = TemplateText.escapeHTML(theme["name"]?.stringValue ?? themeId)
        let html = "<div class=\"iconect-preview iconect-\(component)\" style=\"background: var(--colors-background); "
            + "color: var(--colors-text)\"><\(component == "button" ? "button" : "div") style=\"background: var(--colors-primary)\">"
            + "\(name) \(component)</\(component == "button" ? "button" : "div")></div>"
        return .json(["themeId": .string(themeId), "component": .string(component), "html": .string(html),
                      "css": .string(ThemeStylesheet.export(theme, as: .css))])
    }

    /// `POST /themes/validate {themeData}`: 200 with `valid` and the problems by key.
    func validateTheme(_ request: APIRequest) throws(APIError) -> Reply {
        guard let data = try request.jsonObject()["themeData"]?.objectValue else {
            throw APIError.validation("themeData", "themeData is required (an object)")
        }
        let problems = ThemeRules.problems(data)
        return .json([
            "valid": .bool(problems.isEmpty),
            "errors": .array(problems.map { ["key": .string($0.key), "message": .string($0.message)] }),
        ])
    }

    /// `POST /themes/{id}/export {format}`: `{themeId, format, mimeType, fileName, content}`.
    func exportTheme(_ request: APIRequest) throws(APIError) -> Reply {
        let id = request.param("id")
        let theme = try requireObject("themes", id)
        let format = try request.jsonObject()["format"]?.stringValue ?? ""
        let definition = theme.filter { ThemeRules.definitionKeys.contains($0.key) }
        let base = (theme["name"]?.stringValue ?? id).lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        let content: String
        let mimeType: String
        switch format {
        case "json":
            content = JSON.object(definition).compactText
            mimeType = "application/json"
        case "css":
            content = ThemeStylesheet.export(definition, as: .css)
            mimeType = "text/css"
        case "scss":
            content = ThemeStylesheet.export(definition, as: .scss)
            mimeType = "text/x-scss"
        default:
            throw APIError.validation("format", "format must be one of: json, css, scss")
        }
        return .json(["themeId": .string(id), "format": .string(format), "mimeType": .string(mimeType),
                      "fileName": .string(String(base) + "." + format), "content": .string(content)])
    }

    /// `POST /themes/import {name, format, data, overwrite?}`: a theme of that name is replaced only with `overwrite`.
    func importTheme(_ request: APIRequest) throws(APIError) -> Reply {
        let body = try request.jsonObject()
        var errors = ValidationErrors()
        let name = body["name"]?.stringValue ?? ""
        let data = body["data"]?.stringValue ?? ""
        if name.isEmpty { errors.add("name", "name is required") }
        if data.isEmpty { errors.add("data", "data is required (the exported text)") }
        var definition: [String: JSON] = [:]
        switch body["format"]?.stringValue {
        case "json":
            if let parsed = try? JSONParser.parse(Array(data.utf8)).objectValue {
                definition = parsed.filter { ThemeRules.definitionKeys.contains($0.key) }
            } else if !data.isEmpty {
                errors.add("data", "data is not a JSON object")
            }
        case "css": definition = ThemeStylesheet.parse(data, as: .css)
        case "scss": definition = ThemeStylesheet.parse(data, as: .scss)
        default: errors.add("format", "format must be one of: json, css, scss")
        }
        try errors.throwIfAny()
        definition["name"] = .string(name)
        definition["type"] = definition["type"] ?? "custom"
        try ThemeRules.check(definition, prefix: "data.")
        let store = try requireStore("themes")
        guard let existing = store.filter({ $0["name"]?.stringValue == name }).first, let id = existing["id"]?.stringValue else {
            let object = newObject(store.spec, body: definition, actor: request.actor)
            store.put(object)
            return .json(.object(object), status: .created)
        }
        guard body["overwrite"] == .bool(true), existing["isSystem"] != .bool(true) else {
            throw APIError.conflict("A theme named '\(name)' exists (\(id)); pass overwrite: true to replace it",
                                    details: ["themeId": .string(id)])
        }
        let replaced = store.update(id) { theme in
            for key in ThemeRules.definitionKeys { theme[key] = definition[key] }
            theme["modifiedDate"] = .string(ISODate.string(ISODate.nowSeconds))
        }
        return .json(.object(replaced ?? existing))
    }
}
