import Foundation
import IconectMCP
import MCP
import Testing

/// The served tool schemas against the catalogue itself (`scripts/catalogue.md`, a copy of the team's api/CATALOGUE.md),
/// read here by a parser of this test's own: not against `catalogue.json` or the generated schemas, which one generator
/// writes from one parse, so a parsing mistake would be in both.
@Suite("Tool schemas against the catalogue's own text", .timeLimit(.minutes(5)))
struct CatalogueMarkdownTests {
    @Test("the parser reads the catalogue's shapes: required, ranges, enums, nested enums, commas inside a spec")
    func parserReadsTheShapes() throws {
        let configure = CatalogueText.split("**`baseUrl`**: string (url), `timeout`: number (ms, default 30000), `logLevel`: enum DEBUG/INFO")
        #expect(configure.count == 3)
        let timeout = try CatalogueText.parameter(configure[1])
        #expect(timeout.name == "timeout" && timeout.type == "number" && !timeout.required && timeout.minimum == nil)
        #expect(try CatalogueText.parameter(configure[0]).required)
        #expect(try CatalogueText.parameter(configure[2]).enumValues == ["DEBUG", "INFO"])
        let status = try CatalogueText.parameter("`status`: array<string enum(active/deleted)>")
        #expect(status.type == "array<string" && status.enumValues == ["active", "deleted"])
        let pageSize = try CatalogueText.parameter("`pageSize`: number [1..100]")
        #expect(pageSize.minimum == 1 && pageSize.maximum == 100)
        #expect(try CatalogueText.parameter("`page`: number [1..]").maximum == nil)
    }

    @Test("tools/list serves exactly the catalogue's tools, arguments, required arguments, types, enums and ranges")
    func servedSchemasMatchTheText() async throws {
        let catalogue = try CatalogueText.load().operations
        #expect(catalogue.count == 148, "the catalogue lists 148 tools")
        // The documented deviations (README, "MCP server"): a file path beside base64 content, a download to a file, and a
        // timeout bounded where the catalogue gives none.
        let added = ["iconect_upload_file": ["filePath"], "iconect_download_file": ["outputPath", "overwrite"]]
        let madeOptional = ["iconect_upload_file": ["fileContent"]]
        let bounds = ["iconect_configure.timeout": (1, 3_600_000)]
        try await MCPHarness.with { harness in
            let (tools, _) = try await harness.client.listTools()
            #expect(tools.map(\.name) == catalogue.map(\.name))
            var problems: [String] = []
            for operation in catalogue {
                let (name, parameters) = (operation.name, operation.parameters)
                guard let schema = tools.first(where: { $0.name == name })?.inputSchema.objectValue,
                      let properties = schema["properties"]?.objectValue
                else {
                    problems.append("\(name): not served")
                    continue
                }
                let required = parameters.filter { $0.required && !(madeOptional[name] ?? []).contains($0.name) }.map(\.name)
                if schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] != required {
                    problems.append("\(name): required \(schema["required"] ?? .null), catalogue \(required)")
                }
                if Set(properties.keys) != Set(parameters.map(\.name) + (added[name] ?? [])) {
                    problems.append("\(name): arguments \(properties.keys.sorted()), catalogue \(parameters.map(\.name))")
                }
                for parameter in parameters {
                    let label = "\(name).\(parameter.name)"
                    let property = properties[parameter.name]?.objectValue ?? [:]
                    let bound = bounds[label]
                    let minimum = bound?.0 ?? parameter.minimum
                    let maximum = bound?.1 ?? parameter.maximum
                    let isArray = parameter.type.hasPrefix("array")
                    let expectedType: Value? = switch parameter.type {
                    case "any": nil
                    case "enum": "string"
                    case "number": parameter.minimum == nil && parameter.maximum == nil ? "number" : "integer"
                    case let type where type.hasPrefix("array"): "array"
                    case let type: .string(type)
                    }
                    if property["type"] != expectedType { problems.append("\(label): type \(property["type"] ?? .null), catalogue \(parameter.type)") }
                    let constrained = isArray ? property["items"]?.objectValue ?? [:] : property
                    let enumValues = constrained["enum"]?.arrayValue?.compactMap(\.stringValue)
                    if enumValues != parameter.enumValues { problems.append("\(label): enum \(enumValues ?? []), catalogue \(parameter.enumValues ?? [])") }
                    if constrained["minimum"] != minimum.map(Value.int) || constrained["maximum"] != maximum.map(Value.int) {
                        problems.append("\(label): range \(constrained["minimum"] ?? .null)...\(constrained["maximum"] ?? .null), "
                                        + "catalogue \(minimum.map(String.init) ?? "")..\(maximum.map(String.init) ?? "")")
                    }
                }
            }
            #expect(problems.isEmpty, "\(problems.count) differences from scripts/catalogue.md:\n\(problems.joined(separator: "\n"))")
        }
    }
}
