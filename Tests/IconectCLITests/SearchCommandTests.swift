import CSV
import Foundation
import Iconect
import IconectEmulator
import Testing

/// `iconect search`, checked against the SDK's own search of the same query.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct SearchCommandTests {
    @Test func csvParsesBackToTheSDKsSearch() async throws {
        try await withCLIEmulator { emulator, client, cli in
            let projectId = emulator.seed.projectId
            // Values that need quoting: a comma, quotes, a line break, surrounding spaces.
            let awkward = try await client.records.create(NewRecord(
                documentId: "CSV-1", projectId: projectId,
                fields: ["title": "He said \"stop\", then\nleft", "custodian": "Alice Chen", "docDate": "2024-03-01",
                         "subject": "  padded  "]))
            let result = try await cli.run([
                "search", "--project", projectId, "--filter", "docDate>=2024-01-01", "--filter", "custodian in Alice Chen,Bob Martinez",
                "--fields", "title,custodian,docDate,subject", "--format", "csv", "--page-size", "100",
            ])
            #expect(result.status == 0, "\(result.stderr)")

            let reader = try CSVReader(string: result.stdout, hasHeaderRow: true)
            #expect(reader.headerRow == ["id", "title", "custodian", "docDate", "subject"])
            var rows: [[String]] = []
            while let row = reader.next() { rows.append(row) }

            let query = RecordQuery(projectId: projectId)
                .filter("docDate", .gte("2024-01-01"))
                .filter("custodian", .in(["Alice Chen", "Bob Martinez"]))
                .fields(["title", "custodian", "docDate", "subject"])
            let expected = try await client.records.paginate(query).collect().map { record in
                [record.id] + ["title", "custodian", "docDate", "subject"].map { record.fields[$0]?.stringValue ?? "" }
            }
            #expect(expected.count > 100, "the search spans several pages")
            #expect(rows == expected)
            #expect(rows.contains { $0[0] == awkward.id && $0[1] == "He said \"stop\", then\nleft" && $0[4] == "  padded  " })
        }
    }

    @Test func ndjsonStopsAtTheLimitAndTableHasAHeader() async throws {
        try await withCLIEmulator { emulator, _, cli in
            let ndjson = try await cli.run(["search", "--project", emulator.seed.projectId, "--limit", "25", "--page-size", "10",
                                            "--fields", "title"])
            #expect(ndjson.status == 0, "\(ndjson.stderr)")
            let lines = ndjson.stdout.split(separator: "\n")
            #expect(lines.count == 25)
            #expect(try lines.allSatisfy { try JSONValue(parsing: Data($0.utf8))["fields"]?["title"]?.stringValue != nil })
            // Three pages of 10 were enough: the fourth was never asked for.
            #expect(emulator.stats().count("GET", "/v1/records/search") <= 4)

            let table = try await cli.run(["search", "--project", emulator.seed.projectId, "--limit", "3", "--fields", "custodian",
                                           "--format", "table"])
            let rows = table.stdout.split(separator: "\n")
            #expect(rows.count == 5)
            #expect(rows[0].hasPrefix("id") && rows[0].contains("custodian") && rows[1].hasPrefix("---"))
        }
    }

    @Test func aBadFilterIsAClearErrorNamingTheOption() async throws {
        try await withCLIEmulator { emulator, _, cli in
            let result = try await cli.run(["search", "--project", emulator.seed.projectId, "--filter", "docDate=>2024"])
            #expect(result.status == 64, "a usage error (EX_USAGE)")
            #expect(result.stderr.contains("--filter") && result.stderr.contains("docDate=>2024"))
            #expect(emulator.stats().count("GET", "/v1/records/search") == 0, "nothing was sent")
        }
    }
}
