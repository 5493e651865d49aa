import Foundation
import IconectMCP
import MCP
import Testing

/// Every tool row calls the client: a row that forgot its call (or calls something else) would pass the schema tests.
@Suite("The whole catalogue")
struct CatalogueCompletenessTests {
    @Test("every tool row calls the IconectClient (the local tools: the client when configured, or the session)")
    func everyRowCallsTheClient() throws {
        let catalogue = try CatalogueSnapshot.load()
        let bodies = try CrossLayerConsistencyTests.mcpRowBodies()
        var problems: [String] = []
        for tool in ToolTable.standard.tools {
            guard let body = bodies[tool.name] else {
                problems.append("no row in Sources/IconectMCP/Tools for \(tool.name)")
                continue
            }
            let callsClient = body.contains("context.client")
            let callsSession = !tool.needsClient && body.contains("context.session")
            if !(callsClient || callsSession) { problems.append("\(tool.name) calls neither the client nor the session") }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        let missing = catalogue.operations.map(\.name).filter { bodies[$0] == nil }
        #expect(missing.isEmpty, "no tool row for: \(missing.joined(separator: ", "))")
    }
}
