import Foundation
import Synchronization
import Testing

@testable import Iconect

struct Item: Decodable, Sendable, Identifiable, Hashable {
    let id: Int
}

/// A fake listing of `total` items served `size` to a page, recording which pages were asked for.
final class FakeListing: Sendable {
    let total: Int
    let size: Int
    private let requested = Mutex<[Int]>([])

    init(total: Int, size: Int) {
        self.total = total
        self.size = size
    }

    var pagesRequested: [Int] { requested.withLock { $0 } }

    func page(_ number: Int) -> Page<Item> {
        requested.withLock { $0.append(number) }
        let start = (number - 1) * size
        let items = start < total ? (start..<min(total, start + size)).map(Item.init) : []
        return Page(data: items, total: total, page: number, pageSize: size, hasMore: start + size < total)
    }
}

@Suite("Paginator", .timeLimit(.minutes(2)))
struct PaginatorTests {
    @Test("stops on hasMore == false and yields every item once, in order")
    func stopsAtTheEnd() async throws {
        let listing = FakeListing(total: 250, size: 100)
        let paginator = Paginator<Item> { listing.page($0) }
        let items = try await paginator.collect()
        #expect(items.map(\.id) == Array(0..<250))
        #expect(listing.pagesRequested.sorted() == [1, 2, 3], "no page past the last is fetched")
    }

    @Test("an empty list yields nothing")
    func emptyList() async throws {
        let listing = FakeListing(total: 0, size: 100)
        var pages = 0
        for try await _ in Paginator<Item>(fetch: { listing.page($0) }).pages { pages += 1 }
        #expect(pages == 0)
    }

    @Test("a server that repeats a page does not make the iteration loop")
    func repeatedPage() async throws {
        let calls = Mutex(0)
        let paginator = Paginator<Item> { _ in
            calls.withLock { $0 += 1 }
            return Page(data: [Item(id: 1), Item(id: 2)], total: 1_000_000, page: 1, pageSize: 2, hasMore: true)
        }
        let items = try await paginator.collect()
        #expect(items.map(\.id) == [1, 2])
        #expect(calls.withLock { $0 } <= 3)
    }

    @Test("a server that says hasMore but sends an empty page ends the iteration")
    func emptyPageWithHasMore() async throws {
        let paginator = Paginator<Item> { number in
            number == 1 ? Page(data: [Item(id: 1)], total: 5, page: 1, pageSize: 1, hasMore: true)
                : Page(data: [], total: 5, page: number, pageSize: 1, hasMore: true)
        }
        #expect(try await paginator.collect().map(\.id) == [1])
    }

    @Test("prefetch keeps at most `prefetch` pages ahead of the consumer", arguments: [0, 1, 3])
    func prefetchIsBounded(depth: Int) async throws {
        let listing = FakeListing(total: 2_000, size: 100)
        var consumed = 0
        for try await page in Paginator<Item>(prefetch: depth, fetch: { listing.page($0) }).pages {
            consumed = page.page
            let ahead = (listing.pagesRequested.max() ?? 0) - consumed
            #expect(ahead <= depth, "page \(consumed): \(ahead) pages requested ahead with prefetch \(depth)")
        }
        #expect(consumed == 20)
    }

    @Test("collect(limit:) and first(where:) stop fetching once satisfied")
    func earlyExit() async throws {
        let listing = FakeListing(total: 10_000, size: 100)
        let paginator = Paginator<Item>(prefetch: 1) { listing.page($0) }
        #expect(try await paginator.collect(limit: 150).count == 150)
        #expect((listing.pagesRequested.max() ?? 0) <= 3)
        let found = try await paginator.items.first { $0.id == 420 }
        #expect(found?.id == 420)
    }

    @Test("cancelling the consuming task ends the iteration with .cancelled")
    func cancellation() async throws {
        let listing = FakeListing(total: 100_000, size: 10)
        let (firstItem, signal) = AsyncStream<Void>.makeStream()
        let task = Task {
            var count = 0
            for try await _ in Paginator<Item>(fetch: { listing.page($0) }).items {
                count += 1
                if count == 1 { signal.yield() }
                await Task.yield()
            }
            return count
        }
        for await _ in firstItem { break }
        task.cancel()
        let result = await task.result
        guard case .failure(let error as IconectError) = result else {
            Issue.record("expected .cancelled, got \(result)")
            return
        }
        #expect(error.code == .cancelled)
        #expect(listing.pagesRequested.count < 100)
    }
}
