import Foundation
import IconectMCP
import MCP
import Testing

@Suite("tools/list", .timeLimit(.minutes(10)))
struct ToolListTests {
    @Test("lists the catalogue's 148 tools, name by name and in its order, each with the catalogue's required arguments")
    func listMatchesCatalogue() async throws {
        let catalogue = try CatalogueSnapshot.load()
        #expect(catalogue.operations.count == 148)
        try await MCPHarness.with { harness in
            let (tools, cursor) = try await harness.client.listTools()
            #expect(cursor == nil)
            #expect(tools.map(\.name) == catalogue.operations.map(\.name))
            for operation in catalogue.operations {
                let tool = try #require(tools.first { $0.name == operation.name })
                let override = catalogue.overrides[operation.name]
                let expectedRequired = operation.params.filter { $0.required && !(override?.madeOptional.contains($0.name) ?? false) }
                    .map(\.name)
                let required = tool.inputSchema.objectValue?["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
                #expect(required == expectedRequired, "required arguments of \(operation.name)")
                let properties = try #require(tool.inputSchema.objectValue?["properties"]?.objectValue)
                let expectedNames = operation.params.map(\.name) + (override?.added ?? [])
                #expect(Set(properties.keys) == Set(expectedNames), "arguments of \(operation.name)")
                #expect(tool.inputSchema.objectValue?["type"] == "object")
                #expect(tool.inputSchema.objectValue?["additionalProperties"] == false)
            }
        }
    }

    @Test("lists every tool before any configuration too")
    func listWithoutConfiguration() async throws {
        try await MCPHarness.with(configured: false) { harness in
            let (tools, _) = try await harness.client.listTools()
            #expect(tools.count == ToolTable.standard.tools.count)
            #expect(tools.contains { $0.name == "iconect_configure" })
        }
    }

    @Test("every row has a catalogue schema, and every catalogue operation has a row")
    func rowsHaveSchemas() throws {
        let catalogue = try CatalogueSnapshot.load()
        for tool in ToolTable.standard.tools {
            #expect(tool.hasCatalogueSchema, "\(tool.name) has no catalogue schema")
        }
        let names = Set(ToolTable.standard.tools.map(\.name))
        #expect(names.count == ToolTable.standard.tools.count, "a tool name appears twice")
        for operation in catalogue.operations {
            #expect(names.contains(operation.name), "\(operation.name) has no row")
        }
        #expect(ToolSchema.all.count == catalogue.operations.count)
        #expect(ToolSchema.all.map(\.name) == catalogue.operations.map(\.name))
    }

    @Test("the generated schemas carry the catalogue's types, ranges and enums for all 148 tools")
    func schemasMatchCatalogue() throws {
        let catalogue = try CatalogueSnapshot.load()
        for operation in catalogue.operations {
            let schema = try #require(ToolSchema.named(operation.name))
            for parameter in operation.params {
                let property = try #require(schema.inputSchema.objectValue?["properties"]?.objectValue?[parameter.name]?.objectValue,
                                            "\(operation.name).\(parameter.name)")
                let label = "\(operation.name).\(parameter.name)"
                switch parameter.type {
                case "number":
                    #expect(property["type"] == (parameter.range == nil ? "number" : "integer"), "\(label)")
                case "any":
                    #expect(property["type"] == nil, "\(label)")
                case "enum":
                    #expect(property["type"] == "string", "\(label)")
                default:
                    let base = parameter.type.hasPrefix("array") ? "array" : parameter.type
                    #expect(property["type"] == .string(base), "\(label)")
                }
                if let range = parameter.range {
                    let bounds = parameter.type.hasPrefix("array") ? property["items"]?.objectValue ?? [:] : property
                    #expect(bounds["minimum"] == range.first.flatMap { $0 }.map(Value.int), "\(label) minimum")
                    #expect(bounds["maximum"] == (range.count > 1 ? range[1].map(Value.int) : nil), "\(label) maximum")
                }
                if let values = parameter.enum {
                    let holder = parameter.type.hasPrefix("array") ? property["items"]?.objectValue ?? [:] : property
                    #expect(holder["enum"] == .array(values.map(Value.string)), "\(label) enum")
                }
            }
        }
        // The one enum the catalogue writes without parentheses.
        let logLevel = ToolSchema.named("iconect_configure")?.parameter("logLevel")
        #expect(logLevel?.allowedValues == ["DEBUG", "INFO", "WARN", "ERROR"])
        // An array of enum strings keeps its values on the items.
        let status = ToolSchema.named("iconect_search_records")?.inputSchema.objectValue?["properties"]?.objectValue?["status"]
        #expect(status?.objectValue?["items"]?.objectValue?["enum"] == ["active", "deleted", "archived", "processing"])
    }

    @Test("annotations say which tools only read and which destroy")
    func annotations() throws {
        let table = ToolTable.standard
        #expect(table["iconect_get_project"]?.annotations.readOnlyHint == true)
        #expect(table["iconect_search_records"]?.annotations.readOnlyHint == true)
        #expect(table["iconect_delete_project"]?.annotations.destructiveHint == true)
        #expect(table["iconect_delete_project"]?.annotations.readOnlyHint == false)
        #expect(table["iconect_create_record"]?.annotations.idempotentHint == false)
        #expect(table["iconect_update_record"]?.annotations.idempotentHint == true)
        for tool in table.tools {
            #expect(tool.annotations.readOnlyHint != nil && tool.annotations.destructiveHint != nil
                    && tool.annotations.idempotentHint != nil, "\(tool.name) lacks a hint")
        }
    }
}
