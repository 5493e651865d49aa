/// Every page, or every item, of a list or search, fetched as the caller consumes them.
///
/// ```swift
/// for try await record in client.records.paginate(query).items {
///     try await process(record)
/// }
/// ```
/// - The next page is fetched while the caller works on the current one (``prefetch`` pages ahead, default 1), so at most
///   `prefetch + 1` pages are held at a time however long the list is.
/// - Iteration ends when the server says `hasMore == false`, sends an empty page, or repeats the page it just sent (a server
///   bug that would otherwise loop forever).
/// - Cancelling the consuming task cancels the fetches in flight and ends the iteration with ``IconectError/Code/cancelled``.
public struct Paginator<Item: Decodable & Sendable & Identifiable>: Sendable where Item.ID: Sendable & Hashable {
    /// Fetches page `number` (from 1).
    let fetch: @Sendable (_ number: Int) async throws -> Page<Item>
    /// The first page to fetch.
    public let firstPage: Int
    /// How many pages are fetched ahead of the one being consumed (0 disables prefetching).
    public let prefetch: Int

    init(firstPage: Int = 1, prefetch: Int = 1, fetch: @escaping @Sendable (_ number: Int) async throws -> Page<Item>) {
        self.firstPage = max(1, firstPage)
        self.prefetch = min(max(0, prefetch), 16)
        self.fetch = fetch
    }

    /// The same listing with another prefetch depth (0 to 16).
    public func prefetching(_ pages: Int) -> Paginator {
        Paginator(firstPage: firstPage, prefetch: pages, fetch: fetch)
    }

    /// The pages, in order.
    public var pages: PageSequence<Item> { PageSequence(paginator: self) }

    /// The items of every page, in order.
    public var items: ItemSequence<Item> { ItemSequence(pages: pages) }

    /// Up to `limit` items (all of them when `nil`), stopping the fetching as soon as it has them.
    public func collect(limit: Int? = nil) async throws -> [Item] {
        var result: [Item] = []
        if let limit, limit <= 0 { return result }
        for try await item in items {
            result.append(item)
            if let limit, result.count >= limit { break }
        }
        return result
    }
}

/// The pages of a ``Paginator``.
public struct PageSequence<Item: Decodable & Sendable & Identifiable>: AsyncSequence, Sendable where Item.ID: Sendable & Hashable {
    public typealias Element = Page<Item>
    let paginator: Paginator<Item>

    public func makeAsyncIterator() -> PageIterator<Item> {
        PageIterator(paginator: paginator)
    }
}

/// The items of a ``Paginator``, page after page.
public struct ItemSequence<Item: Decodable & Sendable & Identifiable>: AsyncSequence, Sendable where Item.ID: Sendable & Hashable {
    public typealias Element = Item
    let pages: PageSequence<Item>

    public func makeAsyncIterator() -> Iterator {
        Iterator(pages: pages.makeAsyncIterator())
    }

    public struct Iterator: AsyncIteratorProtocol {
        var pages: PageIterator<Item>
        var current: [Item] = []
        var index = 0

        public mutating func next() async throws -> Item? {
            while index >= current.count {
                guard let page = try await pages.next() else { return nil }
                current = page.data
                index = 0
            }
            defer { index += 1 }
            return current[index]
        }
    }
}
