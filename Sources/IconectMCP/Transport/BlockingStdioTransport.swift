import Foundation
import Logging
import MCP

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The MCP stdio transport without polling: a dedicated thread blocks in `read(2)` on standard input and hands each
/// newline-delimited message to the server as soon as it arrives; writes go to standard output whole, one message at a
/// time (the actor serializes them), with a full-write loop. A line longer than the cap is never buffered: it is
/// answered with a JSON-RPC parse error (``OverlongMessage``) and dropped.
///
/// The MCP library's own `StdioTransport` sleeps 10 ms whenever its non-blocking input is empty, which alone costs a
/// call up to 10 ms; this one answers as fast as the call itself.
///
/// It also tracks the requests read but not answered, so a shutdown can drain them: ``stopReceiving()`` ends the input
/// (as end of file does) and ``waitForPendingResponses(timeout:)`` returns once every request has its answer on stdout.
public actor BlockingStdioTransport: Transport {
    public nonisolated let logger: Logger
    private let input: Int32
    private let output: Int32
    private let messages: AsyncThrowingStream<Data, any Error>
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    private let pending = PendingRequests()
    private var isConnected = false
    private var readerStarted = false

    private let maxMessageBytes: Int

    /// A transport over `input` and `output` (standard input and output by default); a message longer than
    /// `maxMessageBytes` is answered with a parse error instead of being buffered.
    public init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO,
                maxMessageBytes: Int = MCPSettings.defaultMaxMessageBytes, logger: Logger = Logger(label: "iconect-mcp.stdio")) {
        self.input = input
        self.output = output
        self.maxMessageBytes = maxMessageBytes
        self.logger = logger
        (messages, continuation) = AsyncThrowingStream.makeStream(of: Data.self)
    }

    public func connect() async throws {
        guard !readerStarted else { return }
        readerStarted = true
        isConnected = true
        let reader = LineReader(input: input, maxBytes: maxMessageBytes, continuation: continuation, pending: pending,
                                logger: logger) { [self] answer in
            Task { try? await self.send(answer) }
        }
        let thread = Thread { reader.run() }
        thread.name = "iconect-mcp.stdin"
        thread.start()
    }

    public func disconnect() async {
        isConnected = false
        continuation.finish()
    }

    /// Ends the input as end of file would (the reader thread stays parked in `read`; the process exits after the drain).
    public func stopReceiving() {
        continuation.finish()
    }

    /// How many requests have been read and not answered.
    public var pendingRequestCount: Int { pending.count }

    /// Waits until every request read has been answered, or `timeout` has passed; `true` when all were answered.
    public func waitForPendingResponses(timeout: Duration) async -> Bool {
        let pending = self.pending
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await pending.waitUntilEmpty()
                return !Task.isCancelled
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    public func send(_ data: Data) async throws {
        guard isConnected else { throw StdioTransportError.notConnected }
        var message = data
        message.append(UInt8(ascii: "\n"))
        try message.withUnsafeBytes { bytes in try Self.writeAll(bytes, to: output) }
        for summary in JSONRPCPeek.summaries(of: data) where summary.isResponse {
            if let id = summary.id { pending.remove(id) }
        }
    }

    public func receive() -> AsyncThrowingStream<Data, any Error> {
        messages
    }

    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) throws {
        guard var address = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(descriptor, address, remaining)
            if written > 0 {
                address += written
                remaining -= written
                continue
            }
            let code = errno
            if written < 0, code == EINTR { continue }
            if written < 0, code == EAGAIN || code == EWOULDBLOCK {
                // Someone made stdout non-blocking: wait until it drains, without spinning.
                var descriptorState = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                _ = poll(&descriptorState, 1, -1)
                continue
            }
            throw StdioTransportError.write(code)
        }
    }
}

/// A failure of ``BlockingStdioTransport``.
public enum StdioTransportError: Error, Sendable, Hashable {
    case notConnected
    case read(Int32)
    case write(Int32)
}
