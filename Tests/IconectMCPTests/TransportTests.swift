import Foundation
@testable import IconectMCP
import MCP
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("BlockingStdioTransport", .timeLimit(.minutes(10)))
struct TransportTests {
    /// A transport connected to two fresh pipes: the test writes what stdin would carry into one and reads what the
    /// transport wrote to stdout from the other. Every descriptor is closed once, when the pipes go away.
    private final class Pipes {
        let transport: BlockingStdioTransport
        private let input: (read: Int32, write: Int32)
        private let output: (read: Int32, write: Int32)
        private var inputOpen = true

        init(maxMessageBytes: Int = MCPSettings.defaultMaxMessageBytes) async throws {
            input = try Self.makePipe()
            output = try Self.makePipe()
            transport = BlockingStdioTransport(input: input.read, output: output.write, maxMessageBytes: maxMessageBytes)
            try await transport.connect()
        }

        deinit {
            closeInput()
            close(input.read)
            close(output.read)
            close(output.write)
        }

        /// Ends the input, as the client closing stdin would.
        func closeInput() {
            guard inputOpen else { return }
            inputOpen = false
            close(input.write)
        }

        /// Writes `text` to the transport's input.
        func send(_ text: String) {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(input.write, buffer.baseAddress! + offset, buffer.count - offset)
                    if written <= 0 { return }
                    offset += written
                }
            }
        }

        /// Reads one line of what the transport wrote (blocking).
        func readLine() -> String {
            var line: [UInt8] = []
            var byte: UInt8 = 0
            while read(output.read, &byte, 1) == 1, byte != UInt8(ascii: "\n") { line.append(byte) }
            return String(decoding: line, as: UTF8.self)
        }

        private static func makePipe() throws -> (read: Int32, write: Int32) {
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { throw HarnessError("pipe failed: \(errno)") }
            return (ends[0], ends[1])
        }
    }

    @Test("splits messages at newlines however the bytes arrive, and finishes at end of input")
    func framing() async throws {
        let pipes = try await Pipes()
        let transport = pipes.transport
        let messages = await transport.receive()
        pipes.send("{\"jsonrpc\":\"2.0\",\"method\":\"a\"}\n{\"jsonrpc\":\"2.0\",")
        pipes.send("\"method\":\"b\"}\r\n\n   \n{\"jsonrpc\":\"2.0\",\"method\":\"c\"}")
        pipes.closeInput()
        var received: [String] = []
        for try await message in messages { received.append(String(decoding: message, as: UTF8.self)) }
        #expect(received == ["{\"jsonrpc\":\"2.0\",\"method\":\"a\"}", "{\"jsonrpc\":\"2.0\",\"method\":\"b\"}",
                             "{\"jsonrpc\":\"2.0\",\"method\":\"c\"}"])
    }

    @Test("writes one line per message; a drain waits for the answer of every request read")
    func drain() async throws {
        let pipes = try await Pipes()
        let transport = pipes.transport
        var messages = await transport.receive().makeAsyncIterator()
        pipes.send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}\n")
        pipes.send("{\"jsonrpc\":\"2.0\",\"id\":\"s-1\",\"method\":\"tools/list\"}\n")
        pipes.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n")
        for _ in 0..<3 { _ = try await messages.next() }
        #expect(await transport.pendingRequestCount == 2)

        await transport.stopReceiving()
        #expect(try await messages.next() == nil)
        let drained = Task { await transport.waitForPendingResponses(timeout: .seconds(30)) }
        try await transport.send(Data("{\"id\":7,\"jsonrpc\":\"2.0\",\"result\":{\"content\":[]}}".utf8))
        #expect(pipes.readLine() == "{\"id\":7,\"jsonrpc\":\"2.0\",\"result\":{\"content\":[]}}")
        #expect(await transport.pendingRequestCount == 1)
        try await transport.send(Data("{\"error\":{\"code\":-1,\"message\":\"m\"},\"id\":\"s-1\",\"jsonrpc\":\"2.0\"}".utf8))
        #expect(await drained.value == true)
        #expect(await transport.pendingRequestCount == 0)
    }

    @Test("a drain gives up after its timeout while a request is unanswered, and a cancellation withdraws it")
    func drainTimeoutAndCancellation() async throws {
        let pipes = try await Pipes()
        let transport = pipes.transport
        var messages = await transport.receive().makeAsyncIterator()
        pipes.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}\n")
        _ = try await messages.next()
        #expect(await transport.waitForPendingResponses(timeout: .milliseconds(50)) == false)
        pipes.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1,\"reason\":\"r\"}}\n")
        _ = try await messages.next()
        #expect(await transport.waitForPendingResponses(timeout: .seconds(30)) == true)
    }

    @Test("a message over the cap is answered with a parse error for its id, wherever the id is, and reading goes on")
    func overlongMessages() async throws {
        let pipes = try await Pipes(maxMessageBytes: 1024)
        var messages = await pipes.transport.receive().makeAsyncIterator()
        let big = String(repeating: "QUJD", count: 2_000)
        // The id after a huge params object that holds an "id" of its own and an escaped quote.
        pipes.send("{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"id\":1,\"b\":\"\(big)\\\"}\"},\"id\":42}\n")
        let first = pipes.readLine()
        #expect(first.contains("\"id\":42") && first.contains("-32700") && first.contains("ICONECT_MCP_MAX_MESSAGE_BYTES"), "\(first)")
        pipes.send("{\"jsonrpc\":\"2.0\",\"id\" : \"first\",\"method\":\"m\",\"params\":{\"b\":\"\(big)\"}}\n")
        #expect(pipes.readLine().contains("\"id\":\"first\""))
        pipes.send("{\"params\":{\"b\":\"\(big)\"}}\n")
        #expect(pipes.readLine().contains("\"id\":null"))
        pipes.send("{\"jsonrpc\":\"2.0\",\"method\":\"after\"}\n")
        let next = try await messages.next().map { String(decoding: $0, as: UTF8.self) }
        #expect(next == "{\"jsonrpc\":\"2.0\",\"method\":\"after\"}")
        #expect(await pipes.transport.pendingRequestCount == 0)
    }

    @Test("peeks at ids and methods without parsing the rest")
    func peek() {
        let big = String(repeating: "QUJD", count: 100_000)
        let request = JSONRPCPeek.summaries(of: Data("{\"params\":{\"id\":99,\"x\":\"\(big)\"},\"method\":\"tools/call\",\"id\":\"a\\\"b\"}".utf8))
        #expect(request == [.init(id: .string("a\"b"), method: "tools/call", cancelledRequestId: nil)])
        let response = JSONRPCPeek.summaries(of: Data("{\"id\":12,\"jsonrpc\":\"2.0\",\"result\":{\"text\":\"}]{[\\\\\"}}".utf8))
        #expect(response.first?.isResponse == true)
        #expect(response.first?.id == .number(12))
        let batch = JSONRPCPeek.summaries(of: Data("[{\"id\":1,\"method\":\"a\"},{\"method\":\"b\"}]".utf8))
        #expect(batch.map(\.isRequest) == [true, false])
        #expect(JSONRPCPeek.summaries(of: Data("not json".utf8)).isEmpty)
    }
}
