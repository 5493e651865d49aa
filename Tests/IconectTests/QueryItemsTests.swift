import Testing

@testable import Iconect

@Suite("QueryItems")
struct QueryItemsTests {
    @Test func emptyQueryEncodesToNothing() {
        let items = QueryItems()
        #expect(items.isEmpty)
        #expect(items.encoded == "")
    }

    @Test func nilValuesAreSkipped() {
        var items = QueryItems()
        items.add("a", nil as String?)
        items.add("b", nil as Int?)
        items.add("c", nil as Bool?)
        items.add("d", nil as [String]?)
        items.add("e", nil as SortOrder?)
        #expect(items.isEmpty)
    }

    @Test func typedValues() {
        var items = QueryItems()
        items.add("page", 2)
        items.add("includeFiles", true)
        items.add("force", false)
        items.add("sortOrder", SortOrder.descending)
        items.add("status", RecordStatus(rawValue: "quarantined"))
        items.add("fields", ["id", "name", "status"])
        #expect(items.encoded == "page=2&includeFiles=true&force=false&sortOrder=desc&status=quarantined&fields=id%2Cname%2Cstatus")
    }

    @Test func emptyListIsSkippedButEmptyStringIsKept() {
        var items = QueryItems()
        items.add("fields", [String]())
        #expect(items.isEmpty)
        items.add("query", "")
        #expect(items.encoded == "query=")
    }

    @Test func orderAndRepeatsArePreserved() {
        var items = QueryItems()
        items.add("z", "1")
        items.add("a", "2")
        items.add("z", "3")
        #expect(items.items.map(\.name) == ["z", "a", "z"])
        #expect(items.encoded == "z=1&a=2&z=3")
    }

    @Test func namesAndValuesAreBothEncodedStrictly() {
        var items = QueryItems()
        items.add("filter.docDate[$gte]", "2024-01-01T00:00:00+02:00")
        items.add("q", "a&b=c d/é")
        #expect(items.encoded == "filter.docDate%5B%24gte%5D=2024-01-01T00%3A00%3A00%2B02%3A00&q=a%26b%3Dc%20d%2F%C3%A9")
    }

    @Test func appendKeepsBothLists() {
        var first = QueryItems()
        first.add("a", "1")
        var second = QueryItems()
        second.add("b", "2")
        first.append(contentsOf: second)
        #expect(first.encoded == "a=1&b=2")
    }

    @Test func sortedIsCanonical() {
        var one = QueryItems()
        one.add("b", "2")
        one.add("a", "9")
        one.add("a", "1")
        var two = QueryItems()
        two.add("a", "1")
        two.add("b", "2")
        two.add("a", "9")
        #expect(one != two)
        #expect(one.sorted == two.sorted)
        #expect(one.sorted.encoded == "a=1&a=9&b=2")
    }
}
