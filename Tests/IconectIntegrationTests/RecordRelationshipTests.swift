import Foundation
import Iconect
import IconectEmulator
import Testing

/// Record relationships, and a bulk operation driven by hand (submit, then wait), against the emulator.
@Suite("Record relationships and hand-driven bulk operations", .timeLimit(.minutes(5)))
struct RecordRelationshipTests {
    @Test("a relationship is created, listed from its source, filtered by type, and deleted", arguments: TransportKind.allCases)
    func relationships(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 3), transport: transport) { emulator, client in
            let ids = try await BulkTests.allIds(client, emulator.seed.projectId)
            let duplicate = try await client.records.createRelationship(
                NewRecordRelationship(sourceRecordId: ids[0], targetRecordId: ids[1], relationshipType: .duplicate,
                                      description: "near-duplicate"))
            let reference = try await client.records.createRelationship(
                NewRecordRelationship(sourceRecordId: ids[0], targetRecordId: ids[2], relationshipType: .reference))
            let stored = emulator.objects(in: "relationships").first { $0["id"]?.stringValue == duplicate.id }
            #expect(stored?["targetRecordId"]?.stringValue == ids[1])
            #expect(stored?["relationshipType"]?.stringValue == "duplicate")

            let all = try await client.records.relationships(of: ids[0])
            #expect(Set(all.map(\.id)) == [duplicate.id, reference.id])
            let duplicates = try await client.records.relationships(of: ids[0], type: .duplicate)
            #expect(duplicates.map(\.id) == [duplicate.id])
            #expect(duplicates.first?.description == "near-duplicate")
            let query = emulator.stats().recentRequests.last { $0.method == "GET" && $0.rawPath.hasSuffix("/relationships") }?.query
            #expect(query == "type=duplicate")

            try await client.records.deleteRelationship(id: duplicate.id)
            #expect(try await client.records.relationships(of: ids[0]).map(\.id) == [reference.id])
            #expect(emulator.objects(in: "relationships").count == 1)
        }
    }

    @Test("submitBulk returns at once; waitForBulkOperation polls it to its end", arguments: TransportKind.allCases)
    func submitThenWait(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 40), transport: transport) { emulator, client in
            let ids = try await BulkTests.allIds(client, emulator.seed.projectId)
            let started = try await client.records.submitBulk(projectId: emulator.seed.projectId, action: .tag, recordIds: ids,
                                                              parameters: ["tags": ["by-hand"]])
            #expect(started.totalRecords == 40)
            let key = emulator.stats().recentRequests.last { $0.method == "POST" && $0.rawPath == "/v1/records/bulk" }?.idempotencyKey
            #expect(key != nil, "a bulk POST carries an Idempotency-Key")
            let final = try await client.records.waitForBulkOperation(id: started.operationId, pollInterval: .milliseconds(5))
            #expect(final.status == .completed)
            #expect(final.successfulRecords == 40)
            #expect(emulator.stats().count("GET", "/v1/records/bulk/{operationId}") >= 1)
            let records = try await BulkTests.records(client, emulator.seed.projectId)
            #expect(records.allSatisfy { $0.tags?.contains("by-hand") == true })
        }
    }

    @Test("panels and views page through every item", arguments: TransportKind.allCases)
    func panelsAndViewsPaginate(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let layout: [String: JSONValue] = ["columns": 2]
            let query = ViewQuery()
            for index in 0..<5 {
                _ = try await client.panels.create(NewPanel(name: "panel-\(index)", displayName: "Panel \(index)", type: .grid,
                                                            projectId: projectId, layout: layout))
                _ = try await client.views.create(NewView(name: "view-\(index)", displayName: "View \(index)", type: .list,
                                                               projectId: projectId, baseQuery: query, displayOptions: [:]))
            }
            let panels = try await client.panels.paginate(projectId: projectId, ListOptions(pageSize: 2)).collect()
            let views = try await client.views.paginate(projectId: projectId, ListOptions(pageSize: 2)).collect()
            #expect(panels.filter { $0.name.hasPrefix("panel-") }.count == 5)
            #expect(views.filter { $0.name.hasPrefix("view-") }.count == 5)
            #expect(Set(panels.map(\.id)).count == panels.count, "no item twice across pages")
            #expect(emulator.stats().count("GET", "/v1/panels") >= 3, "five panels in pages of two")
        }
    }
}
