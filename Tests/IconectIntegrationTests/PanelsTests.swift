import Foundation
import Iconect
import IconectEmulator
import Testing

@Suite("Panels against the emulator", .timeLimit(.minutes(5)))
struct PanelsTests {
    static let byStatus = ViewQuery(grouping: ["reviewStatus"], aggregations: [.count(as: "documents"), .sum("pageCount", as: "pages")])

    @Test("panel data comes from the view engine: the same query gives the same rows; a viewId narrows that view", arguments: TransportKind.allCases)
    func sameEngine(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 120), transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let panel = try await client.panels.create(NewPanel(
                name: "status", displayName: "Status", type: .chart, projectId: projectId, layout: ["width": 6],
                configuration: Self.byStatus.configuration.merging(["chart": "bar"]) { first, _ in first }))
            #expect(panel.query == Self.byStatus)
            let view = try await client.views.create(NewView(name: "status", displayName: "Status", type: .chart,
                                                             projectId: projectId, baseQuery: Self.byStatus))
            let panelRows = try await client.panels.data(id: panel.id).data
            #expect(panelRows == (try await client.views.data(id: view.id).data))
            #expect(panelRows.reduce(0) { $0 + ($1["documents"]?.intValue ?? 0) } == 120)

            let overView = try await client.panels.create(NewPanel(
                name: "approved", displayName: "Approved by status", type: .grid, projectId: projectId,
                configuration: ["viewId": .string(view.id), "filters": ["reviewStatus": "approved"]]))
            let narrowed = try await client.panels.data(id: overView.id).data
            #expect(narrowed.map { $0["reviewStatus"] } == ["approved"])
            #expect(narrowed.first?["documents"] == panelRows.first { $0["reviewStatus"] == "approved" }?["documents"])
            let all = try await client.panels.paginateData(id: panel.id, pageSize: 1).collect()
            #expect(all == panelRows)
        }
    }

    @Test("get with data, update, list by folder and type, duplicate, export and delete", arguments: TransportKind.allCases)
    func lifecycle(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 20), transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let folder = try await client.folders.create(NewFolder(name: "Panels", projectId: projectId))
            let panel = try await client.panels.create(NewPanel(
                name: "recent", displayName: "Recent", type: .grid, projectId: projectId, folderId: folder.id,
                configuration: ViewQuery(sorting: [SortField("createdDate", .descending)], columns: ["title"]).configuration))
            let withData = try await client.panels.get(id: panel.id, includeData: true, dataLimit: 3)
            #expect(withData.data?.count == 3)
            #expect(withData.data?.first.map { Set($0.values.keys) } == ["id", "documentId", "title"])
            let updated = try await client.panels.update(id: panel.id, PanelChanges(displayName: "Newest", isActive: false))
            #expect(updated.displayName == "Newest")
            #expect(try await client.panels.list(projectId: projectId, folderId: folder.id).data.map(\.id) == [panel.id])
            #expect(try await client.panels.list(projectId: projectId, type: .chart).data.map(\.name) == ["review-progress"])

            let target = try await client.folders.create(NewFolder(name: "Copies", projectId: projectId))
            let copy = try await client.panels.duplicate(id: panel.id, newName: "recent-2", targetFolderId: target.id)
            #expect(copy.folderId == target.id)
            #expect(copy.configuration == panel.configuration)

            let csv = try await client.panels.export(id: panel.id, format: .csv, limit: 5)
            #expect(CSVReader.rows(csv.content).count == 6)
            let definition = try await client.panels.export(id: panel.id, format: .json, includeData: false)
            #expect(try JSONValue(parsing: Data(definition.content.utf8))["id"] == .string(panel.id))
            #expect(definition.rowCount == nil)
            let badLimit = try await expectIconectError { try await client.panels.export(id: panel.id, format: .csv, limit: 20_000) }
            #expect(badLimit.fieldErrors["limit"] != nil)
            let badFolder = try await expectIconectError {
                try await client.panels.create(NewPanel(name: "x", displayName: "X", type: .grid, projectId: projectId, folderId: "fdr_nope"))
            }
            #expect(badFolder.fieldErrors["folderId"] != nil)

            try await client.panels.delete(id: panel.id)
            #expect(try await expectIconectError { try await client.panels.data(id: panel.id) }.code == .notFound)
        }
    }
}
