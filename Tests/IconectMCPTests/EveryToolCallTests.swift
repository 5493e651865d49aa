import Foundation
import IconectEmulator
import IconectMCP
import MCP
import Testing

/// Every one of the catalogue's tools, called once through a real MCP client against the emulator with the catalogue's
/// required arguments (and the ids earlier calls created): none may crash the server or fail outside the protocol; each
/// answers a result or a typed isError, and a tool with a route that succeeded reached that route on the emulator.
@Suite("Every catalogue tool answers", .timeLimit(.minutes(10)))
struct EveryToolCallTests {
    /// A value for a required argument: the seeded ids where the name says which, else a plain value of the declared type.
    static func value(for parameter: CatalogueSnapshot.Operation.Parameter, tool: String, seed: EmulatorSeed, baseURL: URL,
                      known: KnownIds) -> Value {
        if let id = known.id(for: parameter.name, tool: tool) { return .string(id) }
        switch parameter.name {
        case "projectId", "targetProjectId": return .string(seed.projectId)
        case "clientId" where tool != "iconect_configure": return .string(seed.clientId)
        case "clientId": return "emulator-client"
        case "dataServerId": return .string(seed.dataServerId)
        case "fileStoreId": return .string(seed.fileStoreId)
        case "baseUrl": return .string(baseURL.absoluteString)
        case "url": return "https://data-server.example.com"
        case "redirectUri": return "http://127.0.0.1:9/callback"
        case "username": return "demo"
        case "password": return "demo-password"
        case "fileContent", "chunkData": return .string(Data("every tool".utf8).base64EncodedString())
        case "cronExpression": return "0 2 * * *"
        case "fileName": return "every-tool.txt"
        case "id" where tool.contains("project"): return .string(seed.projectId)
        case "id" where tool.contains("client"): return .string(seed.clientId)
        case "id" where tool.contains("data_server"): return .string(seed.dataServerId)
        case "id" where tool.contains("file_store"): return .string(seed.fileStoreId)
        default: break
        }
        if let first = parameter.enum?.first { return .string(first) }
        switch parameter.type {
        case "number": return .int(parameter.range?.first.flatMap { $0 } ?? 1)
        case "boolean": return true
        case "object": return .object([:])
        case let type where type.hasPrefix("array<string"): return ["every-tool"]
        case let type where type.hasPrefix("array"): return []
        default: return .string("every-tool-\(parameter.name)")
        }
    }

    /// The ids earlier calls created or listed, by the noun of their tool (`data_server`, `record`, `widget`), so later
    /// tools act on real objects and mostly succeed.
    struct KnownIds {
        private var ids: [String: String] = [:]

        /// `iconect_create_data_server` → `data_server`; `iconect_list_job_queues` → `job_queue`.
        static func noun(of tool: String) -> String {
            var words = tool.split(separator: "_").dropFirst(2)
            if words.last?.hasSuffix("s") == true, let last = words.popLast() { words.append(last.dropLast()) }
            return words.joined(separator: "_")
        }

        mutating func learn(from tool: String, _ object: [String: Value]) {
            let noun = Self.noun(of: tool)
            if let id = object["id"]?.stringValue { ids[noun] = id }
            if let id = object["data"]?.arrayValue?.first?.objectValue?["id"]?.stringValue, ids[noun] == nil { ids[noun] = id }
            if let id = object["operationId"]?.stringValue { ids["operation"] = id }
            if tool == "iconect_initiate_chunked_upload", let id = object["id"]?.stringValue { ids["upload_session"] = id }
            if tool == "iconect_add_widget", let id = object["widgets"]?.arrayValue?.last?.objectValue?["id"]?.stringValue {
                ids["widget"] = id
            }
        }

        /// An id for `parameter` of `tool`: `id` by the tool's noun (the longest known one it names), `recordId`-like
        /// arguments by theirs.
        func id(for parameter: String, tool: String) -> String? {
            if parameter == "id" {
                return ids.keys.filter { tool.contains($0) }.max { $0.count < $1.count }.flatMap { ids[$0] }
            }
            guard parameter.hasSuffix("Id"), !["projectId", "targetProjectId", "clientId", "dataServerId", "fileStoreId"].contains(parameter)
            else { return nil }
            var stem = String(parameter.dropLast(2))
            for prefix in ["source", "target"] where stem.hasPrefix(prefix) { stem = String(stem.dropFirst(prefix.count)) }
            let noun = stem.reduce(into: "") { text, character in
                text += character.isUppercase ? "_" + character.lowercased() : String(character)
            }.trimmingCharacters(in: CharacterSet(charactersIn: "_"))
            return ids[noun == "template" && tool.contains("job") ? "job_template" : noun]
        }
    }

    /// When a tool runs: most in the catalogue's order (0), then those that delete (1), change passwords (2), end or
    /// replace the session (3), and reconfigure the server (4).
    static func phase(_ name: String) -> Int {
        let phases: [(Int, [String])] = [(4, ["configure"]), (3, ["logout", "auth_", "refresh_token"]), (2, ["password"]),
                                         (1, ["delete", "remove"])]
        return phases.first { _, words in words.contains { name.contains($0) } }?.0 ?? 0
    }

    /// A route key (`GET /v1/projects/{id}`, as the emulator counts requests) with every `{name}` reduced to `{}`, to
    /// compare the catalogue's paths with the emulator's routes.
    static func routeKey(_ key: String) -> String {
        key.replacingOccurrences(of: #"\{[^}]*\}"#, with: "{}", options: .regularExpression)
    }

    @Test("all tools, each with its required arguments: a result or a typed isError, and the route reached")
    func everyTool() async throws {
        let catalogue = try CatalogueSnapshot.load()
        #expect(catalogue.operations.count == 148)
        let ordered = (0...4).flatMap { phase in catalogue.operations.filter { Self.phase($0.name) == phase } }
        try await MCPHarness.with { harness in
            let seed = harness.emulator.seed
            var problems: [String] = []
            var answered = (results: 0, errors: 0)
            var known = KnownIds()
            for operation in ordered {
                let arguments = Dictionary(uniqueKeysWithValues: operation.params.filter(\.required).map {
                    ($0.name, Self.value(for: $0, tool: operation.name, seed: seed, baseURL: harness.emulator.baseURL, known: known))
                })
                let before = harness.emulator.stats().requests
                let result: CallTool.Result
                do {
                    result = try await harness.call(operation.name, arguments)
                } catch {
                    problems.append("\(operation.name): failed outside the protocol: \(error)")
                    continue
                }
                let object: [String: Value]
                do {
                    object = try MCPHarness.object(of: result)
                } catch {
                    problems.append("\(operation.name): \(error)")
                    continue
                }
                if result.isError == true {
                    answered.errors += 1
                    guard let code = object["code"]?.stringValue, !code.isEmpty, object["message"]?.stringValue?.isEmpty == false else {
                        problems.append("\(operation.name): an isError without a code and a message: \(object)")
                        continue
                    }
                    // An answer of the server's (a status) came from a request it received, maybe a first lookup.
                    if object["status"] != nil, harness.emulator.stats().requests == before {
                        problems.append("\(operation.name): an HTTP error, but the emulator received nothing: \(object)")
                    }
                    continue
                }
                answered.results += 1
                known.learn(from: operation.name, object)
                if let method = operation.method, let path = operation.path {
                    // The SDK sends raw chunks with PUT (CONTRACT.md); the catalogue names the anchor's POST form.
                    let methods = operation.name == "iconect_upload_chunk" ? [method, "PUT"] : [method]
                    let wanted = Set(methods.map { Self.routeKey("\($0) /v1\(path)") })
                    let reached = harness.emulator.stats().requests.contains { key, byStatus in
                        wanted.contains(Self.routeKey(key)) && byStatus.values.reduce(0, +) > (before[key]?.values.reduce(0, +) ?? 0)
                    }
                    if !reached { problems.append("\(operation.name): \(method) /v1\(path) never reached the emulator") }
                }
            }
            #expect(problems.isEmpty, "\(problems.count) tools misbehaved:\n\(problems.joined(separator: "\n"))")
            #expect(answered.results >= 100, "most tools succeed with the seeded and created ids (\(answered.results) did)")
            // The server is still there and whole.
            let tools = try await harness.client.listTools().tools
            #expect(tools.count == 148)
        }
    }
}
