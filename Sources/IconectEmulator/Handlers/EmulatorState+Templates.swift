import Foundation
import HTTPTypes

/// Templates: reads with or without content, `variables`, `validate` and `render` (txt, html and email are real;
/// substituted values are HTML-escaped in html). The content is an object of strings: `body` (text), `html`, `subject`.
extension EmulatorState {
    static var templateRoutes: [Route] {
        [
            Route("GET", "/v1/templates/{id}") { state, request in try state.getTemplate(request) },
            Route("GET", "/v1/templates/{id}/variables") { state, request in try state.templateVariables(request) },
            Route("POST", "/v1/templates/{id}/validate") { state, request in try state.validateTemplate(request) },
            Route("POST", "/v1/templates/{id}/render") { state, request in try state.renderTemplate(request) },
            Route("POST", "/v1/templates/{id}/duplicate") { state, request in try state.duplicateDefinition("templates", request) },
        ]
    }

    static let templateOutputFormats = ["pdf", "html", "docx", "txt", "email"]

    /// `GET /templates/{id}?includeContent=false` leaves the content out.
    func getTemplate(_ request: APIRequest) throws(APIError) -> Reply {
        var template = try requireObject("templates", request.param("id"))
        if request.query.bool("includeContent") == false { template["content"] = nil }
        return .json(.object(template))
    }

    func templateVariables(_ request: APIRequest) throws(APIError) -> Reply {
        let id = request.param("id")
        let template = try requireObject("templates", id)
        let required = Set(Self.requiredVariables(template))
        let variables = TemplateText.variables(in: template["content"] ?? .null).map { variable -> JSON in
            ["name": .string(variable.name), "occurrences": .number(Double(variable.occurrences)),
             "required": .bool(required.contains(variable.name))]
        }
        return .json(["templateId": .string(id), "variables": .array(variables)])
    }

    /// `POST /templates/{id}/validate {variables}`: which placeholders have no value (`missing`), which values match no
    /// placeholder (`unknown`); `valid` when nothing is missing.
    func validateTemplate(_ request: APIRequest) throws(APIError) -> Reply {
        let id = request.param("id")
        let template = try requireObject("templates", id)
        let values = try Self.templateValues(try request.jsonObject())
        let (missing, unknown) = Self.check(template, values)
        return .json([
            "templateId": .string(id), "valid": .bool(missing.isEmpty),
            "missing": .array(missing.map(JSON.string)), "unknown": .array(unknown.map(JSON.string)),
        ])
    }

    /// `POST /templates/{id}/render {variables, outputFormat}`: a missing variable is a 400 naming `variables.<name>`.
    func renderTemplate(_ request: APIRequest) throws(APIError) -> Reply {
        let id = request.param("id")
        let template = try requireObject("templates", id)
        let body = try request.jsonObject()
        let values = try Self.templateValues(body)
        let format = body["outputFormat"]?.stringValue ?? "html"
        guard Self.templateOutputFormats.contains(format) else {
            throw APIError.validation("outputFormat", "outputFormat must be one of: \(Self.templateOutputFormats.joined(separator: ", "))")
        }
        guard ["txt", "html", "email"].contains(format) else {
            throw APIError(status: .unprocessableContent, code: "UNSUPPORTED_OUTPUT_FORMAT",
                           message: "The emulator renders txt, html and email, not \(format)")
        }
        let (missing, _) = Self.check(template, values)
        var errors = ValidationErrors()
        for name in missing { errors.add("variables." + name, "variables.\(name) is required by the template") }
        try errors.throwIfAny()
        let content = template["content"]?.objectValue ?? [:]
        let plain = { (name: String) in TemplateText.lookup(name, in: values).map(TemplateText.text) }
        let escaped = { (name: String) in plain(name).map(TemplateText.escapeHTML) }
        let text = TemplateText.substitute(content["body"]?.stringValue ?? content["text"]?.stringValue ?? "", plain)
        let html = content["html"]?.stringValue.map { TemplateText.substitute($0, escaped) }
            ?? TemplateText.escapeHTML(text).replacingOccurrences(of: "\n", with: "<br>\n")
        var result: [String: JSON] = ["templateId": .string(id), "outputFormat": .string(format)]
        if let subject = content["subject"]?.stringValue { result["subject"] = .string(TemplateText.substitute(subject, plain)) }
        switch format {
        case "txt":
            result["mimeType"] = "text/plain; charset=utf-8"
            result["content"] = .string(text)
        case "html":
            result["mimeType"] = "text/html; charset=utf-8"
            result["content"] = .string(html)
        default:
            result["mimeType"] = "message/rfc822"
            result["content"] = .string(text)
            result["html"] = .string(html)
        }
        return .json(.object(result))
    }

    private static func templateValues(_ body: [String: JSON]) throws(APIError) -> [String: JSON] {
        guard let variables = body["variables"] else { return [:] }
        guard let values = variables.objectValue else { throw APIError.validation("variables", "variables must be an object") }
        return values
    }

    /// The names in the template's `validation.required`.
    private static func requiredVariables(_ template: [String: JSON]) -> [String] {
        (template["validation"]?["required"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    private static func check(_ template: [String: JSON], _ values: [String: JSON]) -> (missing: [String], unknown: [String]) {
        let placeholders = TemplateText.variables(in: template["content"] ?? .null).map(\.name)
        var needed = placeholders
        for name in requiredVariables(template) where !needed.contains(name) { needed.append(name) }
        let missing = needed.filter { TemplateText.lookup($0, in: values) == nil }
        let unknown = values.keys.sorted().filter { key in
            !needed.contains { $0 == key || $0.hasPrefix(key + ".") }
        }
        return (missing, unknown)
    }
}
