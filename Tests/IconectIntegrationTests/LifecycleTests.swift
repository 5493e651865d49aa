import Foundation
import Iconect
import IconectEmulator
import Synchronization
import Testing

/// Shutting down and cancelling: calls made after `shutdown()` fail with `.shutdown`, calls in flight finish within the
/// grace period (or fail with `.shutdown` after it), and a cancelled caller leaves a shared token grant at once.
@Suite("Client lifecycle: shutdown and cancellation", .timeLimit(.minutes(5)))
struct LifecycleTests {
    @Test("calls after shutdown fail with .shutdown, on every path", arguments: TransportKind.allCases)
    func callsAfterShutdown(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            _ = try await client.projects.list()
            await client.shutdown()
            let before = emulator.stats().totalRequests
            for call in [
                { _ = try await client.projects.list() },
                { _ = try await client.files.download(id: "f") },
                { try await client.auth.signIn(username: "demo", password: "demo-password") },
                { _ = try await client.bulk.tagRecords(["r"], in: emulator.seed.projectId, tags: ["t"]) },
            ] as [@Sendable () async throws -> Void] {
                let error = try await expectIconectError { try await call() }
                #expect(error.code == .shutdown, "\(error)")
            }
            #expect(emulator.stats().totalRequests == before, "nothing was sent")
            await client.shutdown()  // again: harmless
        }
    }

    /// A `clients.list()` the emulator holds for `latencyMs`, returned once its request is on the wire (signed in first,
    /// so the token grant is not what is held).
    static func callOnTheWire(_ emulator: EmulatorServer, _ client: IconectClient, latencyMs: Int) async throws
        -> Task<Page<Client>, any Error>
    {
        _ = try await client.projects.list()
        emulator.setFaults([FaultRule(method: "GET", path: "/v1/clients", latencyMs: latencyMs)])
        let call = Task { try await client.clients.list() }
        try await waitUntil("the call is on the wire") { emulator.stats().faultsInjected > 0 }
        return call
    }

    @Test("a call in flight finishes within the grace period; the shutdown waits for it", arguments: TransportKind.allCases)
    func inFlightCallFinishes(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let inFlight = try await Self.callOnTheWire(emulator, client, latencyMs: 600)
            await client.shutdown(gracePeriod: .seconds(30))
            let page = try await inFlight.value
            #expect(page.total >= 1, "the call in flight completed")
        }
    }

    @Test("a call that outlives the grace period fails with .shutdown", arguments: TransportKind.allCases)
    func graceExpires(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let inFlight = try await Self.callOnTheWire(emulator, client, latencyMs: 20_000)
            let started = ContinuousClock.now
            await client.shutdown(gracePeriod: .milliseconds(200))
            #expect(ContinuousClock.now - started < .seconds(10), "the shutdown did not wait for the slow call")
            let error = try await iconectError(of: inFlight)
            #expect(error.code == .shutdown, "\(error)")
        }
    }

    @Test("a cancelled caller leaves a shared grant at once; the grant goes on for the others", arguments: TransportKind.allCases)
    func cancelledWaiterLeavesTheGrant(transport: TransportKind) async throws {
        // A timeout far above the grant's 20 s, so that a machine loaded by the whole suite cannot time the grant out and
        // make the patient caller start a second one.
        try await withEmulator(configure: { $0.requestTimeout = .seconds(120) }, transport: transport) { emulator, client in
            emulator.setFaults([FaultRule(method: "POST", path: "/openid/token", latencyMs: 20_000)])
            let patient = Task { try await client.projects.list() }
            let impatient = Task { try await client.clients.list() }
            try await waitUntil("the grant is on the wire") { emulator.stats().faultsInjected > 0 }
            let cancelledAt = ContinuousClock.now
            impatient.cancel()
            let error = try await iconectError(of: impatient)
            #expect(error.code == .cancelled)
            // Half the grant's 20 s: "at once" with room for a machine loaded by the whole suite.
            #expect(ContinuousClock.now - cancelledAt < .seconds(10), "it did not wait for the 20 s grant")
            #expect(try await patient.value.total >= 1, "the grant went on for the patient caller")
            #expect(emulator.stats().tokenGrants["password"] == 1, "one grant for both")
        }
    }
}
