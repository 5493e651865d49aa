import HTTPTypes
import NIOCore
import Synchronization

/// Stores the first response to each `Idempotency-Key` for a while (24 hours by default) and replays it.
///
/// Race-free: while the first request with a key executes, later requests with the same key wait for it
/// and then replay its response, so the handler runs once. Keys are scoped to the caller (one user's key never replays
/// another user's answer), and the store is bounded: past its capacity, expired entries go first, then the oldest.
final class IdempotencyStore: Sendable {
    /// Who sent a key: the token's subject and client.
    struct Scope: Sendable, Hashable {
        let subject: String
        let clientId: String
    }

    private struct Key: Hashable {
        let scope: Scope
        let key: String
    }

    /// What identifies "the same request" for one key.
    struct Fingerprint: Sendable, Equatable {
        let method: String
        let path: String
        let bodyDigest: [UInt8]
    }

    /// What `begin` decided.
    enum Outcome: Sendable {
        case execute
        case replay(Reply)
        case mismatch
    }

    private struct StoredReply: Sendable {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let body: ByteBuffer
    }

    private enum Entry {
        case inFlight(Fingerprint, [CheckedContinuation<Void, Never>])
        case done(Fingerprint, StoredReply, expires: Double)
    }

    private let lifetime: Double
    private let capacity: Int
    private let entries = Mutex<[Key: Entry]>([:])

    init(lifetime: Double, capacity: Int) {
        self.lifetime = lifetime
        self.capacity = max(1, capacity)
    }

    /// How many keys are held (for tests of the bound).
    var count: Int { entries.withLock { $0.count } }

    /// Claims the key for execution, or answers the stored reply (waiting for an in-flight twin first).
    func begin(scope: Scope, key rawKey: String, fingerprint: Fingerprint) async -> Outcome {
        let key = Key(scope: scope, key: rawKey)
        while true {
            enum Step { case outcome(Outcome), wait }
            let step = entries.withLock { entries -> Step in
                switch entries[key] {
                case .none:
                    entries[key] = .inFlight(fingerprint, [])
                    if entries.count > capacity { evict(&entries) }
                    return .outcome(.execute)
                case .done(let stored, let reply, let expires):
                    if expires < ISODate.now {
                        entries[key] = .inFlight(fingerprint, [])
                        return .outcome(.execute)
                    }
                    guard stored == fingerprint else { return .outcome(.mismatch) }
                    var headers = reply.headers
                    headers[.idempotentReplayed] = "true"
                    return .outcome(.replay(Reply(status: reply.status, headers: headers, body: .bytes(reply.body))))
                case .inFlight(let stored, _):
                    return stored == fingerprint ? .wait : .outcome(.mismatch)
                }
            }
            switch step {
            case .outcome(let outcome):
                return outcome
            case .wait:
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let parked = entries.withLock { entries -> Bool in
                        guard case .inFlight(let stored, var waiters) = entries[key] else { return false }
                        waiters.append(continuation)
                        entries[key] = .inFlight(stored, waiters)
                        return true
                    }
                    if !parked { continuation.resume() }
                }
            }
        }
    }

    /// Stores the reply of an executed request (nil or a 5xx/streamed reply releases the key instead) and wakes waiters.
    func finish(scope: Scope, key rawKey: String, fingerprint: Fingerprint, reply: Reply?) {
        let key = Key(scope: scope, key: rawKey)
        let stored: StoredReply? = reply.flatMap { reply in
            guard reply.status.code < 500, let body = reply.bufferedBody else { return nil }
            return StoredReply(status: reply.status, headers: reply.headers, body: body)
        }
        let waiters = entries.withLock { entries -> [CheckedContinuation<Void, Never>] in
            var waiters: [CheckedContinuation<Void, Never>] = []
            if case .inFlight(_, let parked) = entries[key] { waiters = parked }
            if let stored {
                entries[key] = .done(fingerprint, stored, expires: ISODate.now + lifetime)
            } else {
                entries[key] = nil
            }
            return waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Makes room: drops expired answers, then, while still over 90% of the capacity, the answers that expire first.
    /// Keys still executing are never dropped. Evicting a tenth at a time keeps the sort rare.
    private func evict(_ entries: inout [Key: Entry]) {
        let now = ISODate.now
        entries = entries.filter { entry in
            if case .done(_, _, let expires) = entry.value { return expires >= now }
            return true
        }
        let target = capacity - capacity / 10
        guard entries.count > target else { return }
        let oldest = entries.compactMap { entry -> (Key, Double)? in
            if case .done(_, _, let expires) = entry.value { return (entry.key, expires) }
            return nil
        }.sorted { $0.1 < $1.1 }
        for (key, _) in oldest.prefix(entries.count - target) { entries[key] = nil }
    }

    func reset() {
        let waiters = entries.withLock { entries -> [CheckedContinuation<Void, Never>] in
            let parked = entries.values.flatMap { entry -> [CheckedContinuation<Void, Never>] in
                if case .inFlight(_, let waiters) = entry { return waiters }
                return []
            }
            entries.removeAll()
            return parked
        }
        for waiter in waiters { waiter.resume() }
    }
}
