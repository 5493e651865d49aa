import Testing

@testable import Iconect

@Suite("ListOptions")
struct ListOptionsTests {
    static let operation = Route.listProjects.operation

    private func items(_ options: ListOptions, max: Int = 100) throws -> QueryItems {
        try options.queryItems(maxPageSize: max, operation: Self.operation)
    }

    @Test func defaultsSendNothing() throws {
        #expect(try items(ListOptions()).isEmpty)
    }

    @Test func everyParameterInOrder() throws {
        let options = ListOptions(
            page: 3, pageSize: 50, sortBy: "createdDate", sortOrder: .descending,
            filter: Filter().where("status", equals: "active").where("createdDate", .gte("2024-01-01")))
        #expect(try items(options).encoded
            == "page=3&pageSize=50&sortBy=createdDate&sortOrder=desc&filter.status=active&filter.createdDate%5B%24gte%5D=2024-01-01")
    }

    @Test func filterPrefixCanBeChangedOrDropped() throws {
        let options = ListOptions(filter: Filter().where("a", .eq("b")))
        #expect(try options.queryItems(maxPageSize: 100, operation: "op", filterPrefix: "where").encoded == "where.a=b")
        #expect(try options.queryItems(maxPageSize: 100, operation: "op", filterPrefix: nil).isEmpty)
    }

    @Test(arguments: [0, -1])
    func pageBelowOneIsAValidationErrorNamingPage(page: Int) throws {
        let error = try iconectError { _ = try items(ListOptions(page: page)) }
        #expect(error.code == .validation)
        #expect(Array(error.fieldErrors.keys) == ["page"])
        #expect(error.operation == Self.operation)
        #expect(error.message.contains("\(page)"))
    }

    @Test(arguments: [0, -1, 101, 1000])
    func pageSizeOutsideTheListLimitIsAValidationErrorNamingPageSize(size: Int) throws {
        let error = try iconectError { _ = try items(ListOptions(pageSize: size)) }
        #expect(error.code == .validation)
        #expect(Array(error.fieldErrors.keys) == ["pageSize"])
        #expect(error.operation == Self.operation)
    }

    @Test func limitsAreInclusive() throws {
        #expect(try items(ListOptions(page: 1, pageSize: 1)).encoded == "page=1&pageSize=1")
        #expect(try items(ListOptions(pageSize: 100)).encoded == "pageSize=100")
    }

    @Test func searchLikeOperationsAllowAThousand() throws {
        #expect(try items(ListOptions(pageSize: 1000), max: 1000).encoded == "pageSize=1000")
        let error = try iconectError { _ = try items(ListOptions(pageSize: 1001), max: 1000) }
        #expect(error.fieldErrors["pageSize"] != nil)
    }

    @Test func pageIsCheckedBeforePageSize() throws {
        let error = try iconectError { _ = try items(ListOptions(page: 0, pageSize: 0)) }
        #expect(Array(error.fieldErrors.keys) == ["page"])
    }

    @Test func badFilterOperandNamesTheFilterField() throws {
        let error = try iconectError { _ = try items(ListOptions(filter: Filter().where("settings", .eq(["a": 1])))) }
        #expect(error.fieldErrors["filter.settings"] != nil)
    }
}
