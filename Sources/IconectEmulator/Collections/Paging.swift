/// `page` / `pageSize` / `sortBy` / `sortOrder` of a list request, validated per CONTRACT.md.
struct Paging {
    let page: Int
    let pageSize: Int
    let sortBy: String?
    let descending: Bool

    static let defaultPageSize = 20

    init(_ query: QueryParameters, maxPageSize: Int) throws(APIError) {
        var errors = ValidationErrors()
        var page = 1
        var pageSize = Self.defaultPageSize
        if let text = query["page"] {
            if let value = Int(text.trimming(" ")), value >= 1 {
                page = value
            } else {
                errors.add("page", "page must be an integer of at least 1")
            }
        }
        if let text = query["pageSize"] {
            if let value = Int(text.trimming(" ")), value >= 1, value <= maxPageSize {
                pageSize = value
            } else {
                errors.add("pageSize", "pageSize must be an integer from 1 to \(maxPageSize)")
            }
        }
        var descending = false
        if let order = query["sortOrder"]?.lowercased(), !order.isEmpty {
            if order == "desc" {
                descending = true
            } else if order != "asc" {
                errors.add("sortOrder", "sortOrder must be asc or desc")
            }
        }
        try errors.throwIfAny()
        self.page = page
        self.pageSize = pageSize
        self.descending = descending
        let sortBy = query["sortBy"]?.trimming(" ")
        self.sortBy = (sortBy?.isEmpty ?? true) ? nil : sortBy
    }

    /// The index range of this page within `total` items.
    func range(total: Int) -> Range<Int> {
        let start = min(total, (page - 1).multipliedReportingOverflow(by: pageSize).overflow ? total : (page - 1) * pageSize)
        return start..<min(total, start + pageSize)
    }

    /// Writes `{data, total, page, pageSize, hasMore}`, with `writeItems` writing the elements of `data`.
    func envelope(total: Int, capacity: Int = 1024, _ writeItems: (inout JSONWriter) -> Void) -> [UInt8] {
        var writer = JSONWriter(capacity: capacity)
        writer.beginObject()
        writer.key("data")
        writer.beginArray()
        writeItems(&writer)
        writer.endArray()
        writer.key("total")
        writer.int(total)
        writer.key("page")
        writer.int(page)
        writer.key("pageSize")
        writer.int(pageSize)
        writer.key("hasMore")
        writer.bool(range(total: total).upperBound < total)
        writer.endObject()
        return writer.bytes
    }
}
