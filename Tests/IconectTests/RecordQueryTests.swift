import Foundation
import Testing

@testable import Iconect

@Suite("RecordQuery")
struct RecordQueryTests {
    static let operation = Route.searchRecords.operation

    private func encoded(_ query: RecordQuery) throws -> String {
        try query.queryItems(operation: Self.operation).encoded
    }

    @Test func onlyTheProjectByDefault() throws {
        #expect(try encoded(RecordQuery(projectId: "p-1")) == "projectId=p-1")
        #expect(try encoded(RecordQuery(projectId: "p-1", text: "privileged")) == "projectId=p-1&query=privileged")
    }

    @Test func everyParameterEncodesAsTheContractSays() throws {
        let query = RecordQuery(projectId: "p/1")
            .matching("board minutes & notes")
            .filter("docDate", .gte("2024-01-01"))
            .filter("custodian", .in(["Alvarez", "Chen"]))
            .fields(["title", "custodian"])
            .tags(["hot", "privileged"])
            .status([.active, .archived])
            .assigned(to: ["u-1", "u 2"])
            .folder("f-9")
            .dateRange(DateRange(field: "receivedDate", from: "2024-01-01", to: "2024-06-30"))
            .sorted(by: "docDate", .descending)
            .page(2, size: 500)
        let items = try query.queryItems(operation: Self.operation)
        #expect(items.items.map(\.name) == [
            "projectId", "query", "fields", "folderId", "page", "pageSize", "sortBy", "sortOrder",
            "filter.docDate[$gte]", "filter.custodian[$in]", "tags", "status", "assignedTo",
            "dateRange.field", "dateRange.from", "dateRange.to",
        ])
        #expect(items.encoded == [
            "projectId=p%2F1", "query=board%20minutes%20%26%20notes", "fields=title%2Ccustodian", "folderId=f-9", "page=2",
            "pageSize=500", "sortBy=docDate", "sortOrder=desc", "filter.docDate%5B%24gte%5D=2024-01-01",
            "filter.custodian%5B%24in%5D=Alvarez%2CChen", "tags=hot%2Cprivileged", "status=active%2Carchived",
            "assignedTo=u-1%2Cu%202", "dateRange.field=receivedDate", "dateRange.from=2024-01-01", "dateRange.to=2024-06-30",
        ].joined(separator: "&"))
    }

    @Test func ascendingIsTheDefaultSortOrder() throws {
        #expect(try encoded(RecordQuery(projectId: "p").sorted(by: "name")) == "projectId=p&sortBy=name&sortOrder=asc")
    }

    @Test func openEndedDateRange() throws {
        let query = RecordQuery(projectId: "p").dateRange(DateRange(field: "docDate", from: "2024-01-01"))
        #expect(try encoded(query) == "projectId=p&dateRange.field=docDate&dateRange.from=2024-01-01")
    }

    @Test func dateRangeFromDatesUsesTheSDKDateForm() {
        let range = DateRange(field: "docDate", from: Date(timeIntervalSince1970: 1_706_608_800), to: nil)
        #expect(range.from == "2024-01-30T10:00:00Z")
        #expect(range.to == nil)
    }

    @Test func pageKeepsAnEarlierSize() throws {
        let query = RecordQuery(projectId: "p").page(1, size: 250).page(3)
        #expect(query.page == 3)
        #expect(query.pageSize == 250)
    }

    @Test func chainingLeavesTheOriginalUntouched() {
        let base = RecordQuery(projectId: "p")
        let changed = base.matching("x").fields(["a"]).status([.active]).page(2)
        #expect(base == RecordQuery(projectId: "p"))
        #expect(changed != base)
        #expect(changed.text == "x")
    }

    @Test(arguments: [0, -1, Int.min])
    func pageBelowOneIsRejected(page: Int) throws {
        let error = try iconectError { _ = try RecordQuery(projectId: "p").page(page).queryItems(operation: Self.operation) }
        #expect(error.code == .validation)
        #expect(Array(error.fieldErrors.keys) == ["page"])
        #expect(error.operation == Self.operation)
    }

    @Test(arguments: [0, -5, 1001, 5000])
    func pageSizeOutsideOneToThousandIsRejected(size: Int) throws {
        let error = try iconectError { _ = try RecordQuery(projectId: "p").page(1, size: size).queryItems(operation: Self.operation) }
        #expect(error.code == .validation)
        #expect(Array(error.fieldErrors.keys) == ["pageSize"])
        #expect(error.message.contains("1000"))
    }

    @Test func pageSizeLimitsAreInclusive() throws {
        #expect(RecordQuery.maxPageSize == 1000)
        #expect(try encoded(RecordQuery(projectId: "p").page(1, size: 1000)) == "projectId=p&page=1&pageSize=1000")
        #expect(try encoded(RecordQuery(projectId: "p").page(1, size: 1)) == "projectId=p&page=1&pageSize=1")
    }

    @Test func emptyProjectIsRejected() throws {
        let error = try iconectError { _ = try RecordQuery(projectId: "").queryItems(operation: Self.operation) }
        #expect(error.fieldErrors["projectId"] != nil)
    }

    @Test(arguments: [[String](), ["title", ""]])
    func emptyFieldSelectionIsRejected(fields: [String]) throws {
        let error = try iconectError { _ = try RecordQuery(projectId: "p").fields(fields).queryItems(operation: Self.operation) }
        #expect(error.code == .validation)
        #expect(Array(error.fieldErrors.keys) == ["fields"])
    }

    @Test func dateRangeNeedsAField() throws {
        let query = RecordQuery(projectId: "p").dateRange(DateRange(field: "", from: "2024-01-01"))
        let error = try iconectError { _ = try query.queryItems(operation: Self.operation) }
        #expect(error.fieldErrors["dateRange.field"] != nil)
    }

    @Test func filterErrorsSurfaceNamingTheFilterField() throws {
        let query = RecordQuery(projectId: "p").filter("metadata", .eq(["a": 1]))
        let error = try iconectError { _ = try query.queryItems(operation: Self.operation) }
        #expect(error.fieldErrors["filter.metadata"] != nil)
    }

    @Test func filtersGivenAtInitAreKept() throws {
        let query = RecordQuery(projectId: "p", filter: Filter().where("status", equals: "active"))
        #expect(try encoded(query) == "projectId=p&filter.status=active")
    }
}
