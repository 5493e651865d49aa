import Foundation
import Iconect
import IconectEmulator
import IconectMCP
import Logging
import MCP

/// An emulator, an `IconectMCPServer` configured for it from `ICONECT_*` variables, and a real MCP `Client` connected to
/// the server over the MCP library's in-memory transport.
struct MCPHarness {
    let emulator: EmulatorServer
    let server: IconectMCPServer
    let client: MCP.Client

    /// The `ICONECT_*` variables that point at `emulator` with the demo user.
    static func environment(for emulator: EmulatorServer) -> [String: String] {
        [
            "ICONECT_BASE_URL": emulator.baseURL.absoluteString, "ICONECT_CLIENT_ID": "emulator-client",
            "ICONECT_CLIENT_SECRET": "emulator-secret", "ICONECT_USERNAME": "demo", "ICONECT_PASSWORD": "demo-password",
        ]
    }

    /// Runs `body` with a fresh emulator and server; `configured: false` starts the server with no `ICONECT_*` at all.
    /// With `roots`, the client declares the `roots` capability and answers `roots/list` with what `roots` returns.
    @discardableResult
    static func with<T>(configured: Bool = true, extraEnvironment: [String: String] = [:],
                        roots: (@Sendable () -> [Root])? = nil, _ body: (MCPHarness) async throws -> T) async throws -> T {
        try await with(environment: { emulator in
            (configured ? Self.environment(for: emulator) : [:]).merging(extraEnvironment) { _, new in new }
        }, roots: roots, body)
    }

    /// Runs `body` with a fresh emulator and a server started with the environment `environment` makes for it.
    @discardableResult
    static func with<T>(environment makeEnvironment: (EmulatorServer) -> [String: String], roots: (@Sendable () -> [Root])? = nil,
                        _ body: (MCPHarness) async throws -> T) async throws -> T {
        let emulator = try await EmulatorServer.start(EmulatorConfiguration())
        let environment = makeEnvironment(emulator)
        let server: IconectMCPServer
        do {
            server = try IconectMCPServer(environment: environment, logger: Logger(label: "iconect-mcp.tests"))
        } catch {
            await emulator.stop()
            throw error
        }
        let (clientTransport, serverTransport) = await InMemoryTransport.createConnectedPair()
        let capabilities = MCP.Client.Capabilities(roots: roots == nil ? nil : .init(listChanged: true))
        let client = MCP.Client(name: "iconect-mcp-tests", version: "1.0", capabilities: capabilities)
        if let roots { await client.withRootsHandler { roots() } }
        do {
            try await server.start(transport: serverTransport)
            try await client.connect(transport: clientTransport)
            let harness = MCPHarness(emulator: emulator, server: server, client: client)
            let result = try await body(harness)
            await client.disconnect()
            await server.stop()
            await emulator.stop()
            return result
        } catch {
            await client.disconnect()
            await server.stop()
            await emulator.stop()
            throw error
        }
    }

    /// The full `tools/call` result (content, structuredContent, isError); `progressToken` asks for progress.
    func call(_ name: String, _ arguments: [String: Value] = [:], progressToken: ProgressToken? = nil) async throws
        -> CallTool.Result
    {
        let meta = progressToken.map { Metadata(progressToken: $0) }
        return try await client.send(CallTool.request(.init(name: name, arguments: arguments, meta: meta))).value
    }

    /// The object of a successful call; fails when the call answered an error.
    func success(_ name: String, _ arguments: [String: Value] = [:]) async throws -> [String: Value] {
        let result = try await call(name, arguments)
        let object = try Self.object(of: result)
        guard result.isError != true else { throw HarnessError("\(name) failed: \(object)") }
        return object
    }

    /// The object of a failed call; fails when the call succeeded.
    func failure(_ name: String, _ arguments: [String: Value] = [:]) async throws -> [String: Value] {
        let result = try await call(name, arguments)
        let object = try Self.object(of: result)
        guard result.isError == true else { throw HarnessError("\(name) succeeded, expected an error: \(object)") }
        return object
    }

    /// The result's object, after checking that the text content is the same JSON as the structured content.
    static func object(of result: CallTool.Result) throws -> [String: Value] {
        guard let structured = result.structuredContent?.objectValue else {
            throw HarnessError("no structuredContent object in \(result)")
        }
        guard result.content.count == 1, case .text(let text, _, _) = result.content[0] else {
            throw HarnessError("expected one text content, got \(result.content)")
        }
        let parsed = try JSONDecoder().decode(Value.self, from: Data(text.utf8))
        guard parsed == .object(structured) else { throw HarnessError("text \(text) differs from structuredContent") }
        return structured
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description.count > 2_000 ? String(description.prefix(2_000)) + "…" : description }
}

/// The catalogue as parsed by scripts/catalogue.py and committed beside the end-to-end test.
struct CatalogueSnapshot: Decodable {
    struct Operation: Decodable {
        struct Parameter: Decodable {
            let name: String
            let type: String
            let required: Bool
            let range: [Int?]?
            let `enum`: [String]?
            let spec: String
        }

        let name: String
        let area: String
        /// The HTTP method and path, absent for the tools that call no route.
        let method: String?
        let path: String?
        let params: [Parameter]
    }

    struct Override: Decodable {
        let added: [String]
        let madeOptional: [String]
    }

    let operations: [Operation]
    let overrides: [String: Override]

    static func load() throws -> CatalogueSnapshot {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("MCPEndToEnd/catalogue.json")
        return try JSONDecoder().decode(CatalogueSnapshot.self, from: Data(contentsOf: url))
    }
}
