// The performance guide's chapter "Monitoring and Metrics", run: one function per section, and the checklist's
// "Performance Targets" measured together.
//
//   swift run monitoring-and-metrics [--small]
import ExampleSupport
import Foundation
import Iconect

@main
struct MonitoringAndMetrics {
    static func main() async {
        await Example.run("Monitoring and Metrics") { context in
            try await performanceTracking(context)
            try await resourceUsageMonitoring(context)
            try await performanceTargets(context)
        }
    }

    /// Performance Tracking: the client measures every operation (calls, errors, retries, latency percentiles, bytes);
    /// `statistics()` is the guide's `PerformanceMonitor.getReport()`, with nothing to wrap.
    static func performanceTracking(_ context: ExampleContext) async throws {
        context.report.section("Performance Tracking")
        let (gets, searches, misses) = (context.size(100, small: 30), context.size(20, small: 5), 5)
        try await context.withClient { client in
            for _ in 0..<gets { _ = try await client.projects.get(id: context.projectId, cache: .bypass) }
            for page in 1...searches { _ = try await client.records.search(RecordQuery(projectId: context.projectId).page(page, size: 50)) }
            for number in 0..<misses {
                do {
                    _ = try await client.records.get(id: "no-such-record-\(number)")
                } catch let error as IconectError where error.code == .notFound {}
            }
            let report = client.statistics()
            print(report.description.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            let get = report["iconect_get_project"]
            context.report.figure("iconect_get_project", String(format: "%d calls, mean %.2f ms, max %.2f ms, error rate %.0f%%",
                                                                get?.count ?? 0, get?.meanMilliseconds ?? 0, get?.maxMilliseconds ?? 0,
                                                                (get?.errorRate ?? 0) * 100))
            context.report.check(get?.count == gets && get?.errors == 0, "\(gets) project reads counted, none failed")
            context.report.check(report["iconect_search_records"]?.count == searches, "\(searches) searches counted")
            context.report.check(report["iconect_get_record"].map { $0.count == misses && $0.errorRate == 1 } ?? false,
                                 "\(misses) failed reads counted as errors (error rate 100%)")
        }
    }

    /// Resource Usage Monitoring: sample the process's memory and CPU on a timer (the guide's `setInterval`, here every
    /// 100 ms instead of 30 s) while a workload runs.
    static func resourceUsageMonitoring(_ context: ExampleContext) async throws {
        context.report.section("Resource Usage Monitoring")
        let (samples, peak) = try await monitor(every: .milliseconds(100)) {
            for try await _ in context.client.records.paginate(RecordQuery(projectId: context.projectId)).items {}
        }
        let now = ProcessResources.current()
        context.report.figure("while streaming every record", "\(samples) samples, rss peak \(Format.bytes(peak)), "
                              + "rss now \(Format.bytes(now.residentBytes)), cpu \(Format.duration(now.cpuTime))",
                              target: "memory < 512 MB")
        context.report.check(samples >= 1, "the monitor sampled while the work ran")
        context.report.check(peak < 512 << 20, "resident memory stayed under 512 MB")
    }

    /// Samples resident memory every `interval` while `work` runs, printing each sample as the guide does; returns the
    /// number of samples and the peak.
    static func monitor(every interval: Duration, _ work: () async throws -> Void) async throws -> (Int, Int64) {
        let printer = Task {
            var samples = 0
            var peak: Int64 = 0
            while !Task.isCancelled {
                let usage = ProcessResources.current()
                if samples < 3 { print("    { rss: \(Format.bytes(usage.residentBytes)), cpu: \(Format.duration(usage.cpuTime)) }") }
                peak = max(peak, usage.residentBytes)
                samples += 1
                try? await Task.sleep(for: interval)
            }
            return (samples, peak)
        }
        do {
            try await work()
        } catch {
            printer.cancel()
            throw error
        }
        printer.cancel()
        return await printer.value
    }

    /// The checklist's Performance Targets, measured in one run: simple query latency, bulk rate, upload rate, memory and
    /// connection-pool utilization (requests in flight against `maximumConnectionsPerHost`).
    static func performanceTargets(_ context: ExampleContext) async throws {
        context.report.section("Performance Targets")
        let files = try SampleFiles()
        defer { files.remove() }
        let gauge = ConnectionGauge(wrapping: URLSessionTransport(configuration: context.configuration))
        try await context.withClient(transport: gauge) { client in
            var latencies: [Duration] = []
            for _ in 0..<context.size(200, small: 50) {
                latencies.append(try await timed { try await client.projects.get(id: context.projectId, cache: .bypass) }.1)
            }
            let p50 = latencies.sorted()[latencies.count / 2]

            let ids = try await ScratchRecords.create(context.size(5_000, small: 500), in: context, label: "Targets example")
            gauge.resetPeak()
            let (bulk, bulkTime) = try await timed { try await client.bulk.tagRecords(ids, in: context.projectId, tags: ["targets"]) }
            let bulkRate = Double(bulk.succeeded.count) / bulkTime.seconds

            let size = context.size(64 << 20, small: 24 << 20)
            let source = try files.random("targets.bin", bytes: size)
            let (file, uploadTime) = try await timed {
                try await client.files.upload(fileAt: source, options: FileUploadOptions(
                    fileName: "targets.bin", projectId: context.projectId, fileStoreId: context.fileStoreId))
            }
            let megabytes = Format.megabytesPerSecond(Int64(size), in: uploadTime)
            let memory = ProcessResources.current().peakResidentBytes
            let utilization = Double(gauge.peak) / Double(context.configuration.maximumConnectionsPerHost) * 100

            let rows: [(String, String, String, Bool)] = [
                ("API response time, simple query (p50)", Format.duration(p50), "< 200 ms", p50 < .milliseconds(200)),
                ("bulk operations", Format.rate(bulkRate, unit: "records/s"), "> 100 records/s", bulkRate > 100),
                ("file uploads", String(format: "%.1f MB/s", megabytes), "> 10 MB/s", megabytes > 10),
                ("memory usage (peak resident)", Format.bytes(memory), "< 512 MB", memory < 512 << 20),
                ("connection pool utilization (peak)", String(format: "%.0f%%", utilization), "< 80%", utilization < 80),
            ]
            for (label, value, target, met) in rows {
                context.report.figure(label, value, target: target)
                context.report.check(met, "\(label): \(value) meets \(target)")
            }
            try await client.files.delete(id: file.id)
            try await ScratchRecords.delete(ids, in: context)
        }
    }
}
