import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import IconectEmulator
import IconectMCP
import Testing

/// One operation, four layers: for every operation of the catalogue's text, the SDK's route table has its route, the
/// emulator serves it, the MCP server has its row, and that row calls a public method of the client. Reports every gap.
@Suite("Catalogue, SDK routes, emulator routes and MCP rows agree", .timeLimit(.minutes(5)))
struct CrossLayerConsistencyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every `Route("iconect_x", .method, "/template")` written anywhere in Sources/Iconect: the SDK's route table as
    /// written, wherever a refactoring puts it. Operation → its (METHOD, template) pairs.
    static func sdkRoutes() throws -> [String: [(method: String, template: String)]] {
        let folder = root.appendingPathComponent("Sources/Iconect")
        let pattern = try NSRegularExpression(pattern: #"Route\("(iconect_\w+)",\s*\.(\w+),\s*"([^"]+)"\)"#)
        var routes: [String: [(method: String, template: String)]] = [:]
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let group = { (index: Int) in String(text[Range(match.range(at: index), in: text)!]) }
                routes[group(1), default: []].append((group(2).uppercased(), group(3)))
            }
        }
        return routes
    }

    /// The text of each MCP row (`MCPTool("iconect_x" ...` up to the next row), by tool name.
    static func mcpRowBodies() throws -> [String: String] {
        let folder = root.appendingPathComponent("Sources/IconectMCP/Tools")
        var bodies: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix("ToolTable+") {
            let source = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for row in source.components(separatedBy: "MCPTool(\"").dropFirst() {
                guard let end = row.firstIndex(of: "\"") else { continue }
                bodies[String(row[..<end])] = String(row[end...])
            }
        }
        return bodies
    }

    @Test("every catalogue operation has an SDK route, an emulator route, an MCP row and a client call")
    func everyLayerHasEveryOperation() async throws {
        let catalogue = try CatalogueText.load().operations
        #expect(catalogue.count == 148)
        let sdk = try Self.sdkRoutes()
        let rows = try Self.mcpRowBodies()
        let served = Set(ToolTable.standard.tools.map(\.name))
        var missing: [String: [String]] = [:]  // layer → operations

        let emulator = try await EmulatorServer.start(EmulatorConfiguration())
        do {
            let token = try await emulator.accessToken()
            for operation in catalogue {
                if !served.contains(operation.name) || rows[operation.name] == nil { missing["MCP row", default: []].append(operation.name) }
                let body = rows[operation.name] ?? ""
                if !(body.contains("context.client") || body.contains("context.session")) {
                    missing["client call in the MCP row", default: []].append(operation.name)
                }
                guard let method = operation.method, let path = operation.path else { continue }  // a local tool
                if !(sdk[operation.name] ?? []).contains(where: { $0.method == method && $0.template == path }) {
                    missing["SDK route \(method) \(path)", default: []].append(operation.name)
                }
                // Ask the emulator with every path parameter filled: the route it matched is what its statistics count.
                let concrete = path.replacingOccurrences(of: #"\{[^}]+\}"#, with: "probe", options: .regularExpression)
                let before = emulator.stats().count(method, "/v1" + path)
                let status = try await MCPTestHTTP.send(method, emulator.apiURL.absoluteString + concrete, token: token)
                if emulator.stats().count(method, "/v1" + path) != before + 1 || status == 405 {
                    missing["emulator route \(method) /v1\(path)", default: []].append("\(operation.name) (answered \(status))")
                }
            }
        } catch {
            await emulator.stop()
            throw error
        }
        await emulator.stop()
        let report = missing.keys.sorted().map { "\($0): \(missing[$0]!.joined(separator: ", "))" }
        #expect(report.isEmpty, "missing across layers:\n\(report.joined(separator: "\n"))")
        #expect(sdk.values.joined().count >= 141, "the SDK's route table was found (\(sdk.count) operations)")
    }
}

/// Plain HTTP to the emulator, independent of the SDK under test.
enum MCPTestHTTP {
    /// Sends `method url` with an empty JSON object as the body of a POST or PUT, and returns the status.
    static func send(_ method: String, _ url: String, token: String) async throws -> Int {
        guard let target = URL(string: url) else { throw HarnessError("not a URL: \(url)") }
        var request = URLRequest(url: target)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if method == "POST" || method == "PUT" {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data("{}".utf8)
        }
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }
}
