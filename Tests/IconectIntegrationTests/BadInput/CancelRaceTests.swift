import Foundation
import HTTPTypes
import Iconect
import Testing

/// A cancellation racing the task's own end, on URLSession. Foundation on Linux traps ("a task that in not in the
/// registry") when `cancel()` finds a task still running while its end is being reported: its late failure report then
/// looks the task up after the session forgot it. Two ways the transport's cancellations meet a task's end: a silent
/// server, where the call's deadline and Foundation's own timeout (the same length) fire together; and a refused head
/// on a connection that closes at once.
@Suite("URLSession: a cancellation never races the task's own end", .timeLimit(.minutes(5)))
struct CancelRaceTests {
    @Test("a silent server: the deadline and Foundation's timeout fire together, and every call times out cleanly")
    func deadlineBesideFoundationsTimeout() async throws {
        try await withHostileServers([{ _, connection in connection.pause(.seconds(3)) }]) { servers in
            let outcomes = try await Self.calls(200, at: servers[0].baseURL, timeout: .seconds(1))
            #expect(outcomes.allSatisfy { $0 == .timeout }, "\(Set(outcomes.map { String(describing: $0) }))")
        }
    }

    @Test("a refused head on a connection closing at once: every call fails cleanly")
    func refusedHeadOnAClosingConnection() async throws {
        try await withHostileServers([{ _, connection in
            guard connection.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4294967296\r\n\r\n")
            else { return }
            // Close at a moment that varies around when the transport's cancellation lands.
            usleep(UInt32.random(in: 0...2_000))
            connection.close()
        }]) { servers in
            let outcomes = try await Self.calls(1_000, at: servers[0].baseURL, timeout: .seconds(30))
            #expect(outcomes.allSatisfy { $0 == .tooLarge || $0 == .transport }, "\(Set(outcomes.map { String(describing: $0) }))")
        }
    }

    /// `count` GETs to `base`, all in flight at once through one URLSession transport; each one's error code (nil for
    /// an answer).
    private static func calls(_ count: Int, at base: URL, timeout: Duration) async throws -> [IconectError.Code?] {
        let transport = URLSessionTransport(maximumConnectionsPerHost: count, maxResponseBytes: 1 << 20)
        let url = base.appendingPathComponent("race")
        let outcomes = await withTaskGroup(of: IconectError.Code?.self) { group in
            for _ in 0..<count {
                group.addTask {
                    do {
                        _ = try await transport.send(HTTPRequest(method: .get, url: url), body: .none, timeout: timeout)
                        return nil
                    } catch {
                        return (error as? IconectError)?.code ?? .transport
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        await transport.shutdown()
        #expect(outcomes.count == count)
        return outcomes
    }
}
