import Foundation
import Iconect
import IconectEmulator
import Testing

@Suite("What crosses the wire: path ids and operator filters", .timeLimit(.minutes(10)))
struct EncodingTests {
    static let oddIds = ["a/b", "what?x=1", "hash#1", "100%", "with space", "café", "日本語", "a/b?c#d%e f"]

    @Test("ids holding / ? # % spaces and non-ASCII round-trip", arguments: TransportKind.allCases, oddIds)
    func oddIdsRoundTrip(transport: TransportKind, id: String) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            try emulator.insert(into: "projects", ["id": .string(id), "name": .string("Odd \(id)"),
                                                  "clientId": .string(emulator.seed.clientId),
                                                  "dataServerId": .string(emulator.seed.dataServerId)])
            let project = try await client.projects.get(id: id)
            #expect(project.id == id)
            let request = try #require(emulator.stats().recentRequests.last { $0.route == "/v1/projects/{id}" })
            #expect(request.rawPath.hasPrefix("/v1/projects/"))
            #expect(!request.rawPath.dropFirst("/v1/projects/".count).contains("/"), "the id stays one path segment")
            #expect(!request.rawPath.contains("?") && !request.rawPath.contains("#") && !request.rawPath.contains(" "))
        }
    }

    @Test("operator filters reach the server intact and filter correctly", arguments: TransportKind.allCases)
    func operatorFilters(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 400), transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let all = try await client.records.search(RecordQuery(projectId: projectId).page(1, size: 1000)).data
            #expect(all.count == 400)

            func check(_ query: RecordQuery, expected: (Record) -> Bool, _ comment: Comment) async throws {
                let page = try await client.records.search(query.page(1, size: 1000))
                let want = Set(all.filter(expected).map(\.id))
                #expect(Set(page.data.map(\.id)) == want, comment)
                #expect(page.total == want.count, comment)
                #expect(!want.isEmpty && want.count < all.count, "the filter must be selective to prove anything: \(comment)")
            }
            let base = RecordQuery(projectId: projectId)
            try await check(base.filter("docDate", .gte("2022-01-01")),
                            expected: { ($0.fields["docDate"]?.stringValue ?? "") >= "2022-01-01" }, "$gte on a date")
            try await check(base.filter("pageCount", .lt(10)),
                            expected: { ($0.fields["pageCount"]?.doubleValue ?? .infinity) < 10 }, "$lt on a number")
            let custodians = Array(Set(all.compactMap { $0.fields["custodian"]?.stringValue })).sorted().prefix(2)
            try await check(base.filter("custodian", .in(custodians.map { .string($0) })),
                            expected: { custodians.contains($0.fields["custodian"]?.stringValue ?? "") }, "$in")
            try await check(base.filter("custodian", .nin(custodians.map { .string($0) })),
                            expected: { !custodians.contains($0.fields["custodian"]?.stringValue ?? "") }, "$nin")
            try await check(base.filter("status", .ne("active")), expected: { $0.status != .active }, "$ne on a top-level key")
            try await check(base.filter("docType", .regex("^(email|memo)$")),
                            expected: { ["email", "memo"].contains($0.fields["docType"]?.stringValue ?? "") }, "$regex")
            try await check(base.filter("docDate", .gte("2021-01-01")).filter("docDate", .lt("2023-01-01")),
                            expected: { let d = $0.fields["docDate"]?.stringValue ?? ""; return d >= "2021-01-01" && d < "2023-01-01" },
                            "two operators on one field")

            let encoded = emulator.stats().recentRequests.compactMap(\.query).filter { $0.contains("docDate") }
            #expect(encoded.contains { $0.contains("filter.docDate%5B%24gte%5D=2022-01-01") }, "\(encoded)")
            let mangled = encoded.filter { $0.contains("%5Bobject") }
            #expect(mangled.isEmpty, "no [object Object] in the query")
        }
    }

    @Test("field selection returns only the requested fields", arguments: TransportKind.allCases)
    func fieldSelection(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 50), transport: transport) { emulator, client in
            let page = try await client.records.search(RecordQuery(projectId: emulator.seed.projectId).fields(["title", "custodian"]))
            #expect(!page.data.isEmpty)
            for record in page.data {
                #expect(Set(record.fields.keys).isSubset(of: ["title", "custodian"]))
                #expect(record.fields["title"] != nil)
            }
        }
    }
}
