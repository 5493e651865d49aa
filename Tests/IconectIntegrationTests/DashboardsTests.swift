import Foundation
import Iconect
import IconectEmulator
import Testing

@Suite("Dashboards and widgets against the emulator", .timeLimit(.minutes(5)))
struct DashboardsTests {
    static let pagesByType = ViewQuery(grouping: ["docType"], aggregations: [.sum("pageCount", as: "pages"), .count(as: "documents")])

    @Test("widgets: add, data from the view engine narrowed by filters and dates, refresh, update, remove", arguments: TransportKind.allCases)
    func widgets(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 200), transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let dashboard = try await client.dashboards.create(NewDashboard(name: "Mine", layout: ["columns": 12], projectId: projectId))
            let widget = try await client.dashboards.addWidget(dashboardId: dashboard.id, NewWidget(
                type: "chart", title: "Pages by type", configuration: Self.pagesByType.configuration, refreshInterval: 60))
            #expect(widget.query == Self.pagesByType)
            let view = try await client.views.create(NewView(name: "t", displayName: "T", type: .chart, projectId: projectId,
                                                             baseQuery: Self.pagesByType))
            let data = try await client.dashboards.widgetData(dashboardId: dashboard.id, widgetId: widget.id)
            #expect(data.data == (try await client.views.data(id: view.id).data))
            #expect(data.total == 5)

            let range = DateRange(field: "docDate", from: "2022-01-01", to: "2022-12-31")
            let narrowed = try await client.dashboards.widgetData(dashboardId: dashboard.id, widgetId: widget.id,
                                                                  filter: Filter().where("priority", .eq("high")), dateRange: range)
            let expected = try await client.records.search(RecordQuery(projectId: projectId).filter("priority", .eq("high"))
                .dateRange(range).page(1, size: 1000)).total
            #expect(narrowed.data.reduce(0) { $0 + ($1["documents"]?.intValue ?? 0) } == expected)

            #expect(widget.lastRefreshedAt == nil)
            let refreshed = try await client.dashboards.refreshWidget(dashboardId: dashboard.id, widgetId: widget.id)
            #expect(refreshed.lastRefreshedAt != nil)
            let renamed = try await client.dashboards.updateWidget(dashboardId: dashboard.id, widgetId: widget.id,
                                                                   WidgetChanges(title: "Pages", refreshInterval: 0))
            #expect(renamed.title == "Pages")
            let stored = try await client.dashboards.get(id: dashboard.id, includeWidgetData: true)
            #expect(stored.widgets?.first?.refreshInterval == 0)
            #expect(stored.widgets?.first?.data == data.data)

            let bad = try await expectIconectError {
                try await client.dashboards.addWidget(dashboardId: dashboard.id, NewWidget(type: "hologram", title: "x"))
            }
            #expect(bad.fieldErrors["widget.type"] != nil)
            let badQuery = try await expectIconectError {
                try await client.dashboards.updateWidget(dashboardId: dashboard.id, widgetId: widget.id,
                                                         WidgetChanges(configuration: ["aggregations": [["function": "median"]]]))
            }
            #expect(badQuery.fieldErrors["widget.configuration.aggregations[0].function"] != nil)
            try await client.dashboards.removeWidget(dashboardId: dashboard.id, widgetId: widget.id)
            #expect(try await client.dashboards.get(id: dashboard.id).widgets == [])
            #expect(try await expectIconectError {
                try await client.dashboards.removeWidget(dashboardId: dashboard.id, widgetId: widget.id)
            }.code == .notFound)
        }
    }

    @Test("one default per project; duplicate, export, share, update, list and delete", arguments: TransportKind.allCases)
    func lifecycle(transport: TransportKind) async throws {
        try await withEmulator(EmulatorConfiguration(seedRecords: 30), transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            let seeded = try #require(try await client.dashboards.list(projectId: projectId, isDefault: true).data.first)
            #expect(seeded.widgets?.count == 4)
            let mine = try await client.dashboards.create(NewDashboard(name: "Mine", projectId: projectId, isDefault: true))
            #expect(try await client.dashboards.list(projectId: projectId, isDefault: true).data.map(\.id) == [mine.id])

            let copy = try await client.dashboards.duplicate(id: seeded.id, newName: "Overview 2")
            #expect(copy.isDefault == false)
            #expect(copy.widgets?.count == 4)
            let copiedIds = Set(copy.widgets?.map(\.id) ?? [])
            #expect(copiedIds.isDisjoint(with: seeded.widgets?.map(\.id) ?? []))

            let export = try await client.dashboards.export(id: seeded.id, format: .json, includeData: true)
            let exported = try JSONValue(parsing: Data(export.content.utf8))
            #expect(exported["id"] == .string(seeded.id))
            #expect(exported["widgets"]?.arrayValue?.allSatisfy { $0["data"] != nil } == true)
            let pdf = try await expectIconectError { try await client.dashboards.export(id: seeded.id, format: .pdf) }
            #expect(pdf.status == 422)

            let expired = try await expectIconectError {
                try await client.dashboards.share(id: mine.id, shareType: .token, expiresAt: Date(timeIntervalSinceNow: -60))
            }
            #expect(expired.fieldErrors["expiresAt"] != nil)
            let share = try await client.dashboards.share(id: mine.id, shareType: .token, expiresAt: Date(timeIntervalSinceNow: 3600),
                                                          permissions: ["view", "interact"])
            #expect(share.shareType == .token)
            #expect(share.permissions == ["view", "interact"])
            let badPermission = try await expectIconectError {
                try await client.dashboards.share(id: mine.id, shareType: .public, permissions: ["delete"])
            }
            #expect(badPermission.fieldErrors["permissions"] != nil)

            let updated = try await client.dashboards.update(id: mine.id, DashboardChanges(name: "Renamed", isActive: false))
            #expect(updated.name == "Renamed")
            #expect(try await client.dashboards.paginate(projectId: projectId, isActive: false).collect().map(\.id) == [mine.id])
            try await client.dashboards.delete(id: mine.id)
            #expect(try await expectIconectError { try await client.dashboards.get(id: mine.id) }.code == .notFound)
        }
    }
}
