import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The loop of ``BlockingStdioTransport``'s reader thread: blocking reads, split at newlines, each message yielded as it
/// completes. A line that grows past `maxBytes` stops being kept: the rest of it is scanned for its `id` as it streams
/// past, and at its end `answer` gets the parse error for it.
struct LineReader: Sendable {
    let input: Int32
    let maxBytes: Int
    let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    let pending: PendingRequests
    let logger: Logger
    /// Writes a message to the client (the parse error of an over-long line).
    let answer: @Sendable (Data) -> Void

    /// The line being read: kept, or (past the cap) only scanned.
    private enum Line {
        case kept(Data)
        case overlong(OverlongMessage)
    }

    func run() {
        let capacity = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var line = Line.kept(Data())
        while true {
            let count = read(input, buffer, capacity)
            if count > 0 {
                var start = 0
                while start < count, let newline = memchr(buffer + start, Int32(UInt8(ascii: "\n")), count - start) {
                    let end = buffer.distance(to: newline)
                    append(UnsafeRawBufferPointer(start: buffer + start, count: end - start), to: &line)
                    finish(line)
                    line = .kept(Data())
                    start = end + 1
                }
                if start < count { append(UnsafeRawBufferPointer(start: buffer + start, count: count - start), to: &line) }
                continue
            }
            if count == 0 {
                finish(line)
                logger.debug("end of input")
                continuation.finish()
                return
            }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK {
                // Inherited non-blocking stdin: block in poll(2) instead of spinning.
                var descriptorState = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
                _ = poll(&descriptorState, 1, -1)
                continue
            }
            logger.error("reading standard input failed", metadata: ["errno": "\(code)"])
            continuation.finish(throwing: StdioTransportError.read(code))
            return
        }
    }

    private func append(_ bytes: UnsafeRawBufferPointer, to line: inout Line) {
        switch line {
        case .kept(var data):
            guard data.count + bytes.count > maxBytes else {
                line = .kept(Data())  // drop the reference before appending, so the buffer is not copied
                data.append(contentsOf: bytes)
                line = .kept(data)
                return
            }
            var scanner = OverlongMessage()
            data.withUnsafeBytes { scanner.feed($0) }
            scanner.feed(bytes)
            line = .overlong(scanner)
        case .overlong(var scanner):
            scanner.feed(bytes)
            line = .overlong(scanner)
        }
    }

    private func finish(_ line: Line) {
        switch line {
        case .kept(let data):
            if !data.isEmpty { deliver(data) }
        case .overlong(let scanner):
            logger.warning("dropped a message over the size cap", metadata: ["bytes": "\(scanner.count)", "limit": "\(maxBytes)"])
            answer(scanner.parseError(limit: maxBytes))
        }
    }

    private func deliver(_ raw: Data) {
        var message = raw
        if message.last == UInt8(ascii: "\r") { message.removeLast() }
        guard message.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
        let summaries = JSONRPCPeek.summaries(of: message)
        for summary in summaries {
            if summary.isRequest, let id = summary.id { pending.add(id) }
            if let cancelled = summary.cancelledRequestId { pending.remove(cancelled) }
        }
        if case .terminated = continuation.yield(message) {
            // Input was stopped: this request will never be handled, so nothing waits for its answer.
            for summary in summaries where summary.isRequest {
                if let id = summary.id { pending.remove(id) }
            }
        }
    }
}
