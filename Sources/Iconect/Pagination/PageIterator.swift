import Synchronization

/// Walks the pages of a ``Paginator``, keeping up to `prefetch` fetches in flight ahead of the consumer.
public struct PageIterator<Item: Decodable & Sendable & Identifiable>: AsyncIteratorProtocol where Item.ID: Sendable & Hashable {
    private let paginator: Paginator<Item>
    private let inflight: PageFetches<Item>
    private var nextToRequest: Int
    private var nextToReturn: Int
    /// The last page number that can exist, once a page has told the total.
    private var lastPage: Int?
    private var previousIds: [Item.ID]?
    private var finished = false

    init(paginator: Paginator<Item>) {
        self.paginator = paginator
        self.inflight = PageFetches()
        self.nextToRequest = paginator.firstPage
        self.nextToReturn = paginator.firstPage
    }

    public mutating func next() async throws -> Page<Item>? {
        guard !finished else { return nil }
        if Task.isCancelled { return try fail(IconectError(.cancelled, "the listing was cancelled")) }
        fill(upTo: nextToReturn)
        guard let task = inflight.take(nextToReturn) else { finished = true; return nil }
        let page: Page<Item>
        do {
            page = try await withTaskCancellationHandler {
                try await task.value
            } onCancel: {
                task.cancel()
            }
        } catch {
            if Task.isCancelled { return try fail(IconectError(.cancelled, "the listing was cancelled")) }
            return try fail(error)
        }
        if Task.isCancelled { return try fail(IconectError(.cancelled, "the listing was cancelled")) }

        let ids = page.data.map(\.id)
        if page.data.isEmpty || ids == previousIds {
            // An empty page ends the listing; a repeated page means the server ignores `page`: stop instead of looping.
            finish()
            return nil
        }
        previousIds = ids
        if page.pageSize > 0, page.total >= 0 {
            lastPage = max(nextToReturn, (page.total + page.pageSize - 1) / page.pageSize)
        }
        nextToReturn += 1
        if page.hasMore {
            fill(upTo: nextToReturn + paginator.prefetch - 1)
        } else {
            finish()
        }
        return page
    }

    /// Starts fetches up to page `number` (never past the known last page).
    private mutating func fill(upTo number: Int) {
        while nextToRequest <= number {
            if let lastPage, nextToRequest > lastPage, nextToRequest > nextToReturn { return }
            let fetch = paginator.fetch
            let pageNumber = nextToRequest
            inflight.put(pageNumber, Task { try await fetch(pageNumber) })
            nextToRequest += 1
        }
    }

    private mutating func finish() {
        finished = true
        inflight.cancelAll()
    }

    private mutating func fail(_ error: any Error) throws -> Page<Item>? {
        finish()
        throw error
    }
}

/// The fetches in flight, cancelled when the iteration ends or the iterator is dropped.
final class PageFetches<Item: Decodable & Sendable>: Sendable {
    private let tasks = Mutex<[Int: Task<Page<Item>, any Error>]>([:])

    func put(_ number: Int, _ task: Task<Page<Item>, any Error>) {
        tasks.withLock { $0[number] = task }
    }

    func take(_ number: Int) -> Task<Page<Item>, any Error>? {
        tasks.withLock { $0.removeValue(forKey: number) }
    }

    func cancelAll() {
        let pending = tasks.withLock { tasks in
            defer { tasks.removeAll() }
            return Array(tasks.values)
        }
        pending.forEach { $0.cancel() }
    }

    deinit {
        cancelAll()
    }
}
