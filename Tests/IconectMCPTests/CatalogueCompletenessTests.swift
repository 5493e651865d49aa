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
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/IconectMCP/Tools")
        var bodies: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix("ToolTable+") {
            let source = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for row in source.components(separatedBy: "MCPTool(\"").dropFirst() {
                guard let end = row.firstIndex(of: "\"") else { continue }
                bodies[String(row[..<end])] = String(row[end...])
            }
        }
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
