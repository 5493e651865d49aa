import Foundation
import Iconect

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `iconect-mcp` adds over the SDK calls it wraps, on each transport (`ICONECT_TRANSPORT` of the child):
/// sequential `iconect_get_project` calls to the built `iconect-mcp` (a child process spoken to in newline-delimited
/// JSON-RPC over pipes, as an MCP client does), beside the same GET through `IconectClient` directly; and a `filePath`
/// upload of a large file through `iconect_upload_file`, beside `files.upload(fileAt:)` of the same file. Both sides have
/// the response cache off, so each GET makes one HTTP request.
///
/// Needs the `iconect-mcp` binary next to this one: `swift build -c release --product iconect-mcp`.
struct MCPScenario {
    let environment: BenchEnvironment
    let calls: Int
    let uploadMegabytes: Int
    let transports: [BenchTransport]

    func run(_ report: Report) async throws {
        guard let binary = BenchEnvironment.builtTool("iconect-mcp") else {
            report.note("skipped: iconect-mcp is not built next to this binary (swift build -c release --product iconect-mcp)")
            return
        }
        guard let toolVariables = environment.toolVariables else {
            report.note("skipped: the mcp scenario needs password credentials")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("iconect-bench-mcp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("upload.bin")
        if uploadMegabytes > 0 { try BenchData.writeNoise(to: source, bytes: uploadMegabytes << 20) }
        let variables = toolVariables.merging(["ICONECT_LOG_LEVEL": "error", "ICONECT_MCP_ALLOWED_DIRS": folder.path]) { _, new in new }
        for transport in transports {
            let server = try MCPChild(binary: binary, environment: variables.merging(["ICONECT_TRANSPORT": transport.rawValue]) { _, new in new })
            defer { server.finish() }
            try server.initialize()
            let client = try environment.makeClient(transport, cache: false)
            try await latency(server: server, client: client, transport: transport, report: report)
            if uploadMegabytes > 0 { try await upload(source, server: server, client: client, transport: transport, report: report) }
            await client.shutdown()
        }
        report.note("\(calls) sequential tools/call iconect_get_project over stdio pipes; cache off on both sides; "
                    + "\(uploadMegabytes) MiB of random bytes for the uploads")
    }

    private func latency(server: MCPChild, client: IconectClient, transport: BenchTransport, report: Report) async throws {
        let projectId = environment.projectId
        let arguments = "{\"id\":\"\(projectId)\"}"
        let (mcp, direct) = try await Samples.interleaved(requests: calls) {
            _ = try server.callTool("iconect_get_project", arguments: arguments)
        } floor: {
            _ = try await client.projects.get(id: projectId)
        }
        let added = mcp.percentile(0.5) - direct.percentile(0.5)
        let name = transport.label
        report.figure("mcp tools/call median, \(name) (vs direct SDK call)", mcp.percentile(0.5), "µs", reference: direct.percentile(0.5))
        report.figure("mcp tools/call p99, \(name) (vs direct SDK call)", mcp.percentile(0.99), "µs", reference: direct.percentile(0.99))
        report.figure("mcp added latency, median, \(name) (vs 2 ms bar)", added, "µs", reference: 2_000)
    }

    /// The same file through `iconect_upload_file` with `filePath` and through the SDK directly, interleaved after one
    /// unmeasured upload (the first write of fresh memory on a VM costs several times a later one).
    private func upload(_ source: URL, server: MCPChild, client: IconectClient, transport: BenchTransport, report: Report) async throws {
        guard let store = try await client.fileStores.list().data.first else { throw BenchError("the server has no file store") }
        let options = FileUploadOptions(fileName: "bench-mcp.bin", projectId: environment.projectId, fileStoreId: store.id)
        let arguments = "{\"fileName\":\"bench-mcp.bin\",\"filePath\":\"\(source.path)\",\"projectId\":\"\(environment.projectId)\","
            + "\"fileStoreId\":\"\(store.id)\"}"
        _ = try await client.files.upload(fileAt: source, options: options)
        var (viaMCP, direct) = (Duration.zero, Duration.zero)
        for _ in 0..<2 {
            let start = ContinuousClock.now
            _ = try server.callTool("iconect_upload_file", arguments: arguments)
            viaMCP += ContinuousClock.now - start
            let second = ContinuousClock.now
            _ = try await client.files.upload(fileAt: source, options: options)
            direct += ContinuousClock.now - second
        }
        let bytes = Double(uploadMegabytes << 20) * 2
        let name = transport.label
        report.figure("mcp filePath upload \(uploadMegabytes) MiB, \(name) (vs files.upload(fileAt:))", bytes / 1e6 / viaMCP.seconds,
                      "MB/s", reference: bytes / 1e6 / direct.seconds)
        report.figure("mcp filePath upload added time, \(name)", (viaMCP - direct).seconds / 2 * 1000, "ms")
    }
}

/// An `iconect-mcp` child process and the two pipes to it, read and written with plain blocking POSIX calls.
private final class MCPChild {
    private let process = Process()
    private let input: Int32
    private let output: Int32
    private var buffer: [UInt8] = []
    private var nextId = 1

    init(binary: URL, environment: [String: String]) throws {
        let stdinPipe = Pipe()
        let stdoutPipe = Pipe()
        process.executableURL = binary
        var merged = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("ICONECT_") }
        merged.merge(environment.filter { !$0.value.isEmpty }) { _, new in new }
        process.environment = merged
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        try process.run()
        input = stdinPipe.fileHandleForWriting.fileDescriptor
        output = stdoutPipe.fileHandleForReading.fileDescriptor
    }

    func initialize() throws {
        let reply = try request("initialize", params: "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                                + "\"clientInfo\":{\"name\":\"iconect-bench\",\"version\":\"1\"}}")
        guard reply.contains("\"protocolVersion\"") else { throw BenchError("iconect-mcp did not initialize: \(reply)") }
        try send(line: "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
    }

    /// One `tools/call`; fails unless the result is a success.
    func callTool(_ name: String, arguments: String) throws -> String {
        let reply = try request("tools/call", params: "{\"name\":\"\(name)\",\"arguments\":\(arguments)}")
        guard reply.contains("\"isError\":false") else { throw BenchError("\(name) failed: \(reply.prefix(500))") }
        return reply
    }

    private func request(_ method: String, params: String) throws -> String {
        let id = nextId
        nextId += 1
        try send(line: "{\"jsonrpc\":\"2.0\",\"id\":\(id),\"method\":\"\(method)\",\"params\":\(params)}")
        let line = try readLine()
        guard line.hasPrefix("{\"id\":\(id),") else { throw BenchError("unexpected answer to request \(id): \(line.prefix(300))") }
        return line
    }

    private func send(line: String) throws {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        try bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = write(input, base + offset, raw.count - offset)
                guard written > 0 else { throw BenchError("writing to iconect-mcp failed (errno \(errno))") }
                offset += written
            }
        }
    }

    private func readLine() throws -> String {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            let count = chunk.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
            guard count > 0 else { throw BenchError("iconect-mcp closed its stdout") }
            buffer.append(contentsOf: chunk[..<count])
        }
    }

    /// Ends the input; the server drains, logs out and exits.
    func finish() {
        close(input)
        process.waitUntilExit()
    }
}
