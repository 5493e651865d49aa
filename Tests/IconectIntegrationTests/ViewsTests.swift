import Foundation
import Iconect
import IconectEmulator
import Testing

@Suite("Views against the emulator", .timeLimit(.minutes(5)))
struct ViewsTests {
    /// Per custodian: count, sum, min and max of pageCount, computed here from the records.
    static func expectedByCustodian(_ records: [Record]) -> [String: (count: Int, sum: Double, min: Double, max: Double)] {
        var result: [String: (count: Int, sum: Double, min: Double, max: Double)] = [:]
        for record in records {
            guard let custodian = record.fields["custodian"]?.stringValue, let pages = record.fields["pageCount"]?.doubleValue else {
                continue
            }
            let current = result[custodian] ?? (0, 0, .infinity, -.infinity)
            result[custodian] = (current.count + 1, current.sum + pages, Swift.min(current.min, pages), Swift.max(current.max, pages))
        }
        return result
    }

    static let byCustodian = ViewQuery(grouping: ["custodian"], aggregations: [
        .count(as: "documents"), .sum("pageCount", as: "pages"), .avg("pageCount", as: "meanPages"),
        .min("pageCount", as: "fewest"), .max("pageCount", as: "most"),
    ])

    @Test("grouped by custodian, count and sum(pageCount) equal what the records say", arguments: TransportKind.allCases)
    func groupedAggregates(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 300), transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let view = try await client.views.create(NewView(
                name: "pages", displayName: "Pages by custodian", type: .grid, projectId: projectId, baseQuery: Self.byCustodian))
            #expect(view.baseQuery == Self.byCustodian)
            let records = try await client.records.paginate(RecordQuery(projectId: projectId)).collect()
            #expect(records.count == 300)
            let expected = Self.expectedByCustodian(records)
            let rows = try await client.views.data(id: view.id, pageSize: 1000).data
            #expect(rows.map { $0["custodian"]?.stringValue ?? "" } == expected.keys.sorted(), "one row per custodian, in key order")
            for row in rows {
                let wanted = try #require(expected[row["custodian"]?.stringValue ?? ""])
                #expect(row["documents"]?.intValue == wanted.count)
                #expect(row["pages"]?.doubleValue == wanted.sum)
                #expect(row["fewest"]?.doubleValue == wanted.min)
                #expect(row["most"]?.doubleValue == wanted.max)
                #expect(abs((row["meanPages"]?.doubleValue ?? 0) - wanted.sum / Double(wanted.count)) < 1e-9)
            }

            let emails = try await client.views.data(id: view.id, filter: Filter().where("docType", .eq("email")),
                                                     sorting: [SortField("pages", .descending)])
            let expectedEmails = Self.expectedByCustodian(records.filter { $0.fields["docType"] == "email" })
            #expect(emails.data.map { $0["pages"]?.doubleValue ?? 0 } == expectedEmails.values.map(\.sum).sorted(by: >))
            #expect(emails.data.reduce(0) { $0 + ($1["documents"]?.intValue ?? 0) } == expectedEmails.values.reduce(0) { $0 + $1.count })
        }
    }

    @Test("ungrouped rows page by page in the view's order, with its columns", arguments: TransportKind.allCases)
    func ungroupedPaging(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 200), transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let view = try await client.views.create(NewView(
                name: "memos", displayName: "Memos", type: .list, projectId: projectId,
                baseQuery: ViewQuery(filter: Filter().where("docType", .eq("memo")), sorting: [SortField("pageCount", .descending)],
                                     columns: ["title", "pageCount"])))
            let rows = try await client.views.paginateData(id: view.id, pageSize: 7).collect()
            let memos = try await client.records.search(RecordQuery(projectId: projectId).filter("docType", .eq("memo")).page(1, size: 1000))
            #expect(rows.count == memos.total)
            #expect(Set(rows.map(\.id)) == Set(memos.data.map(\.id)))
            let pages = rows.compactMap { $0["pageCount"]?.doubleValue }
            #expect(pages == pages.sorted(by: >))
            #expect(rows.allSatisfy { Set($0.values.keys) == ["id", "documentId", "title", "pageCount"] })
            let requests = emulator.stats().count("POST", "/v1/views/{id}/data")
            #expect(requests == (memos.total + 6) / 7)
            let oversized = try await expectIconectError { try await client.views.data(id: view.id, pageSize: 1001) }
            #expect(oversized.fieldErrors["pageSize"] != nil)
        }
    }

    @Test("csv and json exports parse back to exactly the rows (commas, quotes, line breaks)", arguments: TransportKind.allCases)
    func exportsParseBack(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let titles = ["Smith, John", "He said \"stop\"", "line one\nline two", "CRLF\r\nsplit", "tail,\"mixed\",\n", "plain"]
            for (index, title) in titles.enumerated() {
                var fields: [String: JSONValue] = ["title": .string(title), "pageCount": .number(Double(index)),
                                                   "responsive": .bool(index % 2 == 0)]
                if index != 3 { fields["custodian"] = "Chen" }
                _ = try await client.records.create(NewRecord(documentId: "X-\(index)", projectId: projectId, fields: fields,
                                                              tags: ["tricky", "set-\(index)"]))
            }
            let view = try await client.views.create(NewView(
                name: "tricky", displayName: "Tricky", type: .grid, projectId: projectId,
                baseQuery: ViewQuery(filter: Filter().where("tags", .in(["tricky"])), sorting: [SortField("documentId")]),
                displayOptions: ["columns": ["title", "custodian", "pageCount", "responsive", "tags"]]))
            let rows = try await client.views.data(id: view.id).data
            #expect(rows.map { $0["title"]?.stringValue } == titles)

            let csv = try await client.views.export(id: view.id, format: .csv)
            #expect(csv.rowCount == titles.count)
            #expect(csv.contentType?.hasPrefix("text/csv") == true)
            let parsed = CSVReader.rows(csv.content)
            let columns = ["id", "documentId", "title", "custodian", "pageCount", "responsive", "tags"]
            #expect(parsed.first == columns)
            let expected = rows.map { row in columns.map { Self.cell(row[$0]) } }
            #expect(Array(parsed.dropFirst()) == expected)

            let json = try await client.views.export(id: view.id, format: .json)
            let values = try JSONValue(parsing: Data(json.content.utf8))
            #expect(values == .array(rows.map { .object($0.values) }))
            let limited = try await client.views.export(id: view.id, format: .json, limit: 2)
            #expect(limited.rowCount == 2)

            let xlsx = try await expectIconectError { try await client.views.export(id: view.id, format: .xlsx) }
            #expect(xlsx.status == 422)
            #expect(xlsx.serverCode == "UNSUPPORTED_FORMAT")
            #expect(xlsx.fieldErrors["format"] != nil)
        }
    }

    /// A cell as the contract writes it: text as is, whole numbers without `.0`, `null` empty, arrays as compact JSON.
    static func cell(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: return ""
        case .string(let text)?: return text
        case .bool(let flag)?: return flag ? "true" : "false"
        case let other?: return other.description
        }
    }

    @Test("create, get with data, update, list, duplicate, share and delete", arguments: TransportKind.allCases)
    func lifecycle(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 30), transport: transport) { emulator, client in
            let seed = emulator.seed
            let view = try await client.views.create(NewView(
                name: "all", displayName: "All", type: .grid, projectId: seed.projectId, baseQuery: ViewQuery()))
            let withData = try await client.views.get(id: view.id, includeData: true, dataLimit: 5)
            #expect(withData.data?.count == 5)
            let updated = try await client.views.update(id: view.id, ViewChanges(displayName: "Everything", isActive: false))
            #expect(updated.displayName == "Everything")
            #expect(try await client.views.list(projectId: seed.projectId, isActive: false).data.map(\.id) == [view.id])
            #expect(try await client.views.list(projectId: seed.projectId, type: .chart).data.map(\.name) == ["monthly-volume"])

            let other = try await client.projects.create(NewProject(name: "M2", clientId: seed.clientId, dataServerId: seed.dataServerId))
            let copy = try await client.views.duplicate(id: view.id, newName: "all-2", targetProjectId: other.id)
            #expect(copy.projectId == other.id)
            #expect(copy.name == "all-2")

            let expired = try await expectIconectError {
                try await client.views.share(id: view.id, isPublic: true, expiresAt: Date(timeIntervalSinceNow: -3600))
            }
            #expect(expired.code == .validation)
            #expect(expired.fieldErrors["expiresAt"] != nil)
            #expect(try await client.views.get(id: view.id).sharing == nil, "a refused share leaves nothing behind")
            let share = try await client.views.share(id: view.id, isPublic: true, expiresAt: Date(timeIntervalSinceNow: 86_400),
                                                     allowAnonymous: false)
            #expect(!share.token.isEmpty)
            #expect(share.url?.contains(share.token) == true)
            #expect(share.isPublic == true)
            #expect(try await client.views.get(id: view.id).sharing?["token"]?.stringValue == share.token)

            try await client.views.delete(id: view.id)
            #expect(try await expectIconectError { try await client.views.get(id: view.id) }.code == .notFound)
        }
    }

    @Test("a query the engine cannot run is refused naming the member, and nothing is stored", arguments: TransportKind.allCases)
    func badQuery(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let error = try await expectIconectError {
                try await client.views.create(NewView(name: "bad", displayName: "Bad", type: .grid, projectId: emulator.seed.projectId,
                                                      baseQuery: ViewQuery(grouping: ["custodian"], aggregations: [Aggregation("median", field: "x")])))
            }
            #expect(error.code == .validation)
            #expect(error.fieldErrors["baseQuery.aggregations[0].function"] != nil)
            #expect(emulator.objects(in: "views").isEmpty)
        }
    }

    @Test("view data is a cached query only when asked, invalidates nothing, and a record write drops it", arguments: TransportKind.allCases)
    func dataCaching(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 50), configure: { $0.cache.isEnabled = true }, transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let view = try await client.views.create(NewView(name: "v", displayName: "V", type: .grid, projectId: projectId,
                                                             baseQuery: Self.byCustodian))
            _ = try await client.views.get(id: view.id)
            let first = try await client.views.data(id: view.id, cache: .useCache)
            _ = try await client.views.data(id: view.id, cache: .useCache)
            _ = try await client.views.data(id: view.id, filter: Filter().where("docType", .eq("memo")), cache: .useCache)
            #expect(emulator.stats().count("POST", "/v1/views/{id}/data") == 2, "the same query once; another body is another entry")
            _ = try await client.views.get(id: view.id)
            #expect(emulator.stats().count("GET", "/v1/views/{id}") == 1, "reading data dropped no cached definition")
            _ = try await client.views.data(id: view.id)
            #expect(emulator.stats().count("POST", "/v1/views/{id}/data") == 3, "without a policy it always asks")

            let record = try await client.records.search(RecordQuery(projectId: projectId).page(1, size: 1)).data[0]
            let custodian = record.fields["custodian"]?.stringValue ?? ""
            _ = try await client.records.update(id: record.id, RecordChanges(fields: ["pageCount": 10_000]))
            let after = try await client.views.data(id: view.id, cache: .useCache)
            #expect(emulator.stats().count("POST", "/v1/views/{id}/data") == 4, "the record write dropped the cached data")
            let before = first.data.first { $0["custodian"]?.stringValue == custodian }?["pages"]?.doubleValue ?? 0
            let now = after.data.first { $0["custodian"]?.stringValue == custodian }?["pages"]?.doubleValue ?? 0
            #expect(now > before)
        }
    }
}
