import Foundation
import Iconect
import Synchronization
import IconectEmulator
import Logging

/// `iconect-bench soak --minutes N`: a mixed workload on every chosen transport at once (searches through the cache and
/// paginators, record creates and updates, bulk updates, uploads each downloaded back and checked) against the emulator
/// injecting faults (5% 503, 2% dropped connections, 1% 429 with Retry-After, latency jitter) for N minutes; then, with
/// the faults off, what the SDK reported is checked against what the server holds.
///
/// Reported per transport: operations, requests and retries, errors by code, records lost and changes applied twice
/// (both must be 0, checked against the emulator's own counts), bytes wrong (0), p50/p99 latency of whole operations;
/// and the process's resident memory at the start, after the first minute and at the end.
struct SoakScenario {
    let environment: BenchEnvironment
    let minutes: Double
    let transports: [BenchTransport]
    static let workersPerTransport = 6

    /// The faults, each rule's probability set so that the rates hold over all requests (rules are tried in order).
    static let faults: [FaultRule] = {
        let wanted: [(FaultRule, Double)] = [
            (FaultRule(path: "/v1/*", status: 503), 0.05),
            (FaultRule(path: "/v1/*", drop: .afterHandling), 0.01),
            (FaultRule(path: "/v1/*", drop: .beforeHandling), 0.01),
            (FaultRule(path: "/v1/*", status: 429, retryAfter: "1"), 0.01),
            (FaultRule(path: "/v1/*", latencyMs: 50), 0.05),
            (FaultRule(path: "/v1/*", latencyMs: 10), 0.20),
        ]
        var remaining = 1.0
        return wanted.map { rule, rate in
            var rule = rule
            rule.probability = min(1, rate / remaining)
            remaining -= rate
            return rule
        }
    }()

    func run(_ report: Report) async throws {
        guard environment.hasEmulatorControls else {
            report.note("soak: skipped (it needs the emulator's fault controls and counts)")
            return
        }
        let lister = try environment.makeClient()
        let seeded = try await lister.records.paginate(RecordQuery(projectId: environment.projectId).page(1, size: 1000)).collect().map(\.id)
        let fileStoreId = try await lister.fileStores.list().data.first?.id ?? ""
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("iconect-soak-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        let ledgers = transports.map { SoakLedger(transport: $0) }
        let clients = try transports.map { transport -> IconectClient in
            var configuration = environment.configuration
            configuration.cache.isEnabled = true
            configuration.retryPolicy = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(20), maxDelay: .seconds(1))
            configuration.logger.logLevel = .warning  // a retry line per injected fault would drown the figures
            return try IconectClient(configuration: configuration, transport: transport.factory)
        }
        try await environment.setFaults(Self.faults)
        let statsBefore = try await environment.emulatorStats()
        let memoryStart = ResidentMemory.currentMB
        let started = ContinuousClock.now
        let deadline = started + .milliseconds(Int64(minutes * 60_000))
        let slices = transports.count * Self.workersPerTransport
        let sliceSize = max(100, seeded.count / max(1, slices))
        // The workers report nothing; the memory probe reports the resident memory one minute in (or at the end of a
        // shorter run), the baseline for growth.
        let memoryAfterFirstMinute = await withTaskGroup(of: Double?.self) { group -> Double? in
            for (index, (client, ledger)) in zip(clients, ledgers).enumerated() {
                for worker in 0..<Self.workersPerTransport {
                    let slice = index * Self.workersPerTransport + worker
                    let pool = Array(seeded.dropFirst(slice * sliceSize).prefix(sliceSize))
                    let workload = SoakWorkload(client: client, ledger: ledger, environment: environment, worker: worker,
                                                pool: pool.isEmpty ? seeded : pool, fileStoreId: fileStoreId, scratch: scratch)
                    group.addTask {
                        await workload.run(until: deadline)
                        return nil
                    }
                }
            }
            group.addTask {
                try? await Task.sleep(until: min(started + .seconds(60), deadline), clock: .continuous)
                return ResidentMemory.currentMB
            }
            var probe: Double?
            for await value in group { probe = probe ?? value }
            return probe
        }
        let elapsed = ContinuousClock.now - started
        let memoryEnd = ResidentMemory.currentMB
        try await environment.setFaults([])
        let statsAfter = try await environment.emulatorStats()

        report.note("soak: \(String(format: "%.1f", elapsed.seconds / 60)) min, \(Self.workersPerTransport) workers per transport, "
                    + "faults: 5% 503, 1% dropped after handling, 1% dropped before, 1% 429 Retry-After 1, 5% +50 ms, 20% +10 ms")
        report.figure("soak: requests the emulator received", Double(statsAfter.totalRequests - statsBefore.totalRequests), "requests")
        report.figure("soak: faults injected", Double(statsAfter.faultsInjected - statsBefore.faultsInjected), "faults")
        for (client, ledger) in zip(clients, ledgers) {
            let label = ledger.transport.label
            let statistics = client.statistics()
            let snapshot = ledger.state.withLock { $0 }
            let verdict = try await ledger.verify(with: lister, environment: environment)
            report.figure("soak \(label): operations", Double(snapshot.operations), "ops")
            report.figure("soak \(label): HTTP calls", Double(statistics.operations.reduce(0) { $0 + $1.count }), "calls")
            report.figure("soak \(label): retries", Double(statistics.operations.reduce(0) { $0 + $1.retries }), "retries")
            let errors = snapshot.errors.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            report.note("soak \(label): errors by code: \(errors.isEmpty ? "none" : errors)")
            report.figure("soak \(label): records lost", Double(verdict.lost), "records")
            report.figure("soak \(label): changes applied twice", Double(verdict.appliedTwice), "records")
            report.figure("soak \(label): bytes wrong (downloads whose digest differs)", Double(snapshot.bytesWrong), "files")
            report.figure("soak \(label): p50 operation latency", snapshot.latencies.percentile(0.5) / 1000, "ms")
            report.figure("soak \(label): p99 operation latency", snapshot.latencies.percentile(0.99) / 1000, "ms")
            await client.shutdown()
        }
        let baseline = memoryAfterFirstMinute ?? memoryStart
        report.figure("soak: resident memory at start", memoryStart, "MB")
        report.figure("soak: resident memory after the first minute", baseline, "MB")
        report.figure("soak: resident memory at end", memoryEnd, "MB")
        report.figure("soak: growth after the first minute", baseline > 0 ? (memoryEnd - baseline) / baseline * 100 : 0, "%")
        await lister.shutdown()
    }
}
