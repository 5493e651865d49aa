import Foundation
import Iconect
import IconectEmulator
@testable import IconectCLI
import Testing

/// `iconect bulk` under injected faults: every id accounted for, and the failures file good for a retry run.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct BulkCommandTests {
    @Test func tagUnderFaultsAccountsForEveryId() async throws {
        // A third of the records report RECORD_LOCKED on each attempt; two submissions fail with 500 before being retried.
        let configuration = EmulatorConfiguration(seedRecords: 3_000, bulkLockRate: 0.3)
        try await withCLIEmulator(configuration) { emulator, client, cli in
            emulator.setFaults([FaultRule(method: "POST", path: "/v1/records/bulk", status: 500, times: 2)])
            let seeded = try await client.records.paginate(RecordQuery(projectId: emulator.seed.projectId).fields(["title"]))
                .collect().map(\.id)
            let missing = (1...5).map { "no-such-record-\($0)" }
            let input = cli.directory.appendingPathComponent("ids.txt")
            try ((["# ids to tag"] + seeded + missing).joined(separator: "\n") + "\n").write(to: input, atomically: true, encoding: .utf8)
            let failures = cli.directory.appendingPathComponent("failures.ndjson")

            let result = try await cli.run(["bulk", "tag", "--project", emulator.seed.projectId, "--ids", input.path, "--tags", "cli-test",
                                            "--batch-size", "500", "--failures", failures.path, "--json"])
            #expect(result.status == 1, "some records fail for good: \(result.stderr)")
            let summary = try JSONValue(parsing: Data(result.stdout.utf8))
            let succeeded = try #require(summary["succeeded"]?.intValue)
            let failed = try #require(summary["failed"]?.intValue)
            #expect(summary["ids"] == 3_005)
            #expect(succeeded + failed == 3_005)

            let lines = try String(contentsOf: failures, encoding: .utf8).split(separator: "\n")
                .map { try JSONValue(parsing: Data($0.utf8)) }
            let failedIds = lines.compactMap { $0["recordId"]?.stringValue }
            #expect(failedIds.count == failed && Set(failedIds).count == failed, "each failed id once")
            #expect(Set(missing).isSubset(of: failedIds))
            #expect(lines.filter { missing.contains($0["recordId"]?.stringValue ?? "") }.allSatisfy { $0["error"]?["code"] == "notFound" })

            // What the server holds agrees: exactly the ids not in the failures file carry the tag.
            let tagged = try await client.records.paginate(RecordQuery(projectId: emulator.seed.projectId).tags(["cli-test"]).fields(["title"]))
                .collect().map(\.id)
            #expect(Set(tagged) == Set(seeded).subtracting(failedIds))
            #expect(tagged.count == succeeded)

            // The failures file is the retry run's input.
            emulator.setFaults([])
            let retry = try await cli.run(["bulk", "tag", "--project", emulator.seed.projectId, "--ids", failures.path, "--tags", "cli-test",
                                           "--failures", cli.directory.appendingPathComponent("retry.ndjson").path, "--json"])
            let again = try JSONValue(parsing: Data(retry.stdout.utf8))
            #expect(again["ids"]?.intValue == failed)
            #expect((again["failed"]?.intValue ?? 0) >= missing.count && (again["failed"]?.intValue ?? 0) < failed)
        }
    }

    @Test func idsFromStandardInputAndTheSearchOutput() async throws {
        try await withCLIEmulator { emulator, client, cli in
            // `iconect search` NDJSON is valid `--ids` input.
            let search = try await cli.run(["search", "--project", emulator.seed.projectId, "--filter", "docType=memo", "--fields", "title"])
            let input = cli.directory.appendingPathComponent("memos.ndjson")
            try search.stdout.write(to: input, atomically: true, encoding: .utf8)
            let memos = search.stdout.split(separator: "\n").count
            let result = try await cli.run(["bulk", "update", "--project", emulator.seed.projectId, "--ids", "-", "--set", "reviewBatch=B7",
                                            "--set", "priorityScore=5"], stdin: input)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("update: \(ProgressUnit.count(Int64(memos))) succeeded, 0 failed"))
            let updated = try await client.records.paginate(RecordQuery(projectId: emulator.seed.projectId).filter("reviewBatch", .eq("B7")))
                .collect()
            #expect(updated.count == memos)
            #expect(updated.allSatisfy { $0.fields["priorityScore"] == 5 && $0.fields["docType"] == "memo" })
        }
    }
}
