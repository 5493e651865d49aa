import Foundation
import Iconect
import IconectEmulator
import Testing

@Suite("The response cache against the emulator", .timeLimit(.minutes(10)))
struct CacheTests {
    static func enableCache(_ configuration: inout IconectConfiguration) {
        configuration.cache.isEnabled = true
    }

    @Test("1,000 concurrent identical cached queries make exactly one upstream request", arguments: TransportKind.allCases)
    func singleFlightUpstream(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 200), configure: Self.enableCache, transport: transport) { emulator, client in
            let query = RecordQuery(projectId: emulator.seed.projectId).filter("docType", .eq("email")).page(1, size: 50)
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<1_000 { group.addTask { try await client.records.search(query, cache: .useCache).total } }
                return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
            }
            #expect(counts.count == 1, "every caller got the same answer")
            #expect(emulator.stats().count("GET", "/v1/records/search") == 1)
            let counters = client.statistics().counters
            #expect(counters["cache.misses"] == 1)
            #expect((counters["cache.hits"] ?? 0) + (counters["cache.coalesced"] ?? 0) == 999)
        }
    }

    @Test("reference data is cached by default; a write through the client drops it", arguments: TransportKind.allCases)
    func writesInvalidate(transport: TransportKind) async throws {
        try await withEmulator(configure: Self.enableCache, transport: transport) { emulator, client in
            let id = emulator.seed.projectId
            _ = try await client.projects.get(id: id)
            _ = try await client.projects.get(id: id)
            #expect(emulator.stats().count("GET", "/v1/projects/{id}") == 1, "the second read is a hit")
            _ = try await client.projects.update(id: id, ProjectChanges(description: "changed"))
            let project = try await client.projects.get(id: id)
            #expect(project.description == "changed")
            #expect(emulator.stats().count("GET", "/v1/projects/{id}") == 2, "the update dropped the cached read")
        }
    }

    @Test("updating a record drops its project's cached searches; records are not cached unless a read opts in", arguments: TransportKind.allCases)
    func recordWritesInvalidateSearches(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 30), configure: Self.enableCache, transport: transport) { emulator, client in
            let query = RecordQuery(projectId: emulator.seed.projectId).page(1, size: 10)
            let first = try await client.records.search(query, cache: .useCache)
            _ = try await client.records.search(query, cache: .useCache)
            _ = try await client.records.search(query)  // no opt-in: always upstream
            #expect(emulator.stats().count("GET", "/v1/records/search") == 2)
            let record = try #require(first.data.first)
            _ = try await client.records.update(id: record.id, RecordChanges(fields: ["title": "Re-coded"]))
            let again = try await client.records.search(query, cache: .useCache)
            #expect(emulator.stats().count("GET", "/v1/records/search") == 3)
            #expect(again.data.first { $0.id == record.id }?.fields["title"] == "Re-coded")
        }
    }

    @Test("a bulk operation drops the project's cached record reads", arguments: TransportKind.allCases)
    func bulkInvalidates(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 30), configure: Self.enableCache, transport: transport) { emulator, client in
            let query = RecordQuery(projectId: emulator.seed.projectId).page(1, size: 10)
            let page = try await client.records.search(query, cache: .useCache)
            _ = try await client.records.bulk(projectId: emulator.seed.projectId, action: .assign,
                                              recordIds: page.data.map(\.id), parameters: ["assignedTo": "reviewer-9"])
            let after = try await client.records.search(query, cache: .useCache)
            #expect(after.data.allSatisfy { $0.assignedTo == "reviewer-9" })
        }
    }

    @Test("another identity never sees the first one's entries", arguments: TransportKind.allCases)
    func identitiesDoNotShare(transport: TransportKind) async throws {
        var emulatorConfiguration = EmulatorConfiguration()
        emulatorConfiguration.users.append(EmulatorUser(username: "other", password: "other-password"))
        try await withEmulator(emulatorConfiguration, configure: Self.enableCache, transport: transport) { emulator, client in
            let id = emulator.seed.projectId
            _ = try await client.projects.get(id: id)
            try await client.auth.signIn(username: "other", password: "other-password")
            _ = try await client.projects.get(id: id)
            #expect(emulator.stats().count("GET", "/v1/projects/{id}") == 2)
        }
    }

    @Test("an expired entry is revalidated with If-None-Match; a 304 refreshes it without a body", arguments: TransportKind.allCases)
    func revalidation(transport: TransportKind) async throws {
        try await withEmulator(configure: Self.enableCache, transport: transport) { emulator, client in
            let id = emulator.seed.projectId
            let first = try await client.projects.get(id: id, cache: .useCache(ttl: .zero))
            let second = try await client.projects.get(id: id, cache: .useCache(ttl: .zero))
            #expect(first == second)
            let requests = emulator.stats().recentRequests.filter { $0.route == "/v1/projects/{id}" }
            #expect(requests.map(\.status) == [200, 304])
            #expect(requests.last?.ifNoneMatch != nil)
            #expect(client.statistics().counters["cache.revalidations"] == 1)
        }
    }
}

@Suite("Paginators against the emulator", .timeLimit(.minutes(10)))
struct PaginationTests {
    @Test("items streams every record once, with pages as large as the operation allows", arguments: TransportKind.allCases)
    func streamsEverything(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 2_500), transport: transport) { emulator, client in
            var ids = Set<String>()
            for try await record in client.records.paginate(RecordQuery(projectId: emulator.seed.projectId).fields(["title"])).items {
                ids.insert(record.id)
            }
            #expect(ids.count == 2_500)
            let searches = emulator.stats().recentRequests.filter { $0.route == "/v1/records/search" }
            #expect(searches.count == 3, "1,000 to a page, and no page past the last")
            #expect(searches.allSatisfy { $0.query?.contains("pageSize=1000") == true })
        }
    }

    @Test("list paginators walk every page of a list", arguments: TransportKind.allCases)
    func listPaginator(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let seed = emulator.seed
            for index in 0..<25 {
                _ = try await client.projects.create(NewProject(name: "P\(index)", clientId: seed.clientId, dataServerId: seed.dataServerId))
            }
            let all = try await client.projects.paginate(ListOptions(pageSize: 10)).collect()
            #expect(all.count == 26)
            #expect(Set(all.map(\.id)).count == 26)
        }
    }
}
