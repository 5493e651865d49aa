import Foundation
import Testing

@testable import Iconect

@Suite("StatisticsRecorder", .timeLimit(.minutes(2)))
struct StatisticsRecorderTests {
    @Test func emptyReport() {
        let report = StatisticsRecorder().report()
        #expect(report.operations.isEmpty)
        #expect(report.counters.isEmpty)
        #expect(report["iconect_get_project"] == nil)
    }

    @Test func rowsCountCallsErrorsRetriesAndBytes() throws {
        let recorder = StatisticsRecorder()
        recorder.record(operation: "iconect_get_project", duration: .milliseconds(10), failed: false, retries: 0, bytesSent: 0, bytesReceived: 500)
        recorder.record(operation: "iconect_get_project", duration: .milliseconds(30), failed: true, retries: 2, bytesSent: 0, bytesReceived: 120)
        recorder.record(operation: "iconect_create_record", duration: .milliseconds(5), failed: false, retries: 1, bytesSent: 2048, bytesReceived: 300)
        let report = recorder.report()
        #expect(report.operations.map(\.operation) == ["iconect_create_record", "iconect_get_project"], "sorted by name")
        let row = try #require(report["iconect_get_project"])
        #expect(row.count == 2)
        #expect(row.errors == 1)
        #expect(row.retries == 2)
        #expect(row.bytesSent == 0)
        #expect(row.bytesReceived == 620)
        #expect(abs(row.meanMilliseconds - 20) < 1e-9)
        #expect(abs(row.maxMilliseconds - 30) < 1e-9)
        #expect(row.p50Milliseconds >= 9.5 && row.p50Milliseconds <= 10.5)
        #expect(row.p99Milliseconds >= 28.5 && row.p99Milliseconds <= 30)
        #expect(row.errorRate == 0.5)
        let create = try #require(report["iconect_create_record"])
        #expect(create.count == 1)
        #expect(create.errors == 0)
        #expect(create.errorRate == 0)
        #expect(create.bytesSent == 2048)
    }

    @Test func percentilesFollowTheDistribution() throws {
        let recorder = StatisticsRecorder()
        for millis in 1...1000 {
            recorder.record(operation: "op", duration: .milliseconds(millis), failed: false, retries: 0, bytesSent: 0, bytesReceived: 0)
        }
        let row = try #require(recorder.report()["op"])
        #expect(abs(row.p50Milliseconds - 500) <= 25)
        #expect(abs(row.p95Milliseconds - 950) <= 47.5)
        #expect(abs(row.p99Milliseconds - 990) <= 49.5)
        #expect(row.maxMilliseconds == 1000)
        #expect(abs(row.meanMilliseconds - 500.5) < 1e-9)
    }

    @Test func counters() {
        let recorder = StatisticsRecorder()
        recorder.increment("cache.hits")
        recorder.increment("cache.hits", by: 4)
        recorder.increment("auth.grants")
        #expect(recorder.report().counters == ["cache.hits": 5, "auth.grants": 1])
    }

    @Test func resetForgetsEveryFigure() {
        let recorder = StatisticsRecorder()
        recorder.record(operation: "op", duration: .milliseconds(3), failed: true, retries: 1, bytesSent: 1, bytesReceived: 1)
        recorder.increment("cache.hits")
        recorder.reset()
        let report = recorder.report()
        #expect(report.counters.isEmpty)
        #expect(report.operations.allSatisfy { $0.count == 0 && $0.errors == 0 && $0.retries == 0 && $0.bytesSent == 0 })
        #expect(report["op"].map { $0.meanMilliseconds == 0 && $0.p99Milliseconds == 0 } ?? true)
        recorder.record(operation: "op", duration: .milliseconds(8), failed: false, retries: 0, bytesSent: 0, bytesReceived: 0)
        #expect(recorder.report()["op"]?.count == 1)
    }

    @Test func concurrentRecordingLosesNothing() async throws {
        let recorder = StatisticsRecorder()
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<250 {
                        recorder.record(
                            operation: "op\(task % 2)", duration: .microseconds(index + 1), failed: index % 10 == 0, retries: 1,
                            bytesSent: 1, bytesReceived: 2)
                        recorder.increment("ticks")
                    }
                }
            }
        }
        let report = recorder.report()
        #expect(report.operations.map(\.count) == [1000, 1000])
        #expect(report.operations.map(\.errors) == [100, 100])
        #expect(report.operations.map(\.bytesReceived) == [2000, 2000])
        #expect(report.counters["ticks"] == 2000)
    }

    @Test func descriptionContainsEveryOperationAndCounter() {
        let recorder = StatisticsRecorder()
        let operations = ["iconect_search_records", "iconect_upload_chunk", "oauth_token", "an_operation_name_longer_than_forty_characters_x"]
        for (index, operation) in operations.enumerated() {
            recorder.record(
                operation: operation, duration: .milliseconds(index + 1), failed: false, retries: 0, bytesSent: 3 * 1_048_576,
                bytesReceived: 1536)
        }
        recorder.increment("cache.hits", by: 7)
        let text = recorder.report().description
        let lines = text.split(separator: "\n")
        #expect(lines.first?.hasPrefix("operation") == true)
        for operation in operations {
            #expect(lines.contains { $0.hasPrefix(operation + " ") }, "\(operation)")
        }
        #expect(text.contains("3.0 MiB"))
        #expect(text.contains("1.5 KiB"))
        #expect(lines.last == "cache.hits: 7")
    }

    @Test func reportIsCodable() throws {
        let recorder = StatisticsRecorder()
        recorder.record(operation: "op", duration: .milliseconds(12), failed: true, retries: 3, bytesSent: 10, bytesReceived: 20)
        recorder.increment("c", by: 2)
        let report = recorder.report()
        let again = try JSONDecoder().decode(StatisticsReport.self, from: try JSONEncoder().encode(report))
        #expect(again == report)
    }
}
