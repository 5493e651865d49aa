/// One page of a list: `{"data": [...], "total": N, "page": P, "pageSize": S, "hasMore": bool}`.
public struct Page<Item: Decodable & Sendable>: Decodable, Sendable {
    /// The items on this page.
    public var data: [Item]
    /// How many items the whole list holds.
    public var total: Int
    /// This page's number, from 1.
    public var page: Int
    /// The page size the server used.
    public var pageSize: Int
    /// Whether another page follows.
    public var hasMore: Bool

    public init(data: [Item], total: Int, page: Int, pageSize: Int, hasMore: Bool) {
        self.data = data
        self.total = total
        self.page = page
        self.pageSize = pageSize
        self.hasMore = hasMore
    }

    enum CodingKeys: String, CodingKey { case data, total, page, pageSize, hasMore }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        data = try container.decode([Item].self, forKey: .data)
        total = try container.decodeIfPresent(Int.self, forKey: .total) ?? data.count
        page = try container.decodeIfPresent(Int.self, forKey: .page) ?? 1
        pageSize = try container.decodeIfPresent(Int.self, forKey: .pageSize) ?? data.count
        hasMore = try container.decodeIfPresent(Bool.self, forKey: .hasMore) ?? (page * max(pageSize, 1) < total)
    }
}

extension Page: Equatable where Item: Equatable {}
extension Page: Hashable where Item: Hashable {}
extension Page: Encodable where Item: Encodable {}
